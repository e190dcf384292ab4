import { TestTotals } from '../src/test-run';

describe('TestTotals', () => {
  it('adds up jest summaries from several projects, split across chunks and coloured', () => {
    const totals = new TestTotals();
    totals.read('@callflow/schemas: \u001b[1mTests:       \u001b[22m\u001b[1m\u001b[32m431 passed\u001b[39m\u001b[22m, 431 total\n@callflow/eng');
    totals.read('ine: Tests:       2 failed, 1 skipped, 597 passed, 600 total\n');
    totals.read('@callflow/api: Tests:       7 passed, 7 total');
    expect(totals.summary()).toBe('tests: 1035 passed, 2 failed, 1 skipped');
  });

  it('says so when no test ran', () => {
    expect(new TestTotals().summary()).toBe('tests: 0 passed, 0 failed');
  });
});
