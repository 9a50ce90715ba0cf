import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { transform } from 'lightningcss';
import ts from 'typescript';
import { hasTemplates, minifyTemplates } from './template-literals.js';

const root = new URL('..', import.meta.url).pathname;
const sources = (readdirSync(join(root, 'components'), { recursive: true }) as string[])
  .map((file) => join(root, 'components', file))
  .filter(hasTemplates);

interface Template {
  tag: string;
  /** The static parts' text. */
  parts: string[];
  /** The expressions' source text. */
  expressions: string[];
}

/** Every `css` and `html` template of `code`, in source order. */
function templates(code: string): Template[] {
  const found: Template[] = [];
  const visit = (node: ts.Node) => {
    if (ts.isTaggedTemplateExpression(node) && ts.isIdentifier(node.tag) && ['css', 'html'].includes(node.tag.text)) {
      const template = node.template;
      found.push(
        ts.isNoSubstitutionTemplateLiteral(template)
          ? { tag: node.tag.text, parts: [template.rawText ?? ''], expressions: [] }
          : {
              tag: node.tag.text,
              parts: [template.head.rawText ?? '', ...template.templateSpans.map((span) => span.literal.rawText ?? '')],
              expressions: template.templateSpans.map((span) => span.expression.getText()),
            },
      );
    }
    ts.forEachChild(node, visit);
  };
  visit(ts.createSourceFile('x.ts', code, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS));
  return found;
}

/** `code` with the static text of every template literal (tagged or not) taken out. */
function withoutTemplateText(code: string): string {
  const ranges: [number, number][] = [];
  const visit = (node: ts.Node) => {
    if (ts.isNoSubstitutionTemplateLiteral(node) || ts.isTemplateTail(node)) ranges.push([node.getStart() + 1, node.end - 1]);
    else if (ts.isTemplateHead(node) || ts.isTemplateMiddle(node)) ranges.push([node.getStart() + 1, node.end - 2]);
    ts.forEachChild(node, visit);
  };
  visit(ts.createSourceFile('x.ts', code, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS));
  return ranges.sort((a, b) => b[0] - a[0]).reduce((text, [start, end]) => text.slice(0, start) + text.slice(end), code);
}

describe('the templates as the package ships them', () => {
  it('finds the element sources, and not their tests', () => {
    assert.ok(sources.length >= 30, `${sources.length} sources`);
    assert.ok(sources.every((file) => !file.endsWith('.test.ts')));
  });

  for (const file of sources) {
    it(`${file.slice(root.length)}: templates minified, the code around them and in them the same`, () => {
      const source = readFileSync(file, 'utf8');
      const shipped = minifyTemplates(source, file);
      const [before, after] = [templates(source), templates(shipped)];
      assert.equal(after.length, before.length, 'as many templates');
      before.forEach((template, i) => {
        const minified = after[i]!;
        // Nested templates are minified in their turn: the expressions' code is the same.
        assert.deepEqual(
          minified.expressions.map(withoutTemplateText),
          template.expressions.map(withoutTemplateText),
          `template ${i}: its expressions untouched`,
        );
        if (template.tag === 'css' && template.parts.length === 1) {
          assert.doesNotMatch(minified.parts[0]!, /\/\*|\n/, 'no comments, no line breaks');
          // Read again, the shipped CSS is the source's rules: minifying it changes nothing more.
          assert.equal(
            transform({ filename: file, code: Buffer.from(minified.parts[0]!), minify: true }).code.toString(),
            minified.parts[0],
          );
        }
        if (template.tag === 'html') {
          minified.parts.forEach((part, j) => {
            assert.doesNotMatch(part, /\n/, `template ${i}, part ${j}: no line breaks`);
            assert.equal(part.replace(/\s+/g, ' '), template.parts[j]!.replace(/\s+/g, ' '), 'the same text, whitespace folded');
          });
        }
      });
      // Outside the templates' text nothing changes.
      assert.equal(withoutTemplateText(shipped), withoutTemplateText(source));
    });
  }

  it('folds an html template’s line breaks to one space, nested templates too, and leaves its expressions alone', () => {
    const code = [
      'html`<ul>',
      '    ${items.map((item) => {',
      '      const label = item.name;',
      '      return html`<li>',
      '        ${label}',
      '      </li>`;',
      '    })}',
      '  </ul>`',
    ].join('\n');
    assert.equal(
      minifyTemplates(code, 'x.ts'),
      [
        'html`<ul> ${items.map((item) => {',
        '      const label = item.name;',
        '      return html`<li> ${label} </li>`;',
        '    })} </ul>`',
      ].join('\n'),
    );
  });

  it('minifies a css template: values, :host, ::part and custom properties kept', () => {
    const shipped = minifyTemplates(
      'css`\n  /* why */\n  :host {\n    --pat-x: var(--sl-spacing-small);\n  }\n  sl-badge::part(base) {\n    font-size: max(12px, 0.75em);\n  }\n`',
      'x.styles.ts',
    );
    assert.equal(shipped, 'css`:host{--pat-x:var(--sl-spacing-small)}sl-badge::part(base){font-size:max(12px,.75em)}`');
  });

  it('leaves a css template with an interpolation or an escape as it is', () => {
    for (const code of ['css`a { color: ${colour}; }`', "css`a::before { content: '\\\\2014'; }`"]) {
      assert.equal(minifyTemplates(code, 'x.styles.ts'), code);
    }
  });

  it('fails the build on CSS that does not parse, naming the file', () => {
    assert.throws(
      () => minifyTemplates('css`\n a { color: red; }\n @media (min-width: { a {} }`', 'broken.styles.ts'),
      /^Error: broken\.styles\.ts: Invalid media query/,
    );
  });
});
