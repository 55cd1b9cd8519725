// Reads vitest's JSON report and prints the plain closing line CI reads:
// "N passed, N failed[, N skipped]". Exits non-zero when anything failed, when vitest
// itself failed, or when no test ran.
import { readFileSync } from 'node:fs';

const [file, vitestStatus = '0'] = process.argv.slice(2);
let report;
try {
  report = JSON.parse(readFileSync(file, 'utf8'));
} catch (error) {
  console.log(`vitest wrote no readable report (${error.message})`);
  console.log('0 passed, 1 failed');
  process.exit(1);
}
const passed = report.numPassedTests ?? 0;
// A suite that fails to load has no failed test, but it failed: count it.
const failedSuites = (report.testResults ?? []).filter((r) => r.status === 'failed' && (r.assertionResults ?? []).length === 0).length;
const failed = (report.numFailedTests ?? 0) + failedSuites;
const skipped = (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0);
console.log(`${passed} passed, ${failed} failed${skipped > 0 ? `, ${skipped} skipped` : ''}`);
process.exit(failed > 0 || passed === 0 || vitestStatus !== '0' ? 1 : 0);
