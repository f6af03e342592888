import { strict as assert } from 'node:assert';
import { fatalLogEnding } from '../../lib/bundle/fatalLogEnding.ts';
import { productEnding } from '../../lib/bundle/productEndings.ts';

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

  // The wordings of each runtime's own source: node's lib/internal/modules/cjs/loader.js (with and without the
  // `node:` prefix, Node < 16 had none), the JDK launcher's resources, Ruby's load.c, gunicorn's arbiter.py,
  // CPython's `-m` runner, Spring Boot's FailureAnalyzers.
  it('a program that fails at start, as each runtime ends its log', () => {
    const node = [
      'node:internal/modules/cjs/loader:1080', '  throw err;', '  ^', '', "Error: Cannot find module 'express'", 'Require stack:', '- /usr/src/app/server.js',
      '    at Module._resolveFilename (node:internal/modules/cjs/loader:1077:15)', '    at Module._load (node:internal/modules/cjs/loader:922:27) {',
      "  code: 'MODULE_NOT_FOUND',", "  requireStack: [ '/usr/src/app/server.js' ]", '}', '', 'Node.js v18.17.1',
    ];
    assert.equal(fatalLogEnding(node), 'node:internal/modules/cjs/loader:1080');
    const node12 = ['internal/modules/cjs/loader.js:638', '    throw err;', '    ^', '', "Error: Cannot find module '/usr/src/app/index.js'", '    at Function.Module._resolveFilename (internal/modules/cjs/loader.js:636:15)'];
    assert.equal(fatalLogEnding(node12), 'internal/modules/cjs/loader.js:638');
    assert.equal(fatalLogEnding(['Error: Could not find or load main class com.acme.Main', 'Caused by: java.lang.ClassNotFoundException: com.acme.Main']), 'Error: Could not find or load main class com.acme.Main');
    assert.equal(fatalLogEnding(['Error: Unable to access jarfile /app/app.jar']), 'Error: Unable to access jarfile /app/app.jar');
    const ruby = ["/usr/local/lib/ruby/3.2.0/bundled_gems.rb:74:in `require': cannot load such file -- sinatra (LoadError)", "\tfrom /app/app.rb:1:in `<main>'"];
    assert.equal(fatalLogEnding(ruby), ruby[0]);
    const gunicorn = [
      "ModuleNotFoundError: No module named 'app'", '[2024-01-10 10:00:00 +0000] [7] [INFO] Worker exiting (pid: 7)', '[2024-01-10 10:00:00 +0000] [1] [ERROR] Worker (pid:7) exited with code 3',
      '[2024-01-10 10:00:00 +0000] [1] [ERROR] Shutting down: Master', '[2024-01-10 10:00:00 +0000] [1] [ERROR] Reason: Worker failed to boot.',
    ];
    assert.equal(fatalLogEnding(gunicorn), gunicorn[3]);
    assert.equal(fatalLogEnding(['/usr/local/bin/python: No module named uvicorn']), '/usr/local/bin/python: No module named uvicorn');
    const spring = ['', '***************************', 'APPLICATION FAILED TO START', '***************************', '', 'Description:', '', 'Web server failed to start. Port 8080 was already in use.', '', 'Action:', '', "Identify and stop the process that's listening on port 8080 or configure this application to listen on another port."];
    assert.equal(fatalLogEnding(spring), 'APPLICATION FAILED TO START');
  });

  it('look-alikes: a warning, a logged exception the server survived, a failure report followed by the app going on', () => {
    assert.equal(fatalLogEnding(["(node:1) Warning: Accessing non-existent property 'padLevels' of module exports inside circular dependency", '(Use `node --trace-warnings ...` to show where the warning was created)']), undefined);
    assert.equal(fatalLogEnding(['2024-01-10 10:00:00.000 ERROR 1 --- [nio-8080-exec-1] o.a.c.c.C.[.[.[/].[dispatcherServlet]    : Servlet.service() threw exception', 'java.lang.NullPointerException: null', '\tat com.acme.Controller.get(Controller.java:22)']), undefined);
    assert.equal(fatalLogEnding(['Traceback (most recent call last):', '  File "/app/worker.py", line 40, in handle', 'ValueError: bad job', 'INFO:     10.244.0.1:5000 - "GET /healthz HTTP/1.1" 200 OK']), undefined);
    assert.equal(fatalLogEnding(['APPLICATION FAILED TO START', 'Description:', 'x', '2024-01-10 10:00:02.000  INFO 1 --- [main] c.a.App : Started App in 2.1 seconds']), undefined);
  });

  it('chown/chmod failing on numbered paths, one after another, is one pass over many files, not a loop: the command gave up', () => {
    const shards = [1, 2, 3].map((i) => `chown: /data/shard-${i}: Operation not permitted`);
    assert.equal(fatalLogEnding(shards), shards[2]);
    const innodb = ['ib_logfile0', 'ib_logfile1', 'ibdata1'].map((f) => `chmod: changing permissions of '/var/lib/mysql/${f}': Operation not permitted`);
    assert.equal(fatalLogEnding(innodb), innodb[2]);
    // …while counters and timestamps outside paths still make a loop.
    assert.equal(fatalLogEnding(['2024-01-01T00:00:01Z sh: nc: not found', '2024-01-01T00:00:03Z sh: nc: not found', '2024-01-01T00:00:05Z sh: nc: not found']), undefined);
  });
  it('gunicorn: "Shutting down: Master" ends the process only with its "Reason:" line; after SIGTERM it is a normal stop', () => {
    const start = ['[2024-05-01 10:00:00 +0000] [1] [INFO] Starting gunicorn 21.2.0', '[2024-05-01 10:00:00 +0000] [8] [INFO] Booting worker with pid: 8'];
    const term = ['[2024-05-01 11:00:00 +0000] [1] [INFO] Handling signal: term', '[2024-05-01 11:00:00 +0000] [8] [INFO] Worker exiting (pid: 8)', '[2024-05-01 11:00:01 +0000] [1] [INFO] Shutting down: Master'];
    assert.equal(fatalLogEnding([...start, ...term]), undefined);
    const boot = ['[2024-05-01 10:00:00 +0000] [1] [ERROR] Worker (pid:8) exited with code 3', '[2024-05-01 10:00:00 +0000] [1] [ERROR] Shutting down: Master', '[2024-05-01 10:00:00 +0000] [1] [ERROR] Reason: Worker failed to boot.'];
    assert.equal(fatalLogEnding([...start, ...boot]), boot[1]);
  });

  it("a thread's error report (Ruby report_on_exception, Python's threading hook) is no ending: the process goes on", () => {
    assert.equal(fatalLogEnding(['* Listening on http://0.0.0.0:3000', '#<Thread:0x00007f8b1c0a1b28 /app/lib/poller.rb:5 run> terminated with exception (report_on_exception is true):', "/app/lib/poller.rb:9:in 'block in start': undefined method 'fetch' for nil (NoMethodError)", "\tfrom /app/lib/poller.rb:5:in 'loop'"]), undefined);
    assert.equal(fatalLogEnding(['Serving on 0.0.0.0:8000', 'Exception in thread Thread-1 (poll):', 'Traceback (most recent call last):', '  File "/app/poll.py", line 9, in poll', "KeyError: 'host'"]), undefined);
    // The same Ruby error with no thread announced is the main program's: it ends the process.
    assert.equal(fatalLogEnding(["/app/app.rb:1:in 'require': cannot load such file -- sinatra (LoadError)", "\tfrom /app/app.rb:1:in '<main>'"]), "/app/app.rb:1:in 'require': cannot load such file -- sinatra (LoadError)");
  });

  // review4 #12: the JVM's report of a thread other than main is one line with the error on it, not an announcement.
  it("the JVM's `Exception in thread \"x\" …` line is the thread's error itself: an app's error line after it is the program's own ending", () => {
    const oom = 'Exception in thread "pool-1-thread-3" java.lang.OutOfMemoryError: Java heap space';
    const appError = '2024-01-01T10:00:00Z ERROR failed to load config: bad yaml';
    assert.equal(fatalLogEnding(['2024-01-01T09:59:58Z INFO starting', oom, appError], { runEnded: true }), appError);
    // The thread's report with its frames, the program going on: still no ending.
    assert.equal(fatalLogEnding(['2024-01-01T09:59:58Z INFO starting', oom, '\tat java.base/java.util.Arrays.copyOf(Arrays.java:3512)']), undefined);
  });

  it("npm's ERR!/error block ends the log of an npm that exited: its most telling line", () => {
    assert.equal(fatalLogEnding(['npm ERR! missing script: start', 'npm ERR! A complete log of this run can be found in:', 'npm ERR!     /root/.npm/_logs/2024-05-01T10_00_00_000Z-debug.log']), 'npm ERR! missing script: start');
    assert.equal(fatalLogEnding(['npm error Missing script: "start"', 'npm error', 'npm error To see a list of scripts, run:', 'npm error   npm run']), 'npm error Missing script: "start"');
    assert.equal(fatalLogEnding(['Listening on 3000', 'npm ERR! code ELIFECYCLE', 'npm ERR! errno 1', 'npm ERR! app@1.0.0 start: `node index.js`', 'npm ERR! Exit status 1']), 'npm ERR! code ELIFECYCLE');
    // npm's warnings are no ending.
    assert.equal(fatalLogEnding(['npm WARN config production Use `--omit=dev` instead.', 'Listening on 3000']), undefined);
  });

  it('a client the database refused exits; the server that logs a refused client goes on', () => {
    assert.equal(fatalLogEnding(['psql: FATAL:  password authentication failed for user "app"']), 'psql: FATAL:  password authentication failed for user "app"');
    assert.equal(fatalLogEnding(['psql: error: connection to server at "db" (10.96.0.20), port 5432 failed:', 'FATAL:  password authentication failed for user "app"']), 'FATAL:  password authentication failed for user "app"');
    assert.equal(fatalLogEnding(['2024-05-01 10:05:00.456 UTC [87] FATAL:  password authentication failed for user "app"', '2024-05-01 10:05:00.456 UTC [87] DETAIL:  Connection matched pg_hba.conf line 100: "host all all all scram-sha-256"']), undefined);
    // A wait loop around psql repeats its refusal: still waiting, not given up.
    const refused = 'psql: FATAL:  password authentication failed for user "app"';
    assert.equal(fatalLogEnding([refused, 'waiting for db', refused, 'waiting for db', refused]), undefined);
  });

  it('a FATAL that says the program stops is an ending; one that says it does not is none', () => {
    assert.equal(fatalLogEnding(['2024/05/01 10:00:05 FATAL: could not connect to broker, exiting']), '2024/05/01 10:00:05 FATAL: could not connect to broker, exiting');
    assert.equal(fatalLogEnding(['[main] FATAL Unable to load /etc/app/config.yml - aborting']), '[main] FATAL Unable to load /etc/app/config.yml - aborting');
    assert.equal(fatalLogEnding(['2024/05/01 10:00:05 non-fatal: cache warmup failed, exiting warmup early']), undefined);
    assert.equal(fatalLogEnding(['worker: FATAL error in job 42 (not exiting, job marked failed)']), undefined);
  });

  it("log4j/logback's FATAL is a level: an ending only when it says it stops or ends the log of a run that ended", () => {
    const level = '2024-05-01 10:00:07,331 FATAL [http-2] c.e.Handler - client 10.1.2.3 sent malformed token, closing its session';
    assert.equal(fatalLogEnding(['2024-05-01 10:00:00,101 INFO  [main] c.e.AuthServer - listening on 8443', level]), undefined);
    assert.equal(fatalLogEnding([level], { runEnded: true }), level);
    const stops = '2024-05-01 10:00:07,331 FATAL [main] c.e.AuthServer - keystore unreadable, shutting down';
    assert.equal(fatalLogEnding([stops]), stops);
    // A line after it shows the process went on, even in a run that ended.
    assert.equal(fatalLogEnding([level, '2024-05-01 10:00:08,002 INFO  [http-3] c.e.Handler - GET /login 200'], { runEnded: true }), undefined);
  });

  // review4 #1: a retry word in a line that says the program stopped trying is how it gave up, not a retry.
  it("a FATAL or ERROR line that says it gave up (timed out waiting, retry limit reached, giving up) ends the run; one with a retry ahead does not", () => {
    const starting = '2024-11-24 09:50:14,101 INFO  [main] c.x.orders.App - Starting App v1.4.2';
    const gaveUp = [
      '2024-11-24 09:51:15,230 FATAL [main] c.x.orders.App - Timed out waiting for database postgres:5432 after 60s',
      '2024-11-24 09:51:15,230 FATAL [main] c.x.orders.App - retry limit reached, could not connect to database',
      '2024-11-24 09:51:15,230 FATAL [main] c.x.orders.App - No more retry attempts left, giving up',
    ];
    for (const line of gaveUp) assert.equal(fatalLogEnding([starting, line]), line, line);
    const errorGaveUp = '2024-11-24 09:51:15,230 ERROR [main] c.x.orders.App - Timed out waiting for database postgres:5432 after 60s';
    assert.equal(fatalLogEnding([starting, errorGaveUp], { runEnded: true }), errorGaveUp);
    // A retry still to come, or a plain wait: the program goes on.
    assert.equal(fatalLogEnding([starting, '2024-11-24 09:51:15,230 FATAL [main] c.x.orders.App - Timed out connecting to postgres:5432, retrying in 5s']), undefined);
    assert.equal(fatalLogEnding([starting, '2024-11-24 09:51:15,230 FATAL [main] c.x.orders.App - database not up yet, waiting']), undefined);
    assert.equal(fatalLogEnding(['error: attempt 3 failed, will retry'], { mustExit: true }), undefined);
    assert.equal(fatalLogEnding(['error: migrations lock: retry limit reached'], { mustExit: true }), 'error: migrations lock: retry limit reached');
  });

  // review3 f2: a pasted `kubectl logs` (no status) ending in the main thread's FATAL about its configuration.
  it("log4j/logback's FATAL from the main thread, or about a configuration it could not load, ends the process", () => {
    const starting = '2024-05-01 10:00:00,123 INFO  [main] com.example.App - Starting App v1.2';
    const config = '2024-05-01 10:00:01,456 FATAL [main] com.example.App - Unable to load configuration /etc/app/app.yaml: file not found';
    assert.equal(fatalLogEnding([starting, config]), config);
    const workerConfig = '2024-05-01 10:00:01,456 FATAL [pool-1-thread-1] c.e.Settings - failed to parse config /etc/app/app.yaml: mapping values are not allowed here';
    assert.equal(fatalLogEnding([starting, workerConfig]), workerConfig);
    const mainOther = '2024-05-01 10:00:01,456 FATAL [main] o.a.c.c.StandardService - Failed to start connector [Connector[HTTP/1.1-8080]]';
    assert.equal(fatalLogEnding([starting, mainOther]), mainOther);
    // Look-alikes: a worker thread's FATAL, a failed reload, and the main thread's FATAL followed by normal output.
    assert.equal(fatalLogEnding([starting, '2024-05-01 10:00:07,331 FATAL [http-2] c.e.Handler - client 10.1.2.3 sent malformed token, closing its session']), undefined);
    assert.equal(fatalLogEnding([starting, '2024-05-01 10:00:07,331 FATAL [watcher] c.e.Settings - Error reloading config /etc/app/app.yaml: file not found']), undefined);
    assert.equal(fatalLogEnding([config, '2024-05-01 10:00:02,001 INFO  [main] com.example.App - using defaults']), undefined);
  });

  it("Node's report without its `Node.js v…` line: an unhandled rejection or 'error' event, or a stack through the module loader", () => {
    assert.equal(fatalLogEnding(['node:internal/process/promises:288', '            triggerUncaughtException(err, true /* fromPromise */);', '            ^', '[UnhandledPromiseRejection: This error originated either by throwing inside of an async function without a catch block.] {', "  code: 'ERR_UNHANDLED_REJECTION'", '}']), 'node:internal/process/promises:288');
    assert.equal(fatalLogEnding(['node:events:495', "      throw er; // Unhandled 'error' event", '      ^', 'Error: connect ECONNREFUSED 10.96.0.12:5432', '    at TCPConnectWrap.afterConnect [as oncomplete] (node:net:1555:16)', "Emitted 'error' event on Client instance at:", '    at Socket.emit (node:events:517:28) {', '  errno: -111,', '}']), 'node:events:495');
    assert.equal(fatalLogEnding(["Error: Cannot find module '/app/index.js'", '    at Function.Module._resolveFilename (internal/modules/cjs/loader.js:636:15)', '    at Function.Module.runMain (internal/modules/cjs/loader.js:831:12)']), "Error: Cannot find module '/app/index.js'");
    // A stack an app logs from a request handler (no loader frame) and goes on from: no ending.
    assert.equal(fatalLogEnding(['GET /orders 500', "TypeError: Cannot read properties of undefined (reading 'id')", '    at /app/routes/orders.js:14:22', '    at Layer.handle [as handle_request] (/app/node_modules/express/lib/router/layer.js:95:5)']), undefined);
  });

  it("Go loggers whose Fatal exits: zerolog's FTL/PNC, zap's console FATAL, logrus' FATA on a terminal", () => {
    const zerolog = '2025-03-04T09:41:17Z FTL cmd/gateway/main.go:57 > cannot open database error="open /var/lib/gateway/db.sqlite: no such file or directory"';
    assert.equal(fatalLogEnding(['2025-03-04T09:41:17Z INF starting gateway version=1.8.2', zerolog]), zerolog);
    assert.equal(fatalLogEnding(['9:41AM FTL failed to start error="listen tcp :8080: bind: address already in use"']), '9:41AM FTL failed to start error="listen tcp :8080: bind: address already in use"');
    const zap = '2024-03-11T08:15:02.114Z\tFATAL\tcmd/main.go:88\tcannot start server\t{"error": "listen tcp :8080: bind: address already in use"}';
    assert.equal(fatalLogEnding([zap]), zap);
    assert.equal(fatalLogEnding(['FATA[0000] open /etc/traefik/traefik.toml: no such file or directory']), 'FATA[0000] open /etc/traefik/traefik.toml: no such file or directory');
  });

  it('look-alikes of those: a WRN or ERR line of a program that goes on, a FATAL word inside a message', () => {
    assert.equal(fatalLogEnding(['2024-02-15T18:49:54Z WRN Failed to read configuration from disk error="Config File \\"config\\" Not Found"']), undefined);
    assert.equal(fatalLogEnding(['2025-03-04T09:41:17Z INF listening addr=:8080', '2025-03-04T09:43:02Z ERR request failed error="context canceled" path=/api/v1/items']), undefined);
    assert.equal(fatalLogEnding(['2024-03-11T08:15:02.114Z\tINFO\tcmd/main.go:40\tuser FTL account locked']), undefined);
  });

  it('an error-level line saying the configuration could not be loaded ends the process (read once, at start)', () => {
    const prometheus =
      'ts=2023-09-12T08:20:11.705Z caller=main.go:470 level=error msg="Error loading config (--config.file=/etc/config/prometheus.yml)" file=/etc/config/prometheus.yml err="parsing YAML file /etc/config/prometheus.yml: yaml: unmarshal errors:\\n  line 31: field scrape_interval_seconds not found in type config.plain"';
    assert.equal(fatalLogEnding(['ts=2023-09-12T08:20:11.702Z caller=main.go:585 level=info msg="Starting Prometheus Server" mode=server', prometheus]), prometheus);
    const json = '{"level":"error","ts":1710144902.114,"caller":"app/main.go:31","msg":"failed to load configuration","error":"yaml: line 4: mapping values are not allowed in this context"}';
    assert.equal(fatalLogEnding([json]), json);
  });

  it('error-level look-alikes: a reload the program survives, a failed request, a config error followed by normal output', () => {
    assert.equal(
      fatalLogEnding([
        'ts=2023-09-12T09:02:47.380Z caller=main.go:1223 level=info msg="Loading configuration file" filename=/etc/config/prometheus.yml',
        'ts=2023-09-12T09:02:47.381Z caller=main.go:961 level=error msg="Error reloading config" err="couldn\'t load configuration (--config.file=\\"/etc/config/prometheus.yml\\"): parsing YAML file /etc/config/prometheus.yml: yaml: line 12: did not find expected key"',
      ]),
      undefined,
    );
    assert.equal(fatalLogEnding(['level=info ts=2024-05-01T10:00:00Z msg="server listening" addr=:3100', 'level=error ts=2024-05-01T10:04:12Z caller=http.go:211 msg="error handling request" err="context canceled"']), undefined);
    assert.equal(fatalLogEnding(['level=error ts=2024-05-01T10:00:00Z msg="error loading config overrides" err="open /etc/app/overrides.yaml: no such file or directory"', 'level=info ts=2024-05-01T10:00:00Z msg="using built-in defaults"', 'level=info ts=2024-05-01T10:00:01Z msg="server listening" addr=:8080']), undefined);
  });

  it('any error-level line as the last report of a run known to have ended is how it ended; in a running one it is not', () => {
    const line = 'level=error ts=2024-05-01T10:00:03Z caller=main.go:88 msg="cannot create kafka consumer" err="kafka: client has run out of available brokers to talk to"';
    assert.equal(fatalLogEnding([line], { runEnded: true }), line);
    assert.equal(fatalLogEnding([line]), undefined);
  });
});

describe('productEnding: one row per product, what its line means for the run', () => {
  it("Spring Boot's ERROR line saying the run failed is the JVM exiting, not a mere level: it ends a run not known to have ended", () => {
    const line = '2024-05-01 10:00:03.210 ERROR 1 --- [           main] o.s.boot.SpringApplication               : Application run failed';
    assert.deepEqual([productEnding(line, false)?.product, productEnding(line, false)?.means], ['Spring Boot', 'uncaught']);
    assert.equal(fatalLogEnding([line]), line);
  });

  it("log4j's FATAL is a level: an ending from main(), not from a worker thread while the run goes on", () => {
    const main = '2024-05-01 10:00:01,456 FATAL [main] com.example.App - Startup failed: no license key';
    const worker = '2024-05-01 10:00:01,456 FATAL [http-2] com.example.Session - closing its session';
    assert.equal(productEnding(main, false)?.means, 'level');
    assert.equal(productEnding(worker, false), undefined);
    assert.equal(productEnding(worker, true)?.product, 'log4j, logback, Python logging');
  });

  it("gunicorn's master stopping is a failure only when a Reason line confirms it", () => {
    const row = productEnding('[2024-05-01 10:00:00 +0000] [1] [ERROR] Shutting down: Master', false);
    assert.equal(row?.means, 'stops');
    assert.equal(row?.confirmedBy?.test('[2024-05-01 10:00:00 +0000] [1] [ERROR] Reason: Worker failed to boot.'), true);
  });
});
