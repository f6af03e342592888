// Benchmark: the report of a pod with a lot to quote. CPU time per phase (load, diagnose, sanitise +
// render JSON and human), measured here, never asserted in tests.
//   npm run bench:render
// Cases: 1 MB of log lines with 30,000 events; a log with 16 KB and 1 MB lines; and, for the
// renderer alone, 1 MB and 2 MB of evidence text (within the caps) to show it grows linearly.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { diagnose, type Diagnosis } from '../lib/diagnose.ts';
import { renderHuman } from '../lib/render/human.ts';
import { renderJson } from '../lib/render/json.ts';
import { sanitizeDiagnosis } from '../lib/render/sanitizeDiagnosis.ts';
import type { Evidence } from '../lib/rules/types.ts';
import { loadOffline } from '../lib/source/offline.ts';
import { fixturePath } from '../test/support/fixtures.ts';

const FIXTURE = 'container-exit-error';
const CONTAINER = 'payments';

function cpuMs<T>(work: () => T): [T, number] {
  const start = process.cpuUsage();
  const result = work();
  const used = process.cpuUsage(start);
  return [result, (used.user + used.system) / 1000];
}

/** A copy of the fixture with its previous log and events replaced. */
function bundleDir(log: string, eventCount: number): string {
  const dir = mkdtempSync(join(tmpdir(), 'podwhy-bench-render-'));
  const source = fixturePath(FIXTURE);
  for (const f of ['pod.json', 'capture.json']) writeFileSync(join(dir, f), readFileSync(join(source, f)));
  const events = JSON.parse(readFileSync(join(source, 'events.json'), 'utf8')) as { items: Record<string, unknown>[] };
  const template = events.items[events.items.length - 1]!;
  const base = Date.parse('2026-11-25T08:00:00Z');
  for (let i = events.items.length; i < eventCount; i++) {
    const at = new Date(base + i * 10).toISOString().replace(/\.\d+Z$/, 'Z');
    const meta = template.metadata as Record<string, unknown>;
    events.items.push({ ...template, count: 1, firstTimestamp: at, lastTimestamp: at, message: `Back-off restarting failed container ${CONTAINER} (attempt ${i})`, metadata: { ...meta, name: `${String(meta.name)}.${i}`, uid: `bench-${i}` } });
  }
  writeFileSync(join(dir, 'events.json'), JSON.stringify(events));
  mkdirSync(join(dir, 'logs'));
  writeFileSync(join(dir, 'logs', `${CONTAINER}.previous.log`), log);
  return dir;
}

function runBundle(title: string, dir: string): void {
  const [bundles, load] = cpuMs(() => loadOffline({ from: dir, fallbackNow: '2026-11-25T10:00:00Z' }));
  const [diagnoses, engine] = cpuMs(() => bundles.map((b) => diagnose(b)));
  const [sizes, render] = cpuMs(() => {
    const safe = diagnoses.map(sanitizeDiagnosis);
    return [renderJson(safe, false).length, renderHuman(safe, { color: false, width: 100 }).length];
  });
  console.log(`${title}: load ${load.toFixed(0)} ms, diagnose ${engine.toFixed(0)} ms, sanitise + render ${render.toFixed(1)} ms CPU (total ${(load + engine + render).toFixed(0)} ms); json ${sizes[0]} B, human ${sizes[1]} B`);
  rmSync(dir, { recursive: true, force: true });
}

function jsonLine(i: number, payload: number): string {
  return JSON.stringify({ level: i % 50 === 0 ? 'error' : 'info', ts: new Date(Date.parse('2026-11-25T08:05:00Z') + i).toISOString(), msg: `handled request ${i}`, payload: 'p'.repeat(payload) });
}

// 1 MB of ordinary log lines (about 8,000 of 130 bytes) and 30,000 events.
const lines: string[] = [];
for (let size = 0, i = 0; size < 1024 * 1024; i++) {
  const l = jsonLine(i, 40);
  lines.push(l);
  size += l.length + 1;
}
runBundle(`1 MB of log lines (${lines.length}) and 30,000 events`, bundleDir(`${lines.join('\n')}\n`, 30_000));
runBundle('a log with a 16 KB and a 1 MB line', bundleDir(`${jsonLine(1, 1024 * 1024)}\n${jsonLine(2, 16 * 1024)}\n${jsonLine(3, 10)}\n`, 5));

/** The renderer alone on `megabytes` of evidence text that no cap shortens: 50 lines of 100 chars per row. */
function renderOnly(megabytes: number): void {
  const rowText = Array.from({ length: 50 }, (_, i) => `line ${i} ${'word '.repeat(19)}`.slice(0, 100)).join('\n');
  const rows = Math.ceil((megabytes * 1024 * 1024) / rowText.length);
  const evidence: Evidence[] = Array.from({ length: rows }, (_, i) => ({ source: 'log', ref: `status.containerStatuses{${CONTAINER}}.state${i}`, text: rowText }));
  const d: Diagnosis = {
    pod: { namespace: 'shop', name: 'payments', phase: 'Running', status: 'CrashLoopBackOff', ready: '0/1', restarts: 6, node: 'worker-1', age: '7m' },
    healthy: false,
    findings: [{ rule: 'container-exit-error', severity: 'critical', container: CONTAINER, summary: 'bench', explanation: 'bench', evidence, fixes: [] }],
    notes: [],
  };
  const [safe, sanitise] = cpuMs(() => sanitizeDiagnosis(d));
  const [, human] = cpuMs(() => renderHuman([safe], { color: false, width: 100 }));
  const [, json] = cpuMs(() => renderJson([safe], false));
  console.log(`renderer alone, ${megabytes} MB of evidence text in ${rows} rows: sanitise ${sanitise.toFixed(0)} ms, human ${human.toFixed(0)} ms, json ${json.toFixed(0)} ms CPU`);
}
renderOnly(1);
renderOnly(2);
