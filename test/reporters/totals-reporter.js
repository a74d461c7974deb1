'use strict';
/** Prints the totals as the last line, in the form CI reads: "N passed, N failed". */
class TotalsReporter {
  onRunComplete(_contexts, results) {
    const skipped = results.numPendingTests + results.numTodoTests;
    const suiteFailures = results.numRuntimeErrorTestSuites;
    // A suite that crashes before running its tests counts as a failure, not as nothing.
    const failed = results.numFailedTests + suiteFailures;
    process.stdout.write(
      `\n${results.numPassedTests} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}\n`,
    );
  }
}
module.exports = TotalsReporter;
