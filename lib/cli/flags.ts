// The flags of `kubectl podwhy`, in one table: the plain reader (argv.ts), yargs (yargsArgv.ts, and so
// --help) and TAB completion (completion.ts) are all made from it, so a flag cannot exist in one and not
// the others. The order is --help's.

export const OUTPUT_CHOICES = ['human', 'wide', 'json', 'yaml', 'markdown'] as const;
export const COLOR_CHOICES = ['auto', 'always', 'never'] as const;
/** How long --watch waits for the pod to be Ready by default. */
export const DEFAULT_WATCH_TIMEOUT = '10m';

/** The flags as parsed, before the checks that combine them (main.ts parseArgs). */
export interface ParsedFlags {
  positionals: string[];
  from?: string;
  output: (typeof OUTPUT_CHOICES)[number];
  namespace?: string;
  allNamespaces: boolean;
  selector?: string;
  context?: string;
  kubeconfig?: string;
  requestTimeout?: string;
  save?: string;
  /** Scans: the full report of every pod, not one per group. */
  details: boolean;
  watch: boolean;
  timeout: string;
  color: (typeof COLOR_CHOICES)[number];
  now?: string;
}

export type ValueKey = 'from' | 'output' | 'namespace' | 'selector' | 'context' | 'kubeconfig' | 'requestTimeout' | 'save' | 'timeout' | 'color' | 'now';
export type SwitchKey = 'allNamespaces' | 'details' | 'watch' | 'help' | 'version';

/** What a flag's value completes to on TAB. */
export type CompletesTo = 'namespace' | 'context' | 'file' | 'dir' | 'none';

interface FlagCommon {
  long: string;
  short?: string;
  describe: string;
  /** Left out of --help and completion. */
  hidden?: boolean;
  /** kubectl has the same short form and users type it (-n, -o): messages name the flag by it. */
  typedShort?: true;
}
export interface ValueFlag extends FlagCommon {
  /** Takes a value (`--namespace NS`); a switch has none. */
  value: true;
  key: ValueKey;
  choices?: readonly string[];
  default?: string;
  /** For a value without choices. */
  completes?: CompletesTo;
}
export interface SwitchFlag extends FlagCommon {
  value?: never;
  key: SwitchKey;
  /** --help and --version have no default: yargs prints none for them. */
  default?: false;
}
export type FlagSpec = ValueFlag | SwitchFlag;

export const isValueFlag = (flag: FlagSpec): flag is ValueFlag => flag.value === true;

export const FLAGS: readonly FlagSpec[] = [
  { long: 'from', short: 'f', key: 'from', value: true, completes: 'file', describe: 'Diagnose a saved bundle or pasted kubectl text: a folder, a file, or - for stdin' },
  { long: 'output', short: 'o', typedShort: true, key: 'output', value: true, choices: OUTPUT_CHOICES, default: 'human', describe: 'Output format (wide: the scan table with NODE and CONTAINER)' },
  { long: 'namespace', short: 'n', typedShort: true, key: 'namespace', value: true, completes: 'namespace', describe: "Namespace (default: the context's)" },
  { long: 'all-namespaces', short: 'A', typedShort: true, key: 'allNamespaces', default: false, describe: 'Look in every namespace' },
  { long: 'selector', short: 'l', typedShort: true, key: 'selector', value: true, completes: 'none', describe: 'Label selector, e.g. app=web' },
  { long: 'context', key: 'context', value: true, completes: 'context', describe: 'kubeconfig context to use' },
  { long: 'kubeconfig', key: 'kubeconfig', value: true, completes: 'file', describe: 'Path to the kubeconfig file' },
  {
    long: 'request-timeout',
    key: 'requestTimeout',
    value: true,
    completes: 'none',
    describe: 'Time the whole diagnosis may take, every request included (e.g. 10s, 1m; 0 = no limit; default 30s a request, 60s in all)',
  },
  { long: 'save', key: 'save', value: true, completes: 'dir', describe: 'Also write the diagnosed bundle to this folder (no Secret data)' },
  { long: 'details', key: 'details', default: false, describe: 'Several pods: the full report of every pod, not one per group' },
  { long: 'watch', short: 'w', key: 'watch', default: false, describe: 'After the report, follow the pod and print what changes, until it is Ready (exit 0) or --timeout (exit 1)' },
  { long: 'timeout', key: 'timeout', value: true, completes: 'none', default: DEFAULT_WATCH_TIMEOUT, describe: 'With --watch: how long to wait for the pod to be Ready (e.g. 30s, 5m, 1h; 0 = no limit)' },
  { long: 'color', key: 'color', value: true, choices: COLOR_CHOICES, default: 'auto', describe: 'Colour in the human report' },
  { long: 'now', key: 'now', value: true, hidden: true, describe: 'Measure ages against this RFC 3339 time (reproducible runs)' },
  { long: 'help', short: 'h', typedShort: true, key: 'help', describe: 'Show this help' },
  { long: 'version', key: 'version', describe: 'Print the podwhy version' },
];

/** The parsed flags before any is given: the table's defaults. */
export function flagDefaults(): Omit<ParsedFlags, 'positionals'> {
  return Object.fromEntries(FLAGS.flatMap((f) => (f.default === undefined ? [] : [[f.key, f.default]]))) as Omit<ParsedFlags, 'positionals'>;
}
