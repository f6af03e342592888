// The Node binaries of the standalone release are pinned: one LTS version, the registry's integrity.
import { strict as assert } from 'node:assert';
import { integrityOf, readPins } from '../../scripts/release/nodeBinary.ts';
import { TARGETS, targetName } from '../../scripts/release/targets.ts';

describe('pinned Node binaries', () => {
  const pins = readPins();

  it('one Node version, of an LTS line (even major), for every released target', () => {
    const [major] = pins.version.split('.').map(Number);
    assert.match(pins.version, /^\d+\.\d+\.\d+$/);
    assert.equal(major! % 2, 0);
    assert.ok(major! >= 22, 'SEA code cache and assets need Node 22');
    assert.deepEqual(Object.keys(pins.targets).sort(), TARGETS.map(targetName).sort());
  });

  it('each pin names the official package and its sha512 integrity', () => {
    for (const [target, pin] of Object.entries(pins.targets)) {
      const [os, arch] = target.split('/');
      assert.equal(pin.package, `node-${os === 'windows' ? 'win' : os}-${arch === 'amd64' ? 'x64' : arch}`);
      assert.match(pin.integrity, /^sha512-[A-Za-z0-9+/]{86}==$/);
      assert.equal(pin.binary, os === 'windows' ? 'package/bin/node.exe' : 'package/bin/node');
    }
  });

  it('integrity is computed the way npm computes it (sha512, base64)', () => {
    assert.equal(integrityOf(Buffer.from('abc')), 'sha512-3a81oZNherrMQXNJriBBMRLm+k6JqX6iCp7u5ktV05ohkpkqJ0/BqDa6PCOj/uu9RU1EI2Q86A4qmslPpUyknw==');
  });
});
