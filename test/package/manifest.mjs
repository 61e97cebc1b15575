// The installed package's manifest and editor data: generated from the element's JSDoc, so they must
// carry all of it (parts, custom properties, typed events) and name only files that ship.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { documented } from './api-surface.mjs';

const readJson = (path) => JSON.parse(readFileSync(path, 'utf8'));

function same(what, actual, expected) {
  const missing = [...expected].filter((name) => !actual.has(name));
  const extra = [...actual].filter((name) => !expected.has(name));
  if (missing.length || extra.length)
    throw new Error(`${what}: missing ${JSON.stringify(missing)}, unexpected ${JSON.stringify(extra)}`);
}

/** Throws when the manifest or the editor data in the installed package (a directory) fall short. */
export function checkManifest(installed) {
  const pkg = readJson(join(installed, 'package.json'));
  for (const field of ['customElements', 'web-types'])
    if (!existsSync(join(installed, pkg[field]))) throw new Error(`package.json ${field} names a missing file`);

  const manifest = readJson(join(installed, pkg.customElements));
  for (const mod of manifest.modules)
    if (!existsSync(join(installed, mod.path))) throw new Error(`custom-elements.json: ${mod.path} is not in the package`);
  const element = manifest.modules.flatMap((mod) => mod.declarations ?? []).find((d) => d.tagName === 'cc-chat');
  if (!element) throw new Error('custom-elements.json has no cc-chat');

  const docs = documented();
  same('manifest parts', new Set(element.cssParts.map((p) => p.name)), docs.parts);
  same('manifest custom properties', new Set(element.cssProperties.map((p) => p.name)), docs.properties);
  same('manifest events', new Set(element.events.map((e) => e.name)), docs.events);
  const untyped = element.events.filter((e) => !/^CustomEvent<.+>$/.test(e.type?.text ?? ''));
  if (untyped.length) throw new Error(`untyped events: ${untyped.map((e) => e.name).join(', ')}`);

  const html = readJson(join(installed, 'dist/vscode.html-custom-data.json'));
  if (!html.tags.some((tag) => tag.name === 'cc-chat')) throw new Error('VS Code HTML data lacks cc-chat');
  const css = readJson(join(installed, 'dist/vscode.css-custom-data.json'));
  same('VS Code CSS data', new Set(css.properties.map((p) => p.name)), docs.properties);
  const webTypes = readJson(join(installed, pkg['web-types']));
  if (!webTypes.contributions.html.elements.some((e) => e.name === 'cc-chat')) throw new Error('web-types lack cc-chat');

  console.log(`\ncustom-elements.json: ${docs.parts.size} parts, ${docs.properties.size} custom properties, ` +
    `${docs.events.size} typed events; VS Code data and web-types present.`);
}
