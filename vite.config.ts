import { cpSync, createReadStream, existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { minifiedTemplates } from './scripts/template-literals.js';
import { defineConfig, type Plugin } from 'vite';

const root = dirname(fileURLToPath(import.meta.url));
const icons = join(root, 'node_modules/@shoelace-style/shoelace/dist/assets/icons');

/** The Shoelace icon names the elements and the demo use, read from their templates. */
function usedIcons(): string[] {
  const names = new Set<string>();
  for (const dir of ['components', 'demo']) {
    for (const file of readdirSync(join(root, dir), { recursive: true }) as string[]) {
      if (!/\.(ts|html)$/.test(file) || file.endsWith('.test.ts')) continue;
      const text = readFileSync(join(root, dir, file), 'utf8');
      for (const [, name] of text.matchAll(/<sl-icon(?:-button)?\b[^>]*?\bname="([a-z0-9-]+)"/g)) names.add(name!);
    }
  }
  return [...names].sort();
}

/**
 * Serves Shoelace's icons at /shoelace/assets/icons in development and ships the ones in use
 * with the build, so no request leaves the machine and nothing 404s.
 */
function shoelaceIcons(): Plugin {
  return {
    name: 'pat-kit-shoelace-icons',
    configureServer(server) {
      server.middlewares.use('/shoelace/assets/icons', (req, res, next) => {
        const file = join(icons, (req.url ?? '').split('?')[0]!.replace(/^\//, ''));
        if (!file.startsWith(icons) || !existsSync(file)) return next();
        res.setHeader('Content-Type', 'image/svg+xml');
        createReadStream(file).pipe(res);
      });
    },
    writeBundle(options) {
      const target = join(options.dir!, 'shoelace/assets/icons');
      mkdirSync(target, { recursive: true });
      for (const name of usedIcons()) cpSync(join(icons, `${name}.svg`), join(target, `${name}.svg`));
    },
  };
}

// Mocks only under `npm run dev` (`serve`), never in a build, whatever the mode or NODE_ENV:
// `npm start` must talk to the real server. public/ holds just the MSW worker, so builds skip it.
export default defineConfig(({ command }) => ({
  root: resolve(root, 'demo'),
  publicDir: command === 'serve' ? resolve(root, 'public') : false,
  define: { __PAT_KIT_MOCKS__: JSON.stringify(command === 'serve') },
  plugins: [shoelaceIcons(), minifiedTemplates()],
  build: { target: 'es2022', outDir: resolve(root, 'dist/demo'), emptyOutDir: true },
  server: { host: '127.0.0.1', port: 5173, fs: { allow: [root] } },
}));
