import { strict as assert } from 'node:assert';
import { millisBetween, shiftedTime } from '../../lib/bundle/time.ts';

describe('bundle time', () => {
  it('millisBetween: undefined when either time is missing or unparsable', () => {
    assert.equal(millisBetween('2026-11-25T10:00:00Z', '2026-11-25T10:01:30Z'), 90_000);
    assert.equal(millisBetween(undefined, '2026-11-25T10:00:00Z'), undefined);
    assert.equal(millisBetween('yesterday', '2026-11-25T10:00:00Z'), undefined);
  });

  it('shiftedTime: moves a time, and gives up on offsets no date can hold instead of throwing', () => {
    assert.equal(shiftedTime('2026-11-25T09:40:57Z', -30_000), '2026-11-25T09:40:27Z');
    assert.equal(shiftedTime('2026-11-25T09:40:57.250Z', 0), '2026-11-25T09:40:57.250Z');
    assert.equal(shiftedTime('2026-11-25T09:40:57Z', -9.7e256 * 1000), undefined);
    assert.equal(shiftedTime('2026-11-25T09:40:57Z', Number.NaN), undefined);
    assert.equal(shiftedTime('not a time', 1000), undefined);
    assert.equal(shiftedTime(undefined, 1000), undefined);
  });
});
