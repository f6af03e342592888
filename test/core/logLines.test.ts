// What rules read of a log: non-empty lines, trailing space removed, each cut to a bounded length.
import { strict as assert } from 'node:assert';
import { MAX_ANALYSED_LINE, splitLines } from '../../lib/bundle/logs.ts';
import { dnsFailure } from '../../lib/rules/init/initContainers.ts';

describe('log lines as rules read them', () => {
  it('splits CRLF and LF, drops empty lines and trailing whitespace', () => {
    assert.deepEqual(splitLines('a  \r\n\r\nb\t\nc'), ['a', 'b', 'c']);
  });

  it('cuts a line longer than the analysed bound, keeping its start and naming its full length', () => {
    const long = `nslookup: can't resolve 'myservice' ${'x'.repeat(3 * MAX_ANALYSED_LINE)}`;
    const [line] = splitLines(long);
    assert.equal(line, `${long.slice(0, MAX_ANALYSED_LINE)} … [cut: ${long.length} chars]`);
    assert.equal(dnsFailure(line!)?.name, 'myservice');
  });

  it('still recognises the generic resolver wording after the anchoring that keeps it linear', () => {
    assert.equal(dnsFailure('ping: mydb: Name or service not known')?.name, 'mydb');
    assert.equal(dnsFailure('wget: mydb.default.svc: Temporary failure in name resolution')?.name, 'mydb.default.svc');
  });
});
