// Mocha's spec reporter, plus the run's totals written to TABULA_TEST_STATS so that test/run-all.ts
// can print one closing line for both databases.
const { writeFileSync } = require('node:fs');
const Mocha = require('mocha');

class SummaryReporter extends Mocha.reporters.Spec {
  constructor(runner, options) {
    super(runner, options);
    runner.once('end', () => {
      const file = process.env.TABULA_TEST_STATS;
      if (file) writeFileSync(file, JSON.stringify(runner.stats ?? {}));
    });
  }
}

module.exports = SummaryReporter;
