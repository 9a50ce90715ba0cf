import { readdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { minifiedTemplates } from './scripts/template-literals.js';
import { defineConfig } from 'vite';

const root = dirname(fileURLToPath(import.meta.url));

/** Every element folder: `components/<tag>/<tag>.ts` registers `<tag>`. */
export const ELEMENT_TAGS = readdirSync(join(root, 'components'), { withFileTypes: true })
  .filter((entry) => entry.isDirectory() && entry.name.startsWith('pat-'))
  .map((entry) => entry.name)
  .sort();

/**
 * The elements as the npm package ships them (`npm run build:package`): ES modules in
 * dist/lib/elements, one entry for all of them, one per tag (so a host loads only what it uses),
 * one for the API client alone and one for the React components; code they share lands in shared
 * chunks. Lit, Shoelace and React stay imports, so the host's bundler dedupes them with its own.
 * The templates ship minified (scripts/template-literals.ts).
 */
export default defineConfig({
  root,
  publicDir: false,
  plugins: [minifiedTemplates()],
  build: {
    target: 'es2022',
    outDir: resolve(root, 'dist/lib/elements'),
    emptyOutDir: true,
    minify: false,
    sourcemap: true,
    lib: {
      entry: {
        index: resolve(root, 'components/index.ts'),
        api: resolve(root, 'components/api/index.ts'),
        react: resolve(root, 'components/react/index.ts'),
        ...Object.fromEntries(ELEMENT_TAGS.map((tag) => [tag, resolve(root, `components/${tag}/${tag}.ts`)])),
      },
      formats: ['es'],
    },
    rolldownOptions: {
      external: [/^lit($|\/)/, /^@lit\//, /^@shoelace-style\/shoelace($|\/)/, /^react($|\/)/],
      output: { chunkFileNames: 'chunks/[name]-[hash].js' },
    },
  },
});
