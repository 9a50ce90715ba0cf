import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { transform } from 'lightningcss';
import { minifyCssLiterals } from './css-literals.js';

const root = new URL('..', import.meta.url).pathname;
const stylesModules = (readdirSync(join(root, 'components'), { recursive: true }) as string[])
  .filter((file) => file.endsWith('.styles.ts'))
  .map((file) => join(root, 'components', file));
const templates = (code: string) => [...code.matchAll(/\bcss`([^`]*)`/g)].map((match) => match[1]!);

describe('the styles as the package ships them', () => {
  it('finds the styles modules', () => {
    assert.ok(stylesModules.length >= 10, `${stylesModules.length} modules`);
  });

  for (const file of stylesModules) {
    it(`${file.slice(root.length)}: every template minified, to the same rules`, () => {
      const source = readFileSync(file, 'utf8');
      const shipped = minifyCssLiterals(source, file);
      const [before, after] = [templates(source), templates(shipped)];
      assert.equal(after.length, before.length);
      before.forEach((css, i) => {
        assert.ok(after[i]!.length < css.length, `template ${i} is smaller`);
        assert.doesNotMatch(after[i]!, /\/\*|\n/, 'no comments, no line breaks');
        // Read again, the shipped CSS is the source's rules: minifying it changes nothing more.
        assert.equal(transform({ filename: file, code: Buffer.from(after[i]!), minify: true }).code.toString(), after[i]);
      });
      // Only the templates change: the module's code around them is the same.
      assert.equal(shipped.replace(/\bcss`[^`]*`/g, 'css``'), source.replace(/\bcss`[^`]*`/g, 'css``'));
    });
  }

  it('keeps the declarations: values, :host, ::part and custom properties survive', () => {
    const shipped = minifyCssLiterals(
      'css`\n  /* why */\n  :host {\n    --pat-x: var(--sl-spacing-small);\n  }\n  sl-badge::part(base) {\n    font-size: max(12px, 0.75em);\n  }\n`',
      'x.styles.ts',
    );
    assert.equal(shipped, 'css`:host{--pat-x:var(--sl-spacing-small)}sl-badge::part(base){font-size:max(12px,.75em)}`');
  });

  it('leaves a template with an interpolation or an escape as it is', () => {
    for (const code of ['css`a { color: ${colour}; }`', "css`a::before { content: '\\\\2014'; }`"]) {
      assert.equal(minifyCssLiterals(code, 'x.styles.ts'), code);
    }
  });

  it('fails the build on CSS that does not parse, naming the file', () => {
    assert.throws(
      () => minifyCssLiterals('css`\n a { color: red; }\n @media (min-width: { a {} }`', 'broken.styles.ts'),
      /^Error: broken\.styles\.ts: Invalid media query/,
    );
  });
});
