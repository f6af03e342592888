// Plain command lines are read without yargs (start-up time); whatever argv.ts reads itself must come out
// exactly as yargs reads it, and everything else must be left to yargs.
import { strict as assert } from 'node:assert';
import { writeFileSync } from 'node:fs';
import fc from 'fast-check';
import { parsePlainArgv, type ParsedFlags } from '../../lib/cli/argv.ts';
import { HELP_TEXT } from '../../lib/cli/helpText.ts';
import { parseWithYargs } from '../../lib/cli/yargsArgv.ts';

const HELP_TEXT_FILE = new URL('../../lib/cli/helpText.ts', import.meta.url);

async function yargsReading(argv: string[]): Promise<ParsedFlags | { help: string } | { version: true } | { error: string }> {
  try {
    return await parseWithYargs(argv);
  } catch (err) {
    return { error: (err as Error).message };
  }
}

/** Words people type, and the ones on which yargs has quirks (numbers, quotes, true/false, `-`, `--`). */
const WORDS = [
  'web-0', 'deploy/web', 'pods/x', 'shop', 'prod', 'app=web', 'json', 'wide', 'yaml', 'human', 'never', 'always', 'xml', '10s', '0',
  '007', '1e3', '0x1f', '12', '-5', '1.5', 'true', 'false', '-', '--', '"quoted"', "'q'", '', 'a b', 'ns=1', '2026-11-25T10:00:00Z', './case/', 'completion',
];
const FLAGS = [
  '--from', '-f', '--output', '-o', '--namespace', '-n', '--all-namespaces', '-A', '--selector', '-l', '--context', '--kubeconfig',
  '--request-timeout', '--save', '--details', '--watch', '-w', '--timeout', '--color', '--now', '--help', '-h', '--version',
  '--no-watch', '--allNamespaces', '-nshop', '-oj', '-Aw', '--bogus', '-x', '--output=json', '--namespace=shop', '--from=-', '--watch=true',
  '--color=never', '--output=', '-o=json', '--selector=app=web',
];
const token = fc.oneof(fc.constantFrom(...WORDS), fc.constantFrom(...FLAGS), fc.string({ maxLength: 6 }));

describe('command line without yargs', () => {
  it('--help prints the help yargs makes of the options (UPDATE_GOLDEN=1 rewrites lib/cli/helpText.ts)', async () => {
    const fromYargs = await parseWithYargs(['--help']);
    assert.ok('help' in fromYargs);
    if (process.env.UPDATE_GOLDEN && fromYargs.help !== HELP_TEXT) {
      const head = "// What `kubectl podwhy --help` prints: yargs' help for the options in yargsArgv.ts, kept here so that\n// --help needs no yargs at start-up. test/core/plainArgv.test.ts checks it; UPDATE_GOLDEN=1 rewrites it.\n";
      writeFileSync(HELP_TEXT_FILE, `${head}export const HELP_TEXT = ${JSON.stringify(fromYargs.help)};\n`);
      return;
    }
    assert.equal(HELP_TEXT, fromYargs.help, 'the options changed: UPDATE_GOLDEN=1 npx mocha test/core/plainArgv.test.ts');
    assert.deepEqual(parsePlainArgv(['web-0', '-n', 'shop', '--help']), { help: HELP_TEXT });
  });

  it('reads the common command lines itself', () => {
    const plain: string[][] = [
      ['web-0'],
      ['web-0', '-n', 'shop', '--context', 'prod', '-o', 'json'],
      ['deploy/web', '--namespace=shop', '-o', 'wide', '--details'],
      ['-A', '-l', 'app=web'],
      ['--from', './case/', '--now', '2026-11-25T10:00:00Z'],
      ['--from', '-', '-o', 'yaml'],
      ['web-0', '--watch', '--timeout', '5m', '--color', 'never'],
      ['web-0', '--kubeconfig', '/tmp/config', '--request-timeout', '10s', '--save', './case/'],
      ['--help'],
      ['-h'],
    ];
    for (const argv of plain) assert.ok(parsePlainArgv(argv), argv.join(' '));
  });

  it('leaves version, errors and yargs quirks to yargs', () => {
    const toYargs: string[][] = [
      ['--version'], ['--help', '--bogus'], ['-h', 'false'], ['--bogus'], ['-o', 'xml'], ['-n'], ['-n', '-A'], ['007'], ['--watch', 'false'],
      ['-n', 'a', '-n', 'b'], ['-nshop'], ['--', 'x'], ['-n', '"shop"'], ['--no-watch'], ['--output='], ['-'],
    ];
    for (const argv of toYargs) assert.equal(parsePlainArgv(argv), undefined, argv.join(' '));
  });

  it('reads every command line it takes exactly as yargs does', async () => {
    let taken = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(token, { maxLength: 7 }), async (argv) => {
        const plain = parsePlainArgv(argv);
        if (plain === undefined) return;
        taken++;
        assert.deepEqual(plain, await yargsReading(argv));
      }),
      { numRuns: Number(process.env.PODWHY_PROPERTY_RUNS ?? 2000) },
    );
    assert.ok(taken > 100, `only ${taken} command lines were plain: the property checked too little`);
  });
});
