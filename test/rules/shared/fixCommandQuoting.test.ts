// Fix commands are pasted into a shell; the values in them come from the cluster. These tests check the
// `sh` tag itself, and then every fix of every fixture, with its names and images replaced by hostile
// ones, through an independent reader of shell syntax (test/support/shellSyntax.ts).
import { strict as assert } from 'node:assert';
import type { Bundle } from '../../../lib/bundle/types.ts';
import { diagnose } from '../../../lib/diagnose.ts';
import { fragment, sh, shellQuote, when } from '../../../lib/rules/shared/shellCommand.ts';
import { loadFixture, singlePodFixtureNames } from '../../support/fixtures.ts';
import { nestedScripts, readShell } from '../../support/shellSyntax.ts';

describe('sh: the quoting tag of fix commands', () => {
  it('leaves plain words bare and single-quotes anything else', () => {
    assert.equal(sh`kubectl logs ${'web-0'} -n ${'shop'}`, 'kubectl logs web-0 -n shop');
    assert.equal(sh`kubectl set image deployment/web web=${'acme/web:1.0;{touch,pwned};#'}`, "kubectl set image deployment/web web='acme/web:1.0;{touch,pwned};#'");
    assert.equal(shellQuote("it's"), `'it'\\''s'`);
    assert.equal(shellQuote(''), "''");
    assert.equal(shellQuote('$(id)'), "'$(id)'");
  });

  it('quotes a leading = only where a word starts (zsh expands =cmd)', () => {
    assert.equal(sh`kubectl get pods ${'=ls'}`, "kubectl get pods '=ls'");
    assert.equal(sh`kubectl taint nodes n1 ${'dedicated'}=${'gpu'}:NoSchedule-`, 'kubectl taint nodes n1 dedicated=gpu:NoSchedule-');
    assert.equal(sh`x --a=${'=b'}`, 'x --a==b');
  });

  it('escapes for the quotes a value stands in', () => {
    assert.equal(sh`kubectl get secret s -o jsonpath='{.data.${"k'; touch x; '"}}'`, `kubectl get secret s -o jsonpath='{.data.k'\\''; touch x; '\\''}'`);
    assert.equal(sh`echo "${'a"$(id)`b`\\'}"`, 'echo "a\\"\\$(id)\\`b\\`\\\\"');
    assert.equal(sh`x "$(aws ecr get-login-password --region ${'us-east-1;id'})"`, `x "$(aws ecr get-login-password --region 'us-east-1;id')"`);
  });

  it('keeps a here-document body YAML and its end line intact', () => {
    const cmd = sh`kubectl apply -f - <<'EOF'\nmetadata:\n  name: ${'data\nEOF\ntouch pwned'}\nEOF\nkubectl get pvc -n ${'a b'}`;
    assert.equal(cmd, `kubectl apply -f - <<'EOF'\nmetadata:\n  name: "data\\nEOF\\ntouch pwned"\nEOF\nkubectl get pvc -n 'a b'`);
    assert.equal(readShell(cmd).unbalanced, false);
  });

  it('does not let an apostrophe in a comment open a quote', () => {
    assert.equal(sh`kubectl get nodes   # the node's name, then: ${'x y'}\nkubectl get pods ${'a b'}`, `kubectl get nodes   # the node's name, then: "x y"\nkubectl get pods 'a b'`);
  });

  it('inserts built fragments and optional parts as they are, and lists as several words', () => {
    const ns = fragment(sh`-n ${'shop'}`);
    assert.equal(sh`kubectl get svc ${ns}`, 'kubectl get svc -n shop');
    assert.equal(sh`kubectl logs p${when(true, sh` --previous`)}`, 'kubectl logs p --previous');
    assert.equal(sh`kubectl logs p${when(false, sh` --previous`)}`, 'kubectl logs p');
    assert.equal(sh`kubectl uncordon ${['n1', 'n 2']}`, "kubectl uncordon n1 'n 2'");
  });
});

// Programs a fix may start; anything else at the start of a simple command came from the data.
const PROGRAMS = new Set(['kubectl', 'crane', 'docker', 'kind', 'minikube', 'skopeo', 'jq', 'grep', 'base64', 'EOF']);
// The only command substitutions rules write: a registry token printed by the cloud's CLI.
const AUTHORED_SUBSTITUTION = /^(aws ecr get-login-password --region [a-z0-9-]+|cat key\.json)$/;
// What the shell would interpret as more than words and the authored && / | / newline / here-document.
const FORBIDDEN = /;|\|\||(?<!&)&(?!&)|`|\{|\}|>|<(?!<)/;

function checkCommand(where: string, command: string): void {
  const syntax = readShell(command);
  assert.equal(syntax.unbalanced, false, `${where}: unbalanced quoting in ${JSON.stringify(command)}`);
  const live = syntax.live.replace(/<<_+/g, '');
  assert.doesNotMatch(live, FORBIDDEN, `${where}: shell syntax outside quotes in ${JSON.stringify(command)}`);
  for (const s of syntax.substitutions) assert.match(s, AUTHORED_SUBSTITUTION, `${where}: command substitution in ${JSON.stringify(command)}`);
  for (const words of syntax.commands) assert.ok(PROGRAMS.has(words[0]!), `${where}: a simple command starts with ${words[0]} in ${JSON.stringify(command)}`);
}

const PAYLOADS = [';{touch,PWNED};#', '$(touch${IFS}PWNED)', "'`PWNED`'", '&&PWNED||', '\nPWNED>x'];

/** The names a pod's spec gives that rules repeat in commands: pod, namespace, containers, images, references. */
function namesOf(b: Bundle): string[] {
  const pod = b.pod;
  const names = new Set<string>();
  const add = (v: unknown): void => {
    if (typeof v === 'string' && v.length >= 3) names.add(v);
  };
  add(pod.metadata?.name);
  add(pod.metadata?.namespace);
  add(pod.spec?.nodeName);
  add(pod.spec?.serviceAccountName);
  for (const s of pod.spec?.imagePullSecrets ?? []) add(s?.name);
  for (const c of [...(pod.spec?.initContainers ?? []), ...(pod.spec?.containers ?? [])]) {
    add(c?.name);
    add(c?.image);
    // The programs it runs: fixes name them inside a nested `sh -c` (review2 #12).
    add(c?.command?.[0]);
    for (const probe of [c?.livenessProbe, c?.readinessProbe, c?.startupProbe]) add(probe?.exec?.command?.[0]);
    for (const e of c?.env ?? []) {
      add(e?.valueFrom?.configMapKeyRef?.name);
      add(e?.valueFrom?.secretKeyRef?.name);
      add(e?.valueFrom?.configMapKeyRef?.key);
      add(e?.valueFrom?.secretKeyRef?.key);
    }
    for (const e of c?.envFrom ?? []) {
      add(e?.configMapRef?.name);
      add(e?.secretRef?.name);
    }
  }
  for (const v of pod.spec?.volumes ?? []) {
    add(v?.configMap?.name);
    add(v?.secret?.secretName);
    add(v?.persistentVolumeClaim?.claimName);
  }
  for (const s of b.related.services ?? []) add(s.metadata?.name);
  // Longest first, so that a name inside another (web in web-0) does not break the longer one.
  return [...names].sort((a, b) => b.length - a.length);
}

/** The `sh -c` scripts the pod's containers run: a fix that runs one again (a Job of the same command) runs it where the pod does. */
function ownScripts(b: Bundle): Set<string> {
  const out = new Set<string>();
  for (const c of [...(b.pod.spec?.initContainers ?? []), ...(b.pod.spec?.containers ?? [])]) {
    const argv = [...(c.command ?? []), ...(c.args ?? [])];
    const at = argv.indexOf('-c');
    if (at !== -1 && argv[at + 1] !== undefined) out.add(argv[at + 1]!);
  }
  return out;
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The bundle with each name replaced, everywhere it stands as a whole word, by the name plus a payload. */
function hostile(b: Bundle, payload: string): Bundle {
  const names = namesOf(b);
  if (names.length === 0) return b;
  const pattern = new RegExp(`(?<![\\w.-])(?:${names.map(escapeRegExp).join('|')})(?![\\w-])`, 'g');
  const walk = (v: unknown): unknown => {
    if (typeof v === 'string') return v.replace(pattern, (m) => `${m}${payload}`);
    if (Array.isArray(v)) return v.map(walk);
    if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, walk(x)]));
    return v;
  };
  return { ...b, pod: walk(b.pod) as Bundle['pod'], events: walk(b.events) as Bundle['events'], nodeEvents: walk(b.nodeEvents) as Bundle['nodeEvents'], logs: walk(b.logs) as Bundle['logs'], related: walk(b.related) as Bundle['related'] };
}

/**
 * A command a fix's description quotes is pasted too: in backticks (`inlineCommand`) it must be as safe as a
 * fix command, and no hostile value may follow a bare `kubectl ` in the same clause of the prose.
 */
function checkDescription(where: string, description: string): void {
  // A quoted command may hold backticks inside its single quotes: the span ends at the first backtick outside them.
  const quoted = /`(kubectl (?:[^`'\\]|'[^']*'|\\.)*)`/g;
  for (const m of description.matchAll(quoted)) checkCommand(`${where} (quoted in its description)`, m[1]!);
  const prose = description.replace(quoted, '``');
  for (const m of prose.matchAll(/\bkubectl /g)) {
    const clause = prose.slice(m.index).split(/\. |\), |\):|\)$/)[0]!;
    assert.doesNotMatch(clause, /PWNED/, `${where}: a hostile value in a command quoted unquoted in ${JSON.stringify(description)}`);
  }
}

describe('fix commands are safe to paste', () => {
  const fixtures = singlePodFixtureNames();

  it('every fixture: each fix command is words and the authored && | newline here-document, starting with a known program', () => {
    let count = 0;
    for (const name of fixtures) {
      for (const f of diagnose(loadFixture(name)).findings) {
        for (const fix of f.fixes) {
          if (fix.command === undefined) continue;
          checkCommand(`${name} ${f.rule}`, fix.command);
          count++;
        }
      }
    }
    assert.ok(count > 150, `only ${count} fix commands checked`);
  });

  it('every fixture with hostile names and images: the payload never reaches the shell outside quotes', () => {
    let reached = 0;
    let nested = 0;
    for (const name of fixtures) {
      const base = loadFixture(name);
      for (const payload of PAYLOADS) {
        const bad = hostile(base, payload);
        for (const f of diagnose(bad).findings) {
          for (const fix of f.fixes) {
            const where = `${name} ${f.rule} (payload ${JSON.stringify(payload)})`;
            checkDescription(where, fix.description);
            if (fix.command === undefined) continue;
            checkCommand(where, fix.command);
            if (fix.command.includes('PWNED')) {
              reached++;
              assert.doesNotMatch(readShell(fix.command).live, /PWNED/, `${where}: ${JSON.stringify(fix.command)}`);
              // A script handed to a nested shell is read a second time there.
              for (const inner of nestedScripts(fix.command).filter((x) => !ownScripts(bad).has(x))) {
                if (inner.includes('PWNED')) nested++;
                assert.doesNotMatch(readShell(inner).live, /PWNED/, `${where}: the nested shell of ${JSON.stringify(fix.command)}`);
              }
            }
          }
        }
      }
    }
    // The payloads must really flow into commands, or this test proves nothing.
    assert.ok(reached > 800, `only ${reached} hostile fix commands carried the payload`);
    assert.ok(nested >= 10, `only ${nested} nested shell scripts carried the payload`);
  });
});
