// A node:test reporter that counts finished tests (not suites) into the file named by
// TEST_COUNTS_FILE, for the combined closing line of scripts/test.mjs.
import { writeFileSync } from 'node:fs';

// eslint-disable-next-line require-yield -- it writes a file and prints nothing of its own
export default async function* countReporter(source) {
  const counts = { passed: 0, failed: 0, skipped: 0 };
  for await (const event of source) {
    if (event.type !== 'test:pass' && event.type !== 'test:fail') continue;
    if (event.data.details?.type === 'suite') continue;
    if (event.data.skip || event.data.todo) counts.skipped++;
    else if (event.type === 'test:pass') counts.passed++;
    else counts.failed++;
  }
  writeFileSync(process.env.TEST_COUNTS_FILE, JSON.stringify(counts));
}
