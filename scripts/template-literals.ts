/**
 * The elements' templates, minified where they are built: every `css\`…\`` through lightningcss,
 * and the line breaks and indentation of every `html\`…\`` folded to one space (what HTML reads
 * them as). Comments and indentation help whoever reads the source; hosts need neither. The
 * package build, the demo build, the bundle bench and the browser tests all use it, so the tests
 * run what ships. Templates are found by TypeScript's parser: only their static text changes.
 */
import { transform } from 'lightningcss';
import ts from 'typescript';
import type { Plugin } from 'vite';

/** True for the element sources whose templates are minified (not their tests). */
export const hasTemplates = (id: string) => /\/components\/.*\.ts$/.test(id) && !id.endsWith('.test.ts');

interface Edit {
  start: number;
  end: number;
  text: string;
}

function minifiedCss(css: string, filename: string): string {
  try {
    return transform({ filename, code: Buffer.from(css), minify: true }).code.toString();
  } catch (error) {
    const { message, loc } = error as { message: string; loc?: { line: number } };
    throw new Error(`${filename}: ${message}${loc ? ` (line ${loc.line} of its css template)` : ''}`, { cause: error });
  }
}

/** The static text of a template literal's parts: [start, end) of each, between its delimiters. */
function literalParts(template: ts.TemplateLiteral): { start: number; end: number }[] {
  const part = (node: ts.Node, closing: number) => ({ start: node.getStart() + 1, end: node.end - closing });
  if (ts.isNoSubstitutionTemplateLiteral(template)) return [part(template, 1)];
  return [part(template.head, 2), ...template.templateSpans.map((span) => part(span.literal, ts.isTemplateTail(span.literal) ? 1 : 2))];
}

/**
 * `code` with its templates minified. A `css` template with `${…}` or a backslash is left as it
 * is (its parts are not CSS on their own; an escape means one thing to JavaScript and another to
 * CSS); CSS that does not parse fails the build.
 */
export function minifyTemplates(code: string, filename: string): string {
  const source = ts.createSourceFile(filename, code, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const edits: Edit[] = [];
  const visit = (node: ts.Node) => {
    if (ts.isTaggedTemplateExpression(node) && ts.isIdentifier(node.tag)) {
      const parts = literalParts(node.template);
      if (node.tag.text === 'css' && parts.length === 1) {
        const [{ start, end }] = parts as [Edit];
        const css = code.slice(start, end);
        if (!css.includes('\\')) edits.push({ start, end, text: minifiedCss(css, filename) });
      } else if (node.tag.text === 'html') {
        for (const { start, end } of parts) edits.push({ start, end, text: code.slice(start, end).replace(/\s*\n\s*/g, ' ') });
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  let result = code;
  for (const { start, end, text } of edits.sort((a, b) => b.start - a.start)) result = result.slice(0, start) + text + result.slice(end);
  return result;
}

/** The Vite (and Rollup) plugin: applies minifyTemplates before TypeScript is stripped. */
export function minifiedTemplates(): Plugin {
  return {
    name: 'pat-kit-minified-templates',
    enforce: 'pre',
    transform(code, id) {
      return hasTemplates(id) ? { code: minifyTemplates(code, id), map: null } : undefined;
    },
  };
}
