// The blind rounds' tables stay true: every recorded `actual` is what podwhy reports today, and the hit
// count never drops below the last recorded one. (Rewrite a column with `npx tsx test/paste/blindRound.ts N --write`,
// then raise the round's minimum here.)
import { strict as assert } from 'node:assert';
import { blindCases, primaryRuleOf, ROUNDS } from './blindRound.ts';

const ROUND_TESTS = [
  { round: '1', title: 'real pastes (test/paste/blind-round.md)', minimumHits: 41 },
  { round: '2', title: 'partial-evidence pastes (test/paste/round2/README.md)', minimumHits: 41 },
  { round: '3', title: 'partial-evidence pastes (test/paste/round3/README.md)', minimumHits: 41 },
  { round: '4', title: 'pastes across every rule family (test/paste/round4/README.md)', minimumHits: 45 },
  { round: '5', title: 'partial-evidence pastes (test/paste/round5/README.md)', minimumHits: 37 },
  { round: '6', title: 'real pastes, scored blind on the final code (test/paste/round6/README.md)', minimumHits: 36 },
  { round: '7', title: 'real pastes, scored blind on the final code; a decisive column (test/paste/round7/README.md)', minimumHits: 37 },
  { round: '8', title: 'real pastes, scored blind on the final code; a decisive column (test/paste/round8/README.md)', minimumHits: 40 },
] as const;

for (const { round: n, title, minimumHits } of ROUND_TESTS) {
  describe(`blind round ${n}: ${title}`, () => {
    const round = ROUNDS[n];
    const cases = blindCases(round);
    it('holds at least 40 real pastes', () => assert.ok(cases.length >= 40, `${cases.length} cases`));
    for (const c of cases) {
      it(`${c.row}: the recorded primary rule is what podwhy reports`, () => {
        assert.equal(primaryRuleOf(round, c.row), c.recorded);
      });
    }
    it(`hits at least ${minimumHits} (the last recorded score)`, () => {
      const hits = cases.filter((c) => c.recorded === c.expected).length;
      assert.ok(hits >= minimumHits, `${hits} hits`);
    });
  });
}
