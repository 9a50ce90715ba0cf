import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import { atMost, log, round, root, type Result } from './lib.js';

const OWN_EXTERNALS = ['lit', 'lit/*', '@lit/*', '@shoelace-style/*'];

/** `components/index.ts` bundled, minified, as esm for es2022; its gzip size (level 9) in KB of 1024 bytes. */
async function gzippedKb(external: string[]): Promise<{ minKb: number; gzipKb: number }> {
  const result = await build({
    absWorkingDir: root,
    entryPoints: ['components/index.ts'],
    bundle: true,
    minify: true,
    format: 'esm',
    target: 'es2022',
    external,
    tsconfig: 'tsconfig.json',
    legalComments: 'none',
    write: false,
    logLevel: 'silent',
  });
  const code = result.outputFiles[0]!.contents;
  return { minKb: code.length / 1024, gzipKb: gzipSync(code, { level: 9 }).length / 1024 };
}

/** Every element, minified and gzipped: PAT Kit's own code, and with lit and Shoelace in. */
export async function run(): Promise<Result[]> {
  const own = await gzippedKb(OWN_EXTERNALS);
  const total = await gzippedKb([]);
  log(
    `bundle: own ${round(own.minKb, 1)} KB min, ${round(own.gzipKb, 1)} KB gzip; total ${round(total.minKb, 1)} KB min, ${round(total.gzipKb, 1)} KB gzip`,
  );
  return [
    atMost('bundle, own code (lit, @lit/*, Shoelace external), min+gzip', round(own.gzipKb, 1), 'KB', 30),
    atMost('bundle, total (everything in), min+gzip', round(total.gzipKb, 1), 'KB', 120),
  ];
}
