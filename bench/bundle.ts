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
 * An entry point (`components/index.ts` by default) bundled with code splitting, minified, its
 * templates as the package ships them, as esm for es2022; gzip sizes (level 9) in KB of 1024
 * bytes, each file on its own as a browser fetches it.
 */
async function sizes(external: string[], entry = 'components/index.ts'): Promise<Sizes> {
  const result = await build({
    absWorkingDir: root,
    entryPoints: [entry],
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
  // The entry itself: a module it imports dynamically is an entry point of the build too.
  const output = Object.keys(metafile.outputs).find((file) => metafile.outputs[file]!.entryPoint === entry)!;
  const eager = eagerFiles(metafile, output);
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

/** The package's entry points of one element each (`pat-kit/pat-table`): their source files. */
async function elementEntries(): Promise<{ name: string; source: string }[]> {
  const { exports } = JSON.parse(await readFile(`${root}/package.json`, 'utf8')) as { exports: Record<string, unknown> };
  return Object.keys(exports)
    .filter((key) => key.startsWith('./pat-'))
    .map((key) => ({ name: `pat-kit/${key.slice(2)}`, source: `components/${key.slice(2)}/${key.slice(2)}.ts` }));
}

/** Every element, minified and gzipped: PAT Kit's own code, and with lit and Shoelace in; and each entry point alone. */
export async function run(): Promise<Result[]> {
  const own = await sizes(OWN_EXTERNALS);
  const total = await sizes([]);
  const entries: Result[] = [];
  for (const { name, source } of await elementEntries()) {
    const alone = await sizes(OWN_EXTERNALS, source);
    entries.push(reported(`bundle, ${name} alone, own code, min+gzip`, round(alone.eager.gzipKb, 1), 'KB'));
  }
  log(
    `bundle: own ${round(own.eager.minKb, 1)} KB min, ${round(own.eager.gzipKb, 1)} KB gzip (+ ${round(own.lazyGzipKb, 1)} KB gzip loaded on demand); total ${round(total.eager.minKb, 1)} KB min, ${round(total.eager.gzipKb, 1)} KB gzip`,
  );
  return [
    atMost('bundle, own code (lit, @lit/*, Shoelace external), min+gzip', round(own.eager.gzipKb, 1), 'KB', 25),
    reported(
      'bundle, own code loaded after the list or on demand (the other views and dialogs, the SuperMQ client, the German and Arabic words), min+gzip',
      round(own.lazyGzipKb, 1),
      'KB',
    ),
    atMost('bundle, total (everything in), min+gzip', round(total.eager.gzipKb, 1), 'KB', 100),
    ...entries,
  ];
}
