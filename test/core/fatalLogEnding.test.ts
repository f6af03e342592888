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

  // Verbatim: kubernetes-in-action#22 (dash), vault-helm#972 (busybox chown), zookeeper-docker#136 (coreutils
  // chown -v, which repeats each failure), kubernetes#72612 wording for runc init in the log, python.
  it("a shell's, a tool's or runc init's error line as the last line: the command gave up there", () => {
    assert.equal(fatalLogEnding(['/bin/sh: 1: /bin/fortuneloop.sh: Permission denied']), '/bin/sh: 1: /bin/fortuneloop.sh: Permission denied');
    assert.equal(fatalLogEnding(['chown: /vault/logs: Operation not permitted', 'chown: /vault/logs: Operation not permitted']), 'chown: /vault/logs: Operation not permitted');
    assert.equal(
      fatalLogEnding(["+ chown -Rv zookeeper /var/lib/zookeeper/data /var/lib/zookeeper/datalog /logs /conf", "chown: changing ownership of '/var/lib/zookeeper/datalog': Operation not permitted", "failed to change ownership of '/var/lib/zookeeper/datalog' from 1017 to zookeeper"]),
      "chown: changing ownership of '/var/lib/zookeeper/datalog': Operation not permitted",
    );
    assert.equal(fatalLogEnding(['exec /usr/local/bin/docker-entrypoint.sh: exec format error']), 'exec /usr/local/bin/docker-entrypoint.sh: exec format error');
    assert.equal(fatalLogEnding(['standard_init_linux.go:228: exec user process caused: exec format error']), 'standard_init_linux.go:228: exec user process caused: exec format error');
    assert.equal(fatalLogEnding(["python: can't open file '/app/main.py': [Errno 2] No such file or directory"]), "python: can't open file '/app/main.py': [Errno 2] No such file or directory");
    assert.equal(fatalLogEnding(['sh: run.sh: not found']), 'sh: run.sh: not found');
    assert.equal(fatalLogEnding(['nginx: [emerg] host not found in upstream "api" in /etc/nginx/conf.d/default.conf:7']), 'nginx: [emerg] host not found in upstream "api" in /etc/nginx/conf.d/default.conf:7');
  });

  it('the same kinds of line followed by the process going on, or said by a logger: not an ending', () => {
    // umputun/remark42#1020: chown fails, the entrypoint warns and starts the server
    assert.equal(fatalLogEnding(['chown: /srv/var/docker-init.sh: Read-only file system', 'WARNING: /srv/var ownership change failed, if application will fail that might be the reason', 'execute "/srv/remark42 server"']), undefined);
    assert.equal(fatalLogEnding(['ERROR: /data/cache: Permission denied']), undefined);
    assert.equal(fatalLogEnding(['2024/05/01 10:00:00 open /etc/app/config.yaml: no such file or directory']), undefined);
    assert.equal(fatalLogEnding(['level=error msg="open /data/x: permission denied"']), undefined);
  });

  it('a line at a level the program goes on after is no ending, whatever it ends with', () => {
    assert.equal(fatalLogEnding(['bash: warning: setlocale: LC_ALL: cannot change locale (en_US.UTF-8): No such file or directory']), undefined);
    assert.equal(fatalLogEnding(['/bin/bash: warning: setlocale: LC_ALL: cannot change locale (en_US.UTF-8): No such file or directory'], { mustExit: true }), undefined);
    assert.equal(
      fatalLogEnding(['2024-05-01T10:00:00Z INFO starting api', '2024-05-01T10:00:01Z INFO listening on :8080', 'warning: could not load /etc/api/overrides.yaml: No such file or directory']),
      undefined,
    );
    assert.equal(fatalLogEnding(['info: server started on port 3000', 'warn: /data/cache.db: No such file or directory'], { mustExit: true }), undefined);
    assert.equal(fatalLogEnding(['notice: /etc/app/extra.d: No such file or directory']), undefined);
    assert.equal(fatalLogEnding(['WARN[0000] /etc/containers/policy.json: No such file or directory']), undefined);
  });

  it("a bare `error:` line ends an app container's log the way a logger (winston) prints and goes on: no ending", () => {
    assert.equal(fatalLogEnding(['info: server started on port 3000', 'error: open /data/cache.db: no such file or directory']), undefined);
    assert.equal(fatalLogEnding(['error: open /migrations/auth: no such file or directory']), undefined);
    assert.equal(fatalLogEnding(['fatal: could not read Username for \'https://github.com\': No such device or address']), undefined);
  });

  // golang-migrate prints `error: <err>` and exits 1 (go-api-boilerplate#23's wording); git prints `fatal: …` and exits 128.
  it('the same bare `error:`/`fatal:` line as the last thing an init container printed: it must exit, so that is how it failed', () => {
    assert.equal(fatalLogEnding(['error: open /migrations/auth: no such file or directory'], { mustExit: true }), 'error: open /migrations/auth: no such file or directory');
    assert.equal(fatalLogEnding(['error: Dirty database version 3. Fix and force version.'], { mustExit: true }), 'error: Dirty database version 3. Fix and force version.');
    assert.equal(fatalLogEnding(["Cloning into '/work'...", "fatal: repository 'https://github.com/acme/config.git/' not found"], { mustExit: true }), "fatal: repository 'https://github.com/acme/config.git/' not found");
    assert.equal(fatalLogEnding(['Error: ENOENT: no such file or directory, open \'/config/app.json\''], { mustExit: true }), "Error: ENOENT: no such file or directory, open '/config/app.json'");
  });

  it('in an init container too: an `error:` line followed by more output, or one that says it retries, is no ending', () => {
    assert.equal(fatalLogEnding(['error: open /migrations/auth: no such file or directory', 'applying 3/u add_users (12.4ms)'], { mustExit: true }), undefined);
    assert.equal(fatalLogEnding(['error: dial tcp 10.96.0.20:5432: connect: connection refused, retrying in 5s'], { mustExit: true }), undefined);
  });

  it('an error line coming back again and again is a loop retrying, still running: no ending', () => {
    const nc = Array.from({ length: 4 }, () => 'sh: nc: not found');
    assert.equal(fatalLogEnding(nc, { mustExit: true }), undefined);
    assert.equal(fatalLogEnding(['sh: nc: not found', 'waiting for postgres', 'sh: nc: not found']), undefined);
    assert.equal(fatalLogEnding(Array.from({ length: 3 }, () => "cat: can't open '/shared/ready': No such file or directory"), { mustExit: true }), undefined);
    // …while one failure, or a chown -R reporting each path twice, is the command giving up.
    assert.equal(fatalLogEnding(['sh: nc: not found']), 'sh: nc: not found');
    assert.equal(fatalLogEnding(['chown: /data/lost+found: Operation not permitted', 'chown: /data/lost+found: Operation not permitted', 'chown: /data: Operation not permitted', 'chown: /data: Operation not permitted']), 'chown: /data: Operation not permitted');
  });

  it('a numbered retry (`attempt 3/10`) repeats as a loop, counters aside; an `error:` line that is a failed connection or lookup is no ending', () => {
    const attempts = [1, 2, 3].map((i) => `error: attempt ${i}/10 failed: dial tcp 10.96.112.7:5432: connect: connection refused`);
    assert.equal(fatalLogEnding(attempts, { mustExit: true }), undefined);
    assert.equal(fatalLogEnding(['error: attempt 3/10 failed: connection refused'], { mustExit: true }), undefined);
    assert.equal(fatalLogEnding(["error: nslookup: can't resolve 'postgres'"], { mustExit: true }), undefined);
    // A different error each time is no loop.
    assert.equal(fatalLogEnding(['error: migration 3 failed: relation "users" already exists'], { mustExit: true }), 'error: migration 3 failed: relation "users" already exists');
  });

  it('a missing command named like a level (HTTPie\'s `http`, a script\'s `info`) is the shell giving up, not a level word', () => {
    assert.equal(fatalLogEnding(['sh: 1: http: not found']), 'sh: 1: http: not found');
    assert.equal(fatalLogEnding(['/entrypoint.sh: line 7: info: command not found']), '/entrypoint.sh: line 7: info: command not found');
    assert.equal(fatalLogEnding(['bash: warning: setlocale: LC_ALL: cannot change locale (en_US.UTF-8)']), undefined);
  });
});
