// A small, forgiving reader for the shell scripts people put in `sh -c`: it splits a script into simple
// commands (words with quotes removed), tracks whether each command sits inside an until/while/for loop,
// and expands what can be known statically (the service-account namespace file, env vars with literal
// values). It is not a shell: anything it cannot expand stays in the word as written (with its `$`), so
// callers can tell a known host name from one computed at run time.

export interface ShellCommand {
  /** Words with quotes removed and known expansions applied; leading keywords (until, do, !) removed. */
  words: string[];
  /** Targets of redirections (`> /dev/tcp/db/5432`, `2>/dev/null`). */
  redirects: string[];
  /** > 0 when the command is inside (or is the condition of) an until / while / for loop. */
  loopDepth: number;
  /** The loop keyword that opened the innermost loop around it, when any. */
  loop?: 'until' | 'while' | 'for';
}

export interface ExpansionContext {
  /** Value of `$(cat /var/run/secrets/kubernetes.io/serviceaccount/namespace)`: the pod's namespace. */
  namespace?: string;
  /** Variables whose value is known (`env: [{name, value}]`, fieldRef metadata.namespace). */
  vars?: Record<string, string>;
  /** When false, `${X:-default}` of an unknown X is left unexpanded (the container may get X from envFrom). */
  useDefaults?: boolean;
}

const SHELLS = new Set(['sh', 'bash', 'ash', 'dash', 'zsh', 'ksh', 'mksh']);
const LOOP_OPENERS = new Set(['until', 'while']);
const PREFIX_KEYWORDS = new Set(['do', 'then', 'else', 'elif', 'if', '!', '{', 'time', 'fi', '}', 'esac']);
const NAMESPACE_FILE = /^\s*cat\s+["']?\/var\/run\/secrets\/kubernetes\.io\/serviceaccount\/namespace["']?\s*$/;

export function basename(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

export function isShell(word: string | undefined): boolean {
  return word !== undefined && SHELLS.has(basename(word));
}

/**
 * The script of `sh -c SCRIPT` (also `bash -ec`, `/bin/sh -c`, `busybox sh -c`, `bash -o pipefail -c`),
 * or undefined when argv is not a shell given `-c`.
 */
export function shellScriptOf(args: string[]): string | undefined {
  let i = 0;
  if (args[i] !== undefined && basename(args[i]!) === 'busybox') i++;
  if (!isShell(args[i])) return undefined;
  i++;
  let sawC = false;
  for (; i < args.length; i++) {
    const a = args[i]!;
    if (a === '--') {
      i++;
      break;
    }
    if (/^[-+]o$/.test(a)) {
      i++;
      continue;
    }
    if (/^[-+][A-Za-z]+$/.test(a)) {
      if (a.startsWith('-') && a.includes('c')) sawC = true;
      continue;
    }
    if (a.startsWith('--')) continue; // bash long options: --noprofile, --norc, --login
    break;
  }
  return sawC ? args[i] : undefined;
}

/** Kubernetes' own `$(VAR)` expansion of command/args (done by the kubelet before the shell runs). */
export function expandKubeletVars(text: string, vars: Record<string, string>): string {
  return text.replace(/\$\$|\$\(([A-Za-z_][A-Za-z0-9_]*)\)/g, (m, name: string | undefined) => {
    if (m === '$$') return '$$';
    return name !== undefined && Object.hasOwn(vars, name) ? vars[name]! : m;
  });
}

interface Pending {
  words: string[];
  redirects: string[];
  substitutions: string[];
}

class Lexer {
  private i = 0;
  readonly commands: ShellCommand[] = [];
  private depthStack: ('until' | 'while' | 'for')[] = [];
  private cur: Pending = { words: [], redirects: [], substitutions: [] };
  private word: string | undefined;
  private redirectNext = false;

  constructor(
    private readonly src: string,
    private readonly ctx: ExpansionContext,
    private readonly baseDepth: number,
    private readonly baseLoop: ShellCommand['loop'],
    private readonly nesting: number,
  ) {}

  run(): ShellCommand[] {
    const s = this.src;
    while (this.i < s.length) {
      const ch = s[this.i]!;
      if (ch === '\\') {
        const next = s[this.i + 1];
        this.i += 2;
        if (next === '\n' || next === undefined) continue;
        this.append(next);
      } else if (ch === "'") {
        const end = s.indexOf("'", this.i + 1);
        const stop = end === -1 ? s.length : end;
        this.append(s.slice(this.i + 1, stop));
        this.i = stop + 1;
      } else if (ch === '"') {
        this.i++;
        this.append(this.readDoubleQuoted());
      } else if (ch === '$') {
        this.append(this.readDollar());
      } else if (ch === '`') {
        const end = s.indexOf('`', this.i + 1);
        const stop = end === -1 ? s.length : end;
        this.append(this.substitute(s.slice(this.i + 1, stop)));
        this.i = stop + 1;
      } else if (ch === '#' && this.word === undefined) {
        while (this.i < s.length && s[this.i] !== '\n') this.i++;
      } else if (ch === ' ' || ch === '\t') {
        this.endWord();
        this.i++;
      } else if (ch === '<' || ch === '>' || (ch === '&' && s[this.i + 1] === '>')) {
        // A file descriptor number right before the operator belongs to it (2>/dev/null).
        if (this.word !== undefined && /^\d+$/.test(this.word)) this.word = undefined;
        this.endWord();
        // >, >>, <, <<, &>, >|, <>, and duplications such as 2>&1 or >&2 (which take no file name).
        const op = /^(?:&>>?|>>?&(?:\d+|-)|<&(?:\d+|-)|>>|>\||<<-?|<>|>|<)/.exec(s.slice(this.i))![0];
        this.i += op.length;
        this.redirectNext = !/&(?:\d+|-)$/.test(op);
      } else if (ch === '\n' || ch === ';' || ch === '&' || ch === '|' || ch === '(' || ch === ')') {
        this.endWord();
        this.endCommand();
        this.i++;
      } else {
        this.append(ch);
        this.i++;
      }
    }
    this.endWord();
    this.endCommand();
    return this.commands;
  }

  private append(text: string): void {
    this.word = (this.word ?? '') + text;
  }

  private endWord(): void {
    if (this.word === undefined) return;
    if (this.redirectNext) {
      this.cur.redirects.push(this.word);
      this.redirectNext = false;
    } else {
      this.cur.words.push(this.word);
    }
    this.word = undefined;
  }

  private readDoubleQuoted(): string {
    const s = this.src;
    let out = '';
    while (this.i < s.length && s[this.i] !== '"') {
      const ch = s[this.i]!;
      if (ch === '\\' && /["\\$`\n]/.test(s[this.i + 1] ?? '')) {
        if (s[this.i + 1] !== '\n') out += s[this.i + 1];
        this.i += 2;
      } else if (ch === '$') {
        out += this.readDollar();
      } else if (ch === '`') {
        const end = s.indexOf('`', this.i + 1);
        const stop = end === -1 ? s.length : end;
        out += this.substitute(s.slice(this.i + 1, stop));
        this.i = stop + 1;
      } else {
        out += ch;
        this.i++;
      }
    }
    this.i++; // closing quote
    return out;
  }

  /** At a `$`: command substitution, arithmetic, ${…}, $NAME, or a lone dollar. */
  private readDollar(): string {
    const s = this.src;
    const next = s[this.i + 1];
    if (next === '(') {
      const arithmetic = s[this.i + 2] === '(';
      const end = this.matchingParen(this.i + 1);
      const body = s.slice(this.i + 2, end);
      this.i = end + 1;
      return arithmetic ? `$(${body})` : this.substitute(body);
    }
    if (next === '{') {
      const end = s.indexOf('}', this.i + 2);
      const stop = end === -1 ? s.length : end;
      const inner = s.slice(this.i + 2, stop);
      this.i = stop + 1;
      const m = /^([A-Za-z_][A-Za-z0-9_]*)(?::?[-=](.*))?$/.exec(inner);
      if (m) {
        const known = this.ctx.vars?.[m[1]!];
        if (known !== undefined) return known;
        if (m[2] !== undefined && this.ctx.useDefaults) return m[2];
      }
      return `\${${inner}}`;
    }
    const m = /^[A-Za-z_][A-Za-z0-9_]*/.exec(s.slice(this.i + 1));
    if (m) {
      this.i += 1 + m[0].length;
      const known = this.ctx.vars?.[m[0]];
      return known ?? `$${m[0]}`;
    }
    this.i++;
    if (next !== undefined && /[?#@*!$0-9-]/.test(next)) {
      this.i++;
      return `$${next}`;
    }
    return '$';
  }

  /** Index of the `)` closing the `(` at `open`, respecting nesting and quotes. */
  private matchingParen(open: number): number {
    const s = this.src;
    let depth = 0;
    for (let j = open; j < s.length; j++) {
      const ch = s[j];
      if (ch === '\\') j++;
      else if (ch === "'") {
        const end = s.indexOf("'", j + 1);
        j = end === -1 ? s.length : end;
      } else if (ch === '(') depth++;
      else if (ch === ')') {
        depth--;
        if (depth === 0) return j;
      }
    }
    return s.length;
  }

  /** A command substitution: the namespace file expands to the namespace; anything else is kept opaque and parsed later. */
  private substitute(body: string): string {
    if (NAMESPACE_FILE.test(body) && this.ctx.namespace) return this.ctx.namespace;
    this.cur.substitutions.push(body);
    return `$(${body})`;
  }

  private endCommand(): void {
    const pending = this.cur;
    this.cur = { words: [], redirects: [], substitutions: [] };
    this.redirectNext = false;
    const words = [...pending.words];
    let isForHeader = false;
    while (words.length > 0) {
      const w = words[0]!;
      if (LOOP_OPENERS.has(w)) {
        this.depthStack.push(w as 'until' | 'while');
        words.shift();
      } else if (w === 'for' || w === 'select') {
        this.depthStack.push('for');
        isForHeader = true;
        break;
      } else if (w === 'done') {
        this.depthStack.pop();
        words.shift();
      } else if (PREFIX_KEYWORDS.has(w)) {
        words.shift();
      } else break;
    }
    const loopDepth = this.baseDepth + this.depthStack.length;
    const loop = this.depthStack[this.depthStack.length - 1] ?? this.baseLoop;
    if (!isForHeader && (words.length > 0 || pending.redirects.length > 0)) {
      this.commands.push({ words, redirects: pending.redirects, loopDepth, ...(loop ? { loop } : {}) });
    }
    // Nested scripts: $(…) bodies and `sh -c '…'` run with the loop state of the command holding them.
    if (this.nesting < 4) {
      for (const body of pending.substitutions) {
        this.commands.push(...new Lexer(body, this.ctx, loopDepth, loop, this.nesting + 1).run());
      }
      const nested = shellScriptOf(stripWrappers(words));
      if (nested !== undefined) {
        this.commands.push(...new Lexer(nested, this.ctx, loopDepth, loop, this.nesting + 1).run());
      }
    }
  }
}

/** Drop what only wraps the real command: `VAR=x`, `exec`, `command`, `timeout 60`, `busybox`, `nohup`, `env -i`. */
export function stripWrappers(words: string[]): string[] {
  let i = 0;
  while (i < words.length) {
    const w = words[i]!;
    const name = basename(w);
    if (/^[A-Za-z_][A-Za-z0-9_]*=/.test(w)) i++;
    else if (name === 'exec' || name === 'command' || name === 'nohup' || name === 'busybox' || name === 'builtin') i++;
    else if (name === 'env') {
      i++;
      while (i < words.length && (words[i]!.startsWith('-') || /^[A-Za-z_][A-Za-z0-9_]*=/.test(words[i]!))) i++;
    } else if (name === 'timeout') {
      i++;
      while (i < words.length && words[i]!.startsWith('-')) i += /^-[sk]$/.test(words[i]!) ? 2 : 1;
      i++; // the duration
    } else break;
  }
  return words.slice(i);
}

/** Split a shell script into simple commands, with loop nesting. Never throws. */
export function parseScript(script: string, ctx: ExpansionContext = {}): ShellCommand[] {
  try {
    return new Lexer(script, ctx, 0, undefined, 0).run();
  } catch {
    return [];
  }
}
