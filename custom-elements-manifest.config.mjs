import { readFileSync, writeFileSync } from 'node:fs';
import { customElementJetBrainsPlugin } from 'custom-element-jet-brains-integration';
import { customElementJsxPlugin } from 'custom-element-jsx-integration';
import { customElementVsCodePlugin } from 'custom-element-vs-code-integration';
import { customElementVuejsPlugin } from 'custom-element-vuejs-integration';

// `cem analyze` reads the element's JSDoc (the API contract: @fires, @csspart, @cssprop) and writes
// dist/custom-elements.json; the plugins below turn that manifest into the editors' data and the
// framework typings the package ships, so none of them is written by hand.

/** The source modules and the shipped modules they are built into: the manifest names what ships. */
const shipped = {
  'src/core/cc-chat.ts': 'dist/index.js',
  'src/define.ts': 'dist/define.js',
};

/** Rewrites module paths (and references to them) from src/ to the files in the package. */
function shippedPaths() {
  // References to another module come as `/src/core/cc-chat` (rooted, no extension).
  const rename = (path) => {
    const source = path.replace(/^\//, '').replace(/^(src\/.*?)(\.ts)?$/, '$1.ts');
    return shipped[source] ?? path;
  };
  const visit = (node) => {
    if (Array.isArray(node)) return node.forEach(visit);
    if (!node || typeof node !== 'object') return;
    for (const [key, value] of Object.entries(node)) {
      if ((key === 'path' || key === 'module') && typeof value === 'string') node[key] = rename(value);
      else visit(value);
    }
  };
  return {
    name: 'cc-chat-shipped-paths',
    packageLinkPhase({ customElementsManifest }) {
      visit(customElementsManifest.modules);
    },
  };
}

/**
 * The JSDoc's `@fires {Detail}` names the detail type, as the generators above expect (they wrap it in
 * `CustomEvent<…>` and import it); the manifest itself says what is dispatched: `CustomEvent<Detail>`.
 * Listed after the generators, so it runs once they have read the manifest.
 */
function customEventTypes() {
  return {
    name: 'cc-chat-custom-event-types',
    packageLinkPhase({ customElementsManifest }) {
      for (const mod of customElementsManifest.modules)
        for (const declaration of mod.declarations ?? [])
          for (const event of declaration.events ?? [])
            if (event.type?.text) event.type.text = `CustomEvent<${event.type.text}>`;
    },
  };
}

/**
 * Read-only fields (getters such as `connectionState`) are documented in the manifest but are not properties a
 * framework can set: hidden from the JSX and Vue generators (between `hide` and `restore`), kept in the manifest.
 */
function readonlyFieldsHiddenFromTypings() {
  const hidden = new Map();
  const declarations = (manifest) => manifest.modules.flatMap((mod) => mod.declarations ?? []);
  return {
    hide: {
      name: 'cc-chat-hide-readonly-fields',
      packageLinkPhase({ customElementsManifest }) {
        for (const declaration of declarations(customElementsManifest)) {
          if (!declaration.members) continue;
          hidden.set(declaration, declaration.members);
          declaration.members = declaration.members.filter((member) => !(member.kind === 'field' && member.readonly));
        }
      },
    },
    restore: {
      name: 'cc-chat-restore-readonly-fields',
      packageLinkPhase({ customElementsManifest }) {
        for (const declaration of declarations(customElementsManifest)) {
          if (hidden.has(declaration)) declaration.members = hidden.get(declaration);
        }
      },
    },
  };
}

const readonlyFields = readonlyFieldsHiddenFromTypings();

/**
 * Vue's template checker (vue-tsc, Volar) matches `poll-interval="…"` to a prop named `pollInterval` and
 * `@cc-message` to one named `onCcMessage`; the generator writes `"poll-interval"` and `"oncc-message"`, which
 * nothing in a template matches. Rewrites the generated keys to the names Vue looks up.
 */
function vueTemplateNames(file) {
  const camel = (name) => name.replace(/-([a-z])/g, (_, letter) => letter.toUpperCase());
  return {
    name: 'cc-chat-vue-template-names',
    packageLinkPhase() {
      const text = readFileSync(file, 'utf8')
        .replace(/^(\s*)"on(cc-[a-z-]+)"\?:/gm, (_, indent, event) => `${indent}on${camel(`-${event}`)}?:`)
        .replace(/^(\s*)"([a-z]+(?:-[a-z]+)+)"\?:/gm, (_, indent, attribute) => `${indent}${camel(attribute)}?:`);
      writeFileSync(file, text);
    },
  };
}

export default {
  globs: Object.keys(shipped),
  outdir: 'dist',
  litelement: true,
  plugins: [
    shippedPaths(),
    customElementVsCodePlugin({ outdir: 'dist', hideLogs: true }),
    customElementJetBrainsPlugin({ outdir: 'dist', packageJson: false, hideLogs: true }),
    // Types for JSX (React 19, Preact, Solid) and Vue, beside the declarations they import the class from.
    readonlyFields.hide,
    customElementJsxPlugin({ outdir: 'dist/types', fileName: 'jsx.d.ts', globalTypePath: './index.js', hideLogs: true }),
    customElementVuejsPlugin({ outdir: 'dist/types', fileName: 'vue.d.ts', globalTypePath: './index.js', hideLogs: true }),
    vueTemplateNames('dist/types/vue.d.ts'),
    readonlyFields.restore,
    customEventTypes(),
  ],
};
