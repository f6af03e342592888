// The blind round's table stays true: every recorded `actual` is what podwhy reports today, and the hit
// rate never drops below what was recorded. (Rewrite the column with `npx tsx test/paste/blindRound.ts --write`.)
import { strict as assert } from 'node:assert';
import { blindCases, primaryRuleOf } from './blindRound.ts';

describe('blind round of real pastes (test/paste/blind-round.md)', () => {
  const cases = blindCases();
  it('holds at least 40 real pastes', () => assert.ok(cases.length >= 40, `${cases.length} cases`));
  for (const c of cases) {
    it(`${c.file}: the recorded primary rule is what podwhy reports`, () => {
      assert.equal(primaryRuleOf(c.file), c.recorded);
    });
  }
  it('hits at least 31 of 41 (the recorded round)', () => {
    const hits = cases.filter((c) => c.recorded === c.expected).length;
    assert.ok(hits >= 31, `${hits} hits`);
  });
});
