/**
 * The elements' styles, minified where they are built: each `css\`…\`` template of a
 * `*.styles.ts` module through lightningcss. Comments and indentation help whoever reads the
 * source; hosts need neither. The package build, the demo build and the bundle bench all use it.
 */
import { transform } from 'lightningcss';
import type { Plugin } from 'vite';

const TEMPLATE = /\bcss`([^`]*)`/g;

/** True for the modules whose templates are minified. */
export const isStylesModule = (id: string) => /\.styles\.ts$/.test(id);

/**
 * `code` with the contents of every `css` template minified. A template with `${…}` or a
 * backslash in it is left as it is (its parts are not CSS on their own; an escape means one thing
 * to JavaScript and another to CSS); CSS that does not parse fails the build.
 */
export function minifyCssLiterals(code: string, filename: string): string {
  return code.replace(TEMPLATE, (whole, body: string) => {
    if (body.includes('${') || body.includes('\\')) return whole;
    try {
      return `css\`${transform({ filename, code: Buffer.from(body), minify: true }).code.toString()}\``;
    } catch (error) {
      const { message, loc } = error as { message: string; loc?: { line: number } };
      throw new Error(`${filename}: ${message}${loc ? ` (line ${loc.line} of its css template)` : ''}`, { cause: error });
    }
  });
}

/** The Vite (and Rollup) plugin: applies minifyCssLiterals before TypeScript is stripped. */
export function cssLiterals(): Plugin {
  return {
    name: 'pat-kit-css-literals',
    enforce: 'pre',
    transform(code, id) {
      return isStylesModule(id) ? { code: minifyCssLiterals(code, id), map: null } : undefined;
    },
  };
}
