// The blind rounds' tables stay true: every recorded `actual` is what podwhy reports today, and the hit
// rate never drops below what was recorded. (Rewrite a column with `npx tsx test/paste/blindRound.ts N --write`.)
import { strict as assert } from 'node:assert';
import { blindCases, primaryRuleOf, ROUNDS } from './blindRound.ts';

describe('blind round 1: real pastes (test/paste/blind-round.md)', () => {
  const round = ROUNDS['1'];
  const cases = blindCases(round);
  it('holds at least 40 real pastes', () => assert.ok(cases.length >= 40, `${cases.length} cases`));
  for (const c of cases) {
    it(`${c.row}: the recorded primary rule is what podwhy reports`, () => {
      assert.equal(primaryRuleOf(round, c.row), c.recorded);
    });
  }
  it('hits all 41 (the recorded round)', () => {
    const hits = cases.filter((c) => c.recorded === c.expected).length;
    assert.ok(hits >= 41, `${hits} hits`);
  });
});

describe('blind round 2: partial-evidence pastes (test/paste/round2/README.md)', () => {
  const round = ROUNDS['2'];
  const cases = blindCases(round);
  it('holds at least 40 real pastes', () => assert.ok(cases.length >= 40, `${cases.length} cases`));
  for (const c of cases) {
    it(`${c.row}: the recorded primary rule is what podwhy reports`, () => {
      assert.equal(primaryRuleOf(round, c.row), c.recorded);
    });
  }
  it('hits at least as many as recorded', () => {
    const hits = cases.filter((c) => c.recorded === c.expected).length;
    assert.ok(hits >= 37, `${hits} hits`);
  });
});

describe('blind round 3: partial-evidence pastes (test/paste/round3/README.md)', () => {
  const round = ROUNDS['3'];
  const cases = blindCases(round);
  it('holds at least 40 real pastes', () => assert.ok(cases.length >= 40, `${cases.length} cases`));
  for (const c of cases) {
    it(`${c.row}: the recorded primary rule is what podwhy reports`, () => {
      assert.equal(primaryRuleOf(round, c.row), c.recorded);
    });
  }
  it('hits at least as many as recorded', () => {
    const hits = cases.filter((c) => c.recorded === c.expected).length;
    assert.ok(hits >= 31, `${hits} hits`);
  });
});
