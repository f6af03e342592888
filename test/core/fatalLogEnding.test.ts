import { strict as assert } from 'node:assert';
import { fatalLogEnding } from '../../lib/bundle/fatalLogEnding.ts';

// Log endings of processes that died, verbatim from public threads, and look-alikes of processes that go on.
describe('fatalLogEnding', () => {
  it('postgres refusing to start: a FATAL of the postmaster (pid 1) and its DETAIL (goharbor/harbor#15285)', () => {
    const lines = [
      'no need to upgrade postgres, launch it.',
      '2021-07-07 23:32:28.593 UTC [1] FATAL:  data directory "/var/lib/postgresql/data/pgdata/pg13" has invalid permissions',
      '2021-07-07 23:32:28.593 UTC [1] DETAIL:  Permissions should be u=rwx (0700) or u=rwx,g=rx (0750).',
    ];
    assert.equal(fatalLogEnding(lines), lines[1]);
  });

  it('a FATAL of one postgres session (another pid) is not the server dying', () => {
    assert.equal(fatalLogEnding(['2024-03-02 10:14:07.221 UTC [4711] FATAL:  password authentication failed for user "app"', '2024-03-02 10:14:07.221 UTC [4711] DETAIL:  Connection matched pg_hba.conf line 100: "host all all all scram-sha-256"']), undefined);
  });

  it('Python, Go and Java endings', () => {
    assert.equal(fatalLogEnding(['Traceback (most recent call last):', '  File "/app/main.py", line 3, in <module>', '    import redis', "ModuleNotFoundError: No module named 'redis'"]), 'Traceback (most recent call last):');
    assert.equal(fatalLogEnding(['panic: runtime error: invalid memory address or nil pointer dereference', '[signal SIGSEGV: segmentation violation code=0x1 addr=0x0 pc=0x6d1e2a]', '', 'goroutine 1 [running]:', 'main.main()', '\t/src/main.go:42 +0x2a']), 'panic: runtime error: invalid memory address or nil pointer dereference');
    assert.equal(fatalLogEnding(['Exception in thread "main" java.lang.IllegalStateException: no datasource', '\tat com.acme.App.main(App.java:17)']), 'Exception in thread "main" java.lang.IllegalStateException: no datasource');
    assert.equal(fatalLogEnding(['time="2024-05-01T10:00:00Z" level=fatal msg="failed to load config: open /etc/app/config.yaml: no such file or directory"']), 'time="2024-05-01T10:00:00Z" level=fatal msg="failed to load config: open /etc/app/config.yaml: no such file or directory"');
  });

  it('an error the process survived, or a stack trace followed by normal output: not an ending', () => {
    assert.equal(fatalLogEnding(['Traceback (most recent call last):', '  File "/app/worker.py", line 88, in poll', "KeyError: 'id'", 'INFO worker: retrying in 5s']), undefined);
    assert.equal(fatalLogEnding(['ERROR could not reach 10.0.0.5:5432, retrying', 'INFO connected']), undefined);
    assert.equal(fatalLogEnding([]), undefined);
  });
});
