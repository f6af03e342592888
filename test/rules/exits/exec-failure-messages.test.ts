// Table-driven tests of the matchers behind shell-script-without-c, command-not-found,
// command-not-executable, exec-format-error and container-exit-error, over real message variants.
import { strict as assert } from 'node:assert';
import { shellSplit, missingToolHint } from '../../../lib/rules/exits/commandWords.ts';
import { parseRuntimeExecError, parseShellError, type ExecFailureKind } from '../../../lib/rules/exits/execFailure.ts';
import { exitMeaning } from '../../../lib/rules/exits/exitCodes.ts';
import { findLogCause, type LogCauseKind } from '../../../lib/rules/exits/logCauses.ts';
import { looksLikeScriptPath, looksLikeScriptText, parseShellInvocation } from '../../../lib/rules/exits/shellInvocation.ts';
import { archInImageName } from '../../../lib/rules/exits/execFormatError.ts';

describe('runtime start-failure messages', () => {
  const cases: [string, ExecFailureKind, string | undefined][] = [
    // containerd + runc ≥ 1.1
    ['failed to create containerd task: failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process: exec: "foo": executable file not found in $PATH: unknown', 'not-in-path', 'foo'],
    // with the gRPC prefix, as in a Failed event
    ['Error: rpc error: code = Unknown desc = failed to create containerd task: OCI runtime create failed: runc create failed: unable to start container process: error during container init: exec: "gunicorn": executable file not found in $PATH: unknown', 'not-in-path', 'gunicorn'],
    // older runc (escaped quotes inside a quoted cause)
    ['OCI runtime create failed: container_linux.go:349: starting container process caused "exec: \\"foo\\": executable file not found in $PATH": unknown', 'not-in-path', 'foo'],
    // CRI-O wrapping runc, as kubectl shows it in the waiting message
    ['container create failed: time="2024-05-28T10:30:28Z" level=error msg="runc create failed: unable to start container process: exec: \\"asdf\\": executable file not found in $PATH"', 'not-in-path', 'asdf'],
    ['container create failed: time="2021-04-11T21:03:07Z" level=error msg="container_linux.go:366: starting container process caused: exec: \\"cluster-kube-scheduler-operator\\": executable file not found in $PATH"', 'not-in-path', 'cluster-kube-scheduler-operator'],
    // crun (newer names the file, older did not)
    ['crun: executable file `foo` not found in $PATH: No such file or directory: OCI runtime attempted to invoke a command that was not found', 'not-in-path', 'foo'],
    ['executable file not found in $PATH: No such file or directory: OCI runtime command not found error', 'not-in-path', undefined],
    // crun ≈0.15 naming an absolute path (podman-container-tools/podman#7814): a missing file, not a PATH lookup
    ['Error: executable file `/no/such/command` not found in $PATH: No such file or directory: OCI runtime command not found error', 'no-such-file', '/no/such/command'],
    // an absolute path that does not exist
    ['Error: failed to create containerd task: failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process: exec: "/app": stat /app: no such file or directory: unknown', 'no-such-file', '/app'],
    ['Container creation error: runc create failed: unable to start container process: error during container init: exec: \\"./health-inspection-agent\\": stat ./health-inspection-agent: no such file or directory', 'no-such-file', './health-inspection-agent'],
    // an image without entrypoint and a pod without command
    ['failed to create containerd task: failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process: error during container init: exec: "": executable file not found in $PATH', 'no-command', ''],
    ['failed to generate container "4f1c…" spec: failed to generate spec: no command specified', 'no-command', undefined],
    // permission denied
    ['OCI runtime create failed: runc create failed: unable to start container process: exec: "/opt/rke-tools/entrypoint.sh": permission denied: unknown', 'permission-denied', '/opt/rke-tools/entrypoint.sh'],
    ['runc create failed: unable to start container process: exec: "/bin/prometheus-config-reloader": permission denied', 'permission-denied', '/bin/prometheus-config-reloader'],
    ['container create failed: time="2023-05-06T15:13:42Z" level=error msg="runc create failed: unable to start container process: exec /deployments/run-java.sh: permission denied"', 'permission-denied', '/deployments/run-java.sh'],
    ['crun: open executable: Permission denied: OCI permission denied', 'permission-denied', undefined],
    ['standard_init_linux.go:219: exec user process caused: permission denied', 'permission-denied', undefined],
    // exec format error (log of runc init)
    ['exec /usr/bin/app: exec format error', 'exec-format', '/usr/bin/app'],
    ['standard_init_linux.go:228: exec user process caused: exec format error', 'exec-format', undefined],
    ['standard_init_linux.go:211: exec user process caused "exec format error"', 'exec-format', undefined],
    ['bash: /app/server: cannot execute binary file: Exec format error', 'exec-format', undefined],
    // interpreter / loader missing (file exists)
    ['exec /docker-entrypoint.sh: no such file or directory', 'interpreter-missing', '/docker-entrypoint.sh'],
    ['standard_init_linux.go:228: exec user process caused: no such file or directory', 'interpreter-missing', undefined],
  ];
  for (const [text, kind, exe] of cases) {
    it(`${kind}: ${text.slice(0, 90)}`, () => {
      const f = parseRuntimeExecError(text);
      assert.ok(f, 'recognised');
      assert.equal(f.kind, kind);
      assert.equal(f.executable, exe);
    });
  }
  for (const text of [
    'back-off 5m0s restarting failed container=web pod=web-1_default(uid)',
    'Error: ImagePullBackOff',
    'error during container init: chdir to cwd ("/x") set in config.json failed: no such file or directory: unknown',
    'listen tcp :8080: bind: permission denied',
  ]) {
    it(`ignores: ${text.slice(0, 80)}`, () => assert.equal(parseRuntimeExecError(text), undefined));
  }
});

describe('shell error lines', () => {
  const cases: [string, ExecFailureKind, string | undefined][] = [
    ['sh: curl: not found', 'not-in-path', 'curl'],
    ['/bin/sh: getent: not found', 'not-in-path', 'getent'],
    ['sh: 1: psql: not found', 'not-in-path', 'psql'],
    ['/bin/sh: 1: psql: not found', 'not-in-path', 'psql'],
    ['sh: script.sh: line 3: getent: not found', 'not-in-path', 'getent'],
    ['bash: jq: command not found', 'not-in-path', 'jq'],
    ['bash: line 1: jq: command not found', 'not-in-path', 'jq'],
    ['/entrypoint.sh: line 12: envsubst: command not found', 'not-in-path', 'envsubst'],
    ['zsh:1: command not found: foo', 'not-in-path', 'foo'],
    ["/usr/bin/env: 'python': No such file or directory", 'not-in-path', 'python'],
    ['/usr/bin/env: ‘python’: No such file or directory', 'not-in-path', 'python'],
    ["env: can't execute 'bash': No such file or directory", 'not-in-path', 'bash'],
    ['sh: /app/run: not found', 'no-such-file', '/app/run'],
    ['sh: 1: ./start.sh: not found', 'no-such-file', './start.sh'],
    ['bash: /scripts/run.sh: No such file or directory', 'no-such-file', '/scripts/run.sh'],
    ["sh: can't open '/scripts/start.sh': No such file or directory", 'cannot-open-script', '/scripts/start.sh'],
    ["sh: can't open 'while true;do echo SUCCESS;done': No such file or directory", 'cannot-open-script', 'while true;do echo SUCCESS;done'],
    ['sh: 0: cannot open while true;do echo SUCCESS;done: No such file', 'cannot-open-script', 'while true;do echo SUCCESS;done'],
    ["sh: 0: Can't open while true;do echo SUCCESS;done", 'cannot-open-script', 'while true;do echo SUCCESS;done'],
    ['zsh: can\'t open input file: /x.sh', 'cannot-open-script', '/x.sh'],
    ["sh: can't open '/scripts/start.sh': Permission denied", 'permission-denied', '/scripts/start.sh'],
    ['sh: /app/run.sh: Permission denied', 'permission-denied', '/app/run.sh'],
    ['bash: line 1: /app/run.sh: Permission denied', 'permission-denied', '/app/run.sh'],
    ['sh: 1: ./run.sh: Permission denied', 'permission-denied', './run.sh'],
    ['bash: /app/start.sh: /bin/bash^M: bad interpreter: No such file or directory', 'interpreter-missing', '/app/start.sh'],
    ['bash: /app/start.sh: cannot execute: required file not found', 'interpreter-missing', '/app/start.sh'],
    ["/app/entrypoint.sh: line 2: $'\\r': command not found", 'not-in-path', "$'\\r'"],
    ['/app/entrypoint.sh: 2: foo\r: not found', 'not-in-path', 'foo\r'],
  ];
  for (const [line, kind, exe] of cases) {
    it(`${kind}: ${line}`, () => {
      const f = parseShellError(line);
      assert.ok(f, 'recognised');
      assert.equal(f.kind, kind);
      assert.equal(f.executable, exe);
    });
  }
  it('marks a command ending in a carriage return as CRLF (bash quotes it, dash prints it raw)', () => {
    assert.equal(parseShellError("/app/entrypoint.sh: line 2: $'\\r': command not found")?.crlf, true);
    assert.equal(parseShellError("/app/entrypoint.sh: line 7: $'java\\r': command not found")?.crlf, true);
    assert.equal(parseShellError('/app/entrypoint.sh: 2: foo\r: not found')?.crlf, true);
    assert.equal(parseShellError('bash: jq: command not found')?.crlf, undefined);
  });
  it('records a CRLF shebang', () => {
    const f = parseShellError('bash: ./entrypoint.sh: /bin/bash^M: bad interpreter: No such file or directory');
    assert.equal(f?.crlf, true);
    assert.equal(f?.detail, '/bin/bash');
  });
  for (const line of [
    "nslookup: can't resolve 'db'",
    '** server can\'t find db.default.svc.cluster.local: NXDOMAIN',
    'Error: file config.yaml: not found',
    'level=info msg="user not found"',
    'wget: bad address \'config-server\'',
  ]) {
    it(`ignores: ${line}`, () => assert.equal(parseShellError(line), undefined));
  }
});

describe('shell invocation in command/args', () => {
  const cases: [string, { command?: string[]; args?: string[] }, { shell?: string; hasC: boolean; operand?: string; field?: string; index?: number } | undefined][] = [
    ['sh + script', { command: ['sh', 'while true; do echo SUCCESS; done'] }, { shell: 'sh', hasC: false, operand: 'while true; do echo SUCCESS; done', field: 'command', index: 1 }],
    ['sh + args', { command: ['sh'], args: ['echo hi; sleep 10'] }, { shell: 'sh', hasC: false, operand: 'echo hi; sleep 10', field: 'args', index: 0 }],
    ['sh -c', { command: ['sh', '-c', 'echo hi'] }, { shell: 'sh', hasC: true, operand: 'echo hi', field: 'command', index: 2 }],
    ['sh + args -c', { command: ['/bin/sh'], args: ['-c', 'echo hi'] }, { shell: '/bin/sh', hasC: true, operand: 'echo hi', field: 'args', index: 1 }],
    ['bash -ec', { command: ['bash', '-ec', 'set -x; run'] }, { shell: 'bash', hasC: true, operand: 'set -x; run', field: 'command', index: 2 }],
    ['bash -euo pipefail -c', { command: ['bash', '-euo', 'pipefail', '-c', 'run'] }, { shell: 'bash', hasC: true, operand: 'run', field: 'command', index: 4 }],
    ['bash -e without -c', { command: ['bash', '-e', 'set -x; run'] }, { shell: 'bash', hasC: false, operand: 'set -x; run', field: 'command', index: 2 }],
    ['env bash', { command: ['/usr/bin/env', 'bash', 'echo hi; sleep 1'] }, { shell: '/usr/bin/env bash', hasC: false, operand: 'echo hi; sleep 1', field: 'command', index: 2 }],
    ['busybox sh', { command: ['busybox', 'sh', 'echo hi; sleep 1'] }, { shell: 'busybox sh', hasC: false, operand: 'echo hi; sleep 1', field: 'command', index: 2 }],
    ['script path', { command: ['sh', '/scripts/start.sh'] }, { shell: 'sh', hasC: false, operand: '/scripts/start.sh', field: 'command', index: 1 }],
    ['entrypoint receives args', { args: ['while true; do date; sleep 1; done'] }, { hasC: false, operand: 'while true; do date; sleep 1; done', field: 'args', index: 0 }],
    ['not a shell', { command: ['nginx', '-g', 'daemon off;'] }, undefined],
    ['busybox applet', { command: ['busybox', 'httpd', '-f'] }, undefined],
  ];
  for (const [name, spec, expected] of cases) {
    it(name, () => {
      const inv = parseShellInvocation({ name: 'c', ...spec });
      if (!expected) return assert.equal(inv, undefined);
      assert.ok(inv);
      assert.equal(inv.shell, expected.shell);
      assert.equal(inv.hasC, expected.hasC);
      assert.equal(inv.operand, expected.operand);
      assert.equal(inv.operandField, expected.field);
      assert.equal(inv.operandIndex, expected.index);
    });
  }
  it('tells script text from a script path', () => {
    for (const t of ['while true; do echo SUCCESS; done', 'echo hi', 'a && b', 'x | y', 'set -e\nrun']) assert.ok(looksLikeScriptText(t), t);
    for (const p of ['/scripts/run.sh', 'entrypoint.sh', './start', '$(SCRIPT_DIR)/run.sh', '$(SCRIPT)']) {
      assert.ok(!looksLikeScriptText(p), p);
      assert.ok(looksLikeScriptPath(p), p);
    }
    assert.ok(!looksLikeScriptPath('echo'), 'a bare word is neither');
  });
  it('"-c script" written as one element: the option and the script are recorded apart', () => {
    const inv = parseShellInvocation({ name: 'c', command: ['/bin/bash'], args: ['-ec echo hi; exec run'] });
    assert.deepEqual(inv?.joinedC, { option: '-ec', script: 'echo hi; exec run', field: 'args', index: 0 });
    assert.equal(parseShellInvocation({ name: 'c', command: ['sh', '-c', 'echo hi'] })?.joinedC, undefined);
    assert.equal(parseShellInvocation({ name: 'c', command: ['sh', '-e', '-c', 'echo hi'] })?.joinedC, undefined);
  });
});

describe('app causes in log tails', () => {
  const cases: [string, LogCauseKind, string | undefined][] = [
    ['{"level":"fatal","msg":"cannot connect to database","error":"dial tcp 10.96.112.7:5432: connect: connection refused"}', 'connection-refused', '10.96.112.7:5432'],
    ['Error: connect ECONNREFUSED 127.0.0.1:6379', 'connection-refused', '127.0.0.1:6379'],
    ['psycopg2.OperationalError: connection to server at "db" (10.96.1.2), port 5432 failed: Connection refused', 'connection-refused', 'db:5432'],
    ['java.net.ConnectException: Connection refused', 'connection-refused', undefined],
    ["ERROR 2002 (HY000): Can't connect to MySQL server on 'mysql:3306' (111)", 'connection-refused', 'mysql:3306'],
    ['panic: dial tcp: lookup redis on 10.96.0.10:53: no such host', 'dns', 'redis'],
    ['Error: getaddrinfo ENOTFOUND mongo', 'dns', 'mongo'],
    ['java.net.UnknownHostException: kafka-0.kafka', 'dns', 'kafka-0.kafka'],
    ['psql: error: could not translate host name "postgres" to address: Name or service not known', 'dns', 'postgres'],
    ['listen tcp :8080: bind: address already in use', 'address-in-use', '8080'],
    ['Error: listen EADDRINUSE: address already in use :::3000', 'address-in-use', '3000'],
    ['OSError: [Errno 98] Address already in use', 'address-in-use', undefined],
    ['open /data/db.lock: permission denied', 'permission-denied', '/data/db.lock'],
    ["Error: EACCES: permission denied, mkdir '/app/logs'", 'permission-denied', '/app/logs'],
    ["PermissionError: [Errno 13] Permission denied: '/var/lib/app'", 'permission-denied', '/var/lib/app'],
    ['required environment variable DATABASE_URL is not set', 'missing-env', 'DATABASE_URL'],
    ['Missing required env var: STRIPE_KEY', 'missing-env', 'STRIPE_KEY'],
    ['DATABASE_URL is not set', 'missing-env', 'DATABASE_URL'],
    ["KeyError: 'SECRET_KEY'", 'missing-env', 'SECRET_KEY'],
    ['open /etc/app/config.yaml: no such file or directory', 'missing-file', '/etc/app/config.yaml'],
    ["FileNotFoundError: [Errno 2] No such file or directory: '/config/app.yaml'", 'missing-file', '/config/app.yaml'],
    ["Error: ENOENT: no such file or directory, open '/app/config.json'", 'missing-file', '/app/config.json'],
    ['FATAL ERROR: Reached heap limit Allocation failed - JavaScript heap out of memory', 'heap-exhausted', undefined],
    ['java.lang.OutOfMemoryError: Java heap space', 'heap-exhausted', 'Java heap space'],
    ["ModuleNotFoundError: No module named 'requests'", 'missing-module', 'requests'],
    ["Error: Cannot find module '/app/server.js'", 'missing-module', '/app/server.js'],
    ['panic: runtime error: invalid memory address or nil pointer dereference', 'exception', undefined],
    ['nginx: [emerg] host not found in upstream "backend" in /etc/nginx/conf.d/default.conf:12', 'dns', 'backend'],
    ['2026/11/25 08:05:13 [emerg] 1#1: host not found in upstream "api.shop.svc.cluster.local:8080" in /etc/nginx/nginx.conf:40', 'dns', 'api.shop.svc.cluster.local'],
    ['Web server failed to start. Port 8080 was already in use.', 'address-in-use', '8080'],
    ['nginx: [emerg] bind() to 0.0.0.0:80 failed (13: Permission denied)', 'privileged-port', '80'],
    ['nginx: [emerg] bind() to [::]:443 failed (13: Permission denied)', 'privileged-port', '443'],
    ['listen tcp :80: bind: permission denied', 'privileged-port', '80'],
    ['Error: listen EACCES: permission denied 0.0.0.0:80', 'privileged-port', '80'],
    ['listen tcp :8080: bind: permission denied', 'permission-denied', undefined],
    ['sh: 1: [[: not found', 'shell-syntax', '[['],
    ['/app/run.sh: 4: Syntax error: "(" unexpected', 'shell-syntax', '"(" unexpected'],
    ['/bin/sh: 1: source: not found', 'shell-syntax', 'source'],
    ['sh: 3: Bad substitution', 'shell-syntax', 'Bad substitution'],
    ["/entrypoint.sh: line 2: $'\\r': command not found", 'crlf', undefined],
    ["/entrypoint.sh: line 5: syntax error near unexpected token `$'do\\r''", 'crlf', undefined],
  ];
  for (const [line, kind, target] of cases) {
    it(`${kind}: ${line.slice(0, 80)}`, () => {
      const cause = findLogCause(['starting', line]);
      assert.ok(cause, 'recognised');
      assert.equal(cause.kind, kind);
      assert.equal(cause.target, target);
    });
  }
  it('a refused connection is to localhost only when the address found is (the line may mention localhost elsewhere)', () => {
    const remote = findLogCause(['dial tcp 10.96.0.5:5432: connect: connection refused (not localhost:5432)']);
    assert.equal(remote?.target, '10.96.0.5:5432');
    assert.doesNotMatch(remote.phrase, /localhost/);
    const local = findLogCause(['dial tcp [::1]:5432: connect: connection refused']);
    assert.match(local?.phrase ?? '', /localhost \(\[::1\]:5432\), which in a pod is the pod itself/);
  });
  it('prefers the Java root cause (Caused by) over the outer exception', () => {
    const cause = findLogCause([
      'Exception in thread "main" java.lang.RuntimeException: boom',
      '\tat com.example.Main.main(Main.java:3)',
      'Caused by: java.lang.IllegalArgumentException: bad port -1',
    ]);
    assert.equal(cause?.kind, 'exception');
    assert.match(cause.phrase, /Caused by: java.lang.IllegalArgumentException: bad port -1/);
  });
  it('takes the address from the line above when the last ECONNREFUSED line names none (Node error objects)', () => {
    const cause = findLogCause(['Error: connect ECONNREFUSED 10.96.0.5:5432', '    at TCPConnectWrap.afterConnect [as oncomplete] (node:net:1555:16) {', '  errno: -111,', "  code: 'ECONNREFUSED',", "  syscall: 'connect',", '}']);
    assert.equal(cause?.kind, 'connection-refused');
    assert.equal(cause.target, '10.96.0.5:5432');
  });
  it('quotes Spring Boot\'s failure analysis when no specific cause matches', () => {
    const cause = findLogCause([
      '***************************',
      'APPLICATION FAILED TO START',
      '***************************',
      '',
      'Description:',
      '',
      "Failed to configure a DataSource: 'url' attribute is not specified and no embedded datasource could be configured.",
      '',
      'Action:',
    ]);
    assert.equal(cause?.kind, 'exception');
    assert.match(cause.phrase, /^"Failed to configure a DataSource: 'url' attribute is not specified.*" \(Spring Boot's failure analysis\)$/);
  });
  it('quotes the whole line of an error-level log line, not from the middle of a bracket', () => {
    const cause = findLogCause(['[2026/11/25 08:05:13] [error] configuration file contains errors, aborting.']);
    assert.equal(cause?.phrase, '"[2026/11/25 08:05:13] [error] configuration file contains errors, aborting."');
  });
  it('does not call a line about loading environment variables a missing variable', () => {
    assert.equal(findLogCause(['loading environment variables from .env', 'server stopped']), undefined);
  });
  it('finds nothing in an ordinary log', () => {
    assert.equal(findLogCause(['listening on :8080', 'GET /healthz 200']), undefined);
  });
});

describe('exit code meanings', () => {
  const cases: [number, string | undefined, RegExp][] = [
    [1, 'Error', /application error/],
    [2, 'Error', /misuse/],
    [126, 'Error', /not executable/],
    [127, 'Error', /command not found/],
    [128, 'StartError', /could not be started/],
    [130, 'Error', /SIGINT/],
    [134, 'Error', /SIGABRT/],
    [137, 'Error', /SIGKILL/],
    [139, 'Error', /SIGSEGV, segmentation fault/],
    [143, 'Error', /SIGTERM/],
    [255, 'Unknown', /unknown/],
    [255, 'Error', /255/],
    [42, 'Error', /exit code 42/],
  ];
  for (const [code, reason, re] of cases) it(`${code} ${reason}`, () => assert.match(exitMeaning(code, undefined, reason).short, re));
});

describe('command helpers', () => {
  it('splits a command string like a shell', () => {
    assert.deepEqual(shellSplit("sh -c 'echo hello && sleep 3600'"), ['sh', '-c', 'echo hello && sleep 3600']);
    assert.deepEqual(shellSplit('python3 -m http.server "8080"'), ['python3', '-m', 'http.server', '8080']);
    assert.deepEqual(shellSplit('a\\ b c'), ['a b', 'c']);
  });
  it('knows what well-known images lack', () => {
    assert.match(missingToolHint('bash', 'alpine:3.20') ?? '', /no bash/);
    assert.match(missingToolHint('getent', 'busybox:1.36') ?? '', /no getent/);
    assert.match(missingToolHint('sh', 'gcr.io/distroless/static:nonroot') ?? '', /no shell/);
    assert.equal(missingToolHint('gunicorn', 'python:3.12-slim'), undefined);
  });
  it('reads an architecture from an image name', () => {
    assert.equal(archInImageName('ghcr.io/acme/api:1.4.0-arm64'), 'arm64');
    assert.equal(archInImageName('arm64v8/nginx:1.27'), 'arm64');
    assert.equal(archInImageName('registry.k8s.io/kube-apiserver-amd64:v1.30.0'), 'amd64');
    assert.equal(archInImageName('nginx:1.27'), undefined);
    assert.equal(archInImageName('registry.example.com/armory/app:1.0'), undefined);
  });
});
