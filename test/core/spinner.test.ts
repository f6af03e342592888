import { strict as assert } from 'node:assert';
import { spinnerColored } from '../../lib/cli/spinner.ts';

describe('spinner colour', () => {
  it('is coloured by default', () => assert.equal(spinnerColored('auto', {}), true));
  it('honours NO_COLOR (any non-empty value)', () => assert.equal(spinnerColored('auto', { NO_COLOR: '1' }), false));
  it('ignores an empty NO_COLOR, as https://no-color.org says', () => assert.equal(spinnerColored('auto', { NO_COLOR: '' }), true));
  it('honours --color never', () => assert.equal(spinnerColored('never', {}), false));
  it('--color always wins over NO_COLOR', () => assert.equal(spinnerColored('always', { NO_COLOR: '1' }), true));
});
