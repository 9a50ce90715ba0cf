// Browser tests: every components/**/*.test.ts in Debian's headless Chromium, answered by MSW.
import { writeFileSync } from 'node:fs';
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { defaultReporter, summaryReporter } from '@web/test-runner';
import { playwrightLauncher } from '@web/test-runner-playwright';
import { CHROMIUM_ARGS, chromiumPath } from './scripts/chromium.mjs';
import { tsImport } from 'tsx/esm/api';

// The elements' templates as the package ships them (minified), so the tests run what ships.
const { hasTemplates, minifyTemplates } = await tsImport('./scripts/template-literals.ts', import.meta.url);

/** Minifies the templates of the element sources it serves, before esbuild strips their types. */
function shippedTemplates() {
  return {
    name: 'pat-kit-shipped-templates',
    transform(context) {
      if (hasTemplates(context.path) && typeof context.body === 'string') return { body: minifyTemplates(context.body, context.path) };
    },
  };
}

const chromiumArgs = ['--headless=new', ...CHROMIUM_ARGS];

/**
 * ipaddr.js (what the mocks check addresses with, through contract/ip.ts) ships one CommonJS
 * file that assigns `module.exports`: served to the browser as an ES module with that default.
 * (Vite, for the demo and Storybook, converts it by itself.)
 */
function ipaddrAsModule() {
  return {
    name: 'pat-kit-ipaddr-as-module',
    transform(context) {
      if (!context.path.endsWith('/node_modules/ipaddr.js/lib/ipaddr.js') || typeof context.body !== 'string') return undefined;
      return { body: `const module = { exports: {} };\n${context.body}\nexport default module.exports;\n` };
    },
  };
}

/** Counts tests for the closing line of scripts/test.mjs; a file that failed to load counts as failed. */
function countReporter() {
  return {
    onTestRunFinished({ sessions }) {
      const counts = { passed: 0, failed: 0, skipped: 0 };
      const walk = (suite) => {
        for (const test of suite.tests) {
          if (test.skipped) counts.skipped++;
          else if (test.passed) counts.passed++;
          else counts.failed++;
        }
        for (const child of suite.suites) walk(child);
      };
      for (const session of sessions) {
        if (session.testResults) walk(session.testResults);
        if (!session.passed && (!session.testResults || session.errors?.length)) counts.failed++;
      }
      if (process.env.TEST_COUNTS_FILE) writeFileSync(process.env.TEST_COUNTS_FILE, JSON.stringify(counts));
    },
  };
}

export default {
  files: ['components/**/*.test.ts'],
  nodeResolve: { browser: true },
  concurrency: 1,
  testsFinishTimeout: 180_000,
  testFramework: { config: { timeout: 20_000 } },
  plugins: [ipaddrAsModule(), shippedTemplates(), esbuildPlugin({ ts: true, tsconfig: './tsconfig.json', target: 'es2022' })],
  middleware: [
    // MSW's worker must be served from the root, or its scope misses every request.
    (context, next) => {
      if (context.url === '/mockServiceWorker.js') context.url = '/public/mockServiceWorker.js';
      return next();
    },
  ],
  browsers: [
    playwrightLauncher({
      product: 'chromium',
      launchOptions: { executablePath: chromiumPath(), args: chromiumArgs },
    }),
  ],
  testRunnerHtml: (testFramework) => `<!doctype html>
    <html lang="en">
      <head>
        <link rel="stylesheet" href="/node_modules/@shoelace-style/shoelace/dist/themes/light.css">
        <link rel="stylesheet" href="/node_modules/@shoelace-style/shoelace/dist/themes/dark.css">
      </head>
      <body>
        <script type="module" src="${testFramework}"></script>
      </body>
    </html>`,
  filterBrowserLogs: ({ args }) => !String(args[0] ?? '').includes('Lit is in dev mode'),
  reporters: [defaultReporter(), summaryReporter({ flatten: false }), countReporter()],
};
