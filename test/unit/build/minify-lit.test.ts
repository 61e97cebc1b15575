import { describe, expect, it } from 'vitest';
import { minifyCss } from '../../../scripts/minify-lit-css';
import { minifyHtml, minifyLitHtml } from '../../../scripts/minify-lit-html';

describe('minifyCss', () => {
  it('drops comments and the whitespace around punctuation and after colons', () => {
    expect(minifyCss('\n  .a > .b , .c:hover {\n    color: red; /* why */\n    margin: 0 auto ;\n  }\n')).toBe(
      '.a>.b,.c:hover{color:red;margin:0 auto}',
    );
    expect(minifyCss('@media (prefers-color-scheme: dark) {\n  .a { color: #fff; }\n}')).toBe(
      '@media (prefers-color-scheme:dark){.a{color:#fff}}',
    );
  });

  it('keeps quoted strings exactly as written', () => {
    expect(minifyCss(".t::before { content: '·  ;} /* x */'; font-family: 'Segoe UI', \"A  B\", sans-serif; }")).toBe(
      ".t::before{content:'·  ;} /* x */';font-family:'Segoe UI',\"A  B\",sans-serif}",
    );
    expect(minifyCss(".q { content: 'it\\'s :  here'; }")).toBe(".q{content:'it\\'s :  here'}");
  });
});

describe('minifyHtml', () => {
  it('turns each whitespace run with a line break into one space', () => {
    expect(minifyHtml('\n  <button\n    part="a"\n    type="button"\n  >\n    Hi\n  </button>\n')).toBe(
      ' <button part="a" type="button" > Hi </button> ',
    );
  });

  it('leaves other whitespace, and the content of pre and textarea, alone', () => {
    expect(minifyHtml('<b>a  b</b> <i> c</i>')).toBe('<b>a  b</b> <i> c</i>');
    expect(minifyHtml('<div>\n  <textarea rows="1">\n  x\n</textarea>\n  <pre>\n y\n</pre>\n</div>')).toBe(
      '<div> <textarea rows="1">\n  x\n</textarea> <pre>\n y\n</pre> </div>',
    );
  });
});

describe('minifyLitHtml', () => {
  const transform = (code: string): string | null => {
    const hook = minifyLitHtml().transform as (code: string, id: string) => { code: string } | null;
    return hook(code, '/repo/src/x.ts')?.code ?? null;
  };

  it('rewrites only html and svg templates, around their ${…} parts', () => {
    const code = [
      "const a = html`\n  <p class=${c}>\n    ${x} ✓ …\n  </p>\n`;",
      'const b = svg`<g>\n  <path d="M0 0" />\n</g>`;',
      'const c = css`\n  .a {}\n`;',
      'const d = `\n  plain\n`;',
      'const e = other`\n  x\n`;',
    ].join('\n');
    expect(transform(code)).toBe(
      [
        'const a = html` <p class=${c}> ${x} ✓ … </p> `;',
        'const b = svg`<g> <path d="M0 0" /> </g>`;',
        'const c = css`\n  .a {}\n`;',
        'const d = `\n  plain\n`;',
        'const e = other`\n  x\n`;',
      ].join('\n'),
    );
  });

  it('handles templates nested in expressions, and leaves files without templates alone', () => {
    expect(transform('const a = html`<ul>\n  ${items.map((i) => html`<li>\n  ${i}\n</li>`)}\n</ul>`;')).toBe(
      'const a = html`<ul> ${items.map((i) => html`<li> ${i} </li>`)} </ul>`;',
    );
    expect(transform('const a = html`<b>${x}</b>`;')).toBeNull();
    expect(transform('const a = 1;')).toBeNull();
  });
});
