// The paste reader on pathological text: lines of one shape that makes a naive pattern quadratic or
// worse (long runs of blanks between words, a message field, Go's %!v(MISSING), quotes, colons), alone,
// after a kubectl header, and inside a fence. Reports the slowest shape; a reader that backtracks shows
// up here as seconds, not milliseconds. Every shape also runs after a non-ASCII line.
// Run: node --import tsx bench/pasteShapes.ts
import { isUserError } from '../lib/source/errors.ts';
import { loadPaste } from '../lib/source/paste/index.ts';

const LINE = Number(process.env.PASTE_LINE ?? 4096);
const LINES = Number(process.env.PASTE_LINES ?? 64);
const gap = (n: number): string => ' '.repeat(n);
const SHAPES: Record<string, string> = {
  'blank run': `a${gap(LINE)}b`,
  'message field': `message: a${gap(LINE)}b`,
  'json message field': `"message": "a${gap(LINE)}b",`,
  'missing arg': `a${gap(LINE)}b${' %!v(MISSING)'.repeat(8)}`,
  'event row': `Warning  BackOff  3m (x7 over 5m)  kubelet, node-1${gap(LINE)}Back-off restarting failed container`,
  'scheduler in prose': `0/3 nodes are available: 1 ${gap(LINE)}x)`,
  quotes: '"'.repeat(LINE),
  colons: 'a: '.repeat(LINE / 3),
  'word run': 'a'.repeat(LINE),
  tabs: `a${'\t'.repeat(LINE)}b`,
  'box borders': `│ ${'a '.repeat(LINE / 2)}│`,
  'pull command': `docker pull ${'a/'.repeat(LINE / 2)}`,
  'runtime fatal line': `FATA[0001] pulling image: a${gap(LINE)}b"`,
};
const FRAMES: Record<string, (body: string) => string> = {
  alone: (body) => body,
  'after Events:': (body) => `Events:\n  Type  Reason  Age  From  Message\n  ----  ------  ----  ----  -------\n${body}`,
  'in a fence': (body) => `\`\`\`\n${body}\n\`\`\``,
  // One character beyond Latin-1 makes V8 hold the whole text as two-byte, where some patterns lose their fast path.
  'after non-ASCII': (body) => `Our pod fails to start… here is what I see:\n${body}`,
};

let worst = { ms: 0, what: '' };
const times: number[] = [];
for (const [shape, line] of Object.entries(SHAPES)) {
  for (const [frame, wrap] of Object.entries(FRAMES)) {
    const text = wrap(Array.from({ length: LINES }, () => line).join('\n'));
    const start = process.hrtime.bigint();
    try {
      loadPaste(text, 'bench', { fallbackNow: '2026-11-25T10:00:00Z' });
    } catch (err) {
      if (!isUserError(err)) throw err;
    }
    const ms = Number(process.hrtime.bigint() - start) / 1e6;
    times.push(ms);
    if (ms > worst.ms) worst = { ms, what: `${shape} / ${frame}` };
  }
}
times.sort((a, b) => a - b);
const p = (q: number): string => times[Math.min(times.length - 1, Math.floor(q * times.length))]!.toFixed(1);
console.log(`paste reader on ${LINES} pathological ${LINE}-character lines: ${times.length} runs, median ${p(0.5)} ms, p95 ${p(0.95)} ms, worst ${worst.ms.toFixed(1)} ms (${worst.what})`);
