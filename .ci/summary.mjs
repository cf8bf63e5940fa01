/* global process, console */
// Prints the closing test line CI reads, and how many PostgreSQL, Redis and browser tests really ran.
import { readFileSync } from 'node:fs';

const report = JSON.parse(readFileSync(process.argv[2], 'utf8'));
let passed = 0;
let failed = 0;
let skipped = 0;
const ran = { postgres: 0, redis: 0, browser: 0 };
for (const file of report.testResults ?? []) {
  for (const t of file.assertionResults ?? []) {
    if (t.status === 'passed') passed += 1;
    else if (t.status === 'failed') failed += 1;
    else skipped += 1;
    if (t.status !== 'passed' && t.status !== 'failed') continue;
    const name = `${file.name} ${t.fullName}`.toLowerCase();
    if (name.includes('postgres')) ran.postgres += 1;
    if (name.includes('redis') || name.includes('cluster')) ran.redis += 1;
    if (name.includes('/tests/e2e/') || name.includes('chromium') || name.includes('browser'))
      ran.browser += 1;
  }
}
console.log(
  `PostgreSQL tests run: ${ran.postgres}; Redis/cluster tests run: ${ran.redis}; browser tests run: ${ran.browser}`,
);
console.log(`tests: ${passed} passed, ${failed} failed, ${skipped} skipped`);
