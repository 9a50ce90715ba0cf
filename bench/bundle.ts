import { relative } from 'node:path';
import { gzipSync } from 'node:zlib';
import { readFile } from 'node:fs/promises';
import { build, type Metafile, type Plugin } from 'esbuild';
import { hasTemplates, minifyTemplates } from '../scripts/template-literals.js';
import { atMost, log, reported, round, root, type Result } from './lib.js';

const OWN_EXTERNALS = ['lit', 'lit/*', '@lit/*', '@shoelace-style/*'];

interface Sizes {
  /** What a page that imports `components/index.ts` loads: the entry and the chunks it imports. */
  eager: { minKb: number; gzipKb: number };
  /** The chunks loaded only when asked for (`import()`), e.g. the SuperMQ client. */
  lazyGzipKb: number;
}

/** The templates minified as the package ships them (see scripts/template-literals.ts). */
const shippedTemplates: Plugin = {
  name: 'minified-templates',
  setup(build) {
    build.onLoad({ filter: /\/components\/.*\.ts$/ }, async ({ path }) =>
      hasTemplates(path) ? { contents: minifyTemplates(await readFile(path, 'utf8'), path), loader: 'ts' } : undefined,
    );
  },
};

/** The files reachable from `output` through static imports, `output` included. */
function eagerFiles(metafile: Metafile, output: string): Set<string> {
  const files = new Set<string>();
  const visit = (file: string) => {
    if (files.has(file)) return;
    files.add(file);
    for (const { path, kind } of metafile.outputs[file]!.imports)
      if (kind === 'import-statement' && !path.startsWith('lit') && metafile.outputs[path]) visit(path);
  };
  visit(output);
  return files;
}

/**
 * `components/index.ts` bundled with code splitting, minified, its templates as the package
 * ships them, as esm for es2022; gzip sizes
 * (level 9) in KB of 1024 bytes, each file on its own as a browser fetches it.
 */
async function sizes(external: string[]): Promise<Sizes> {
  const result = await build({
    absWorkingDir: root,
    entryPoints: ['components/index.ts'],
    bundle: true,
    splitting: true,
    outdir: 'out',
    minify: true,
    format: 'esm',
    target: 'es2022',
    external,
    tsconfig: 'tsconfig.json',
    legalComments: 'none',
    metafile: true,
    plugins: [shippedTemplates],
    write: false,
    logLevel: 'silent',
  });
  const metafile = result.metafile!;
  const entry = Object.keys(metafile.outputs).find((file) => metafile.outputs[file]!.entryPoint)!;
  const eager = eagerFiles(metafile, entry);
  const eagerSize = { minKb: 0, gzipKb: 0 };
  let lazyGzipKb = 0;
  for (const file of result.outputFiles) {
    const path = relative(root, file.path);
    const gzipKb = gzipSync(file.contents, { level: 9 }).length / 1024;
    if (eager.has(path)) {
      eagerSize.minKb += file.contents.length / 1024;
      eagerSize.gzipKb += gzipKb;
    } else lazyGzipKb += gzipKb;
  }
  return { eager: eagerSize, lazyGzipKb };
}

/** Every element, minified and gzipped: PAT Kit's own code, and with lit and Shoelace in. */
export async function run(): Promise<Result[]> {
  const own = await sizes(OWN_EXTERNALS);
  const total = await sizes([]);
  log(
    `bundle: own ${round(own.eager.minKb, 1)} KB min, ${round(own.eager.gzipKb, 1)} KB gzip (+ ${round(own.lazyGzipKb, 1)} KB gzip loaded on demand); total ${round(total.eager.minKb, 1)} KB min, ${round(total.eager.gzipKb, 1)} KB gzip`,
  );
  return [
    atMost('bundle, own code (lit, @lit/*, Shoelace external), min+gzip', round(own.eager.gzipKb, 1), 'KB', 30),
    reported(
      'bundle, own code loaded on demand (the SuperMQ client, the German and Arabic words), min+gzip',
      round(own.lazyGzipKb, 1),
      'KB',
    ),
    atMost('bundle, total (everything in), min+gzip', round(total.eager.gzipKb, 1), 'KB', 120),
  ];
}
