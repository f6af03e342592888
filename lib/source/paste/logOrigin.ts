// Where a log with nothing around it comes from. A pod's log proper is vouched for by kubectl (or the
// runtime's k8s_ names); a log pasted alone may come from anywhere: a jar run locally, a CI job, a build.
// Only a line that Kubernetes itself or the container runtime writes ties it to a pod.

interface BuildTool {
  name: string;
  line: RegExp;
  /** It also runs as a container's main process (Node images start with `npm start`, `yarn start`). */
  runsInPods?: true;
}

/** Build and CI tools, by a line only they print. */
const BUILD_TOOLS: BuildTool[] = [
  { name: 'npm', line: /^\s*(?:npm (?:ERR!|(?:error|WARN|warn)\b)|> [\w@./-]+@\d[\w.-]* \S+)/, runsInPods: true },
  { name: 'yarn', line: /^\s*(?:yarn (?:install|run) v\d|error Command failed with exit code \d+)/, runsInPods: true },
  { name: 'docker build', line: /^\s*(?:Step \d+\/\d+ : |#\d+ \[[\w -]*\d+\/\d+\] |The command '.*' returned a non-zero code: \d+)/ },
  { name: 'go test', line: /^\s*(?:FAIL|ok)\s+\S+\s+\d+(?:\.\d+)?s\s*$|^\s*--- FAIL: / },
  { name: 'Maven', line: /^\s*\[(?:INFO|ERROR|WARNING)\] (?:BUILD FAILURE|Failed to execute goal|---|Building )/ },
  { name: 'Gradle', line: /^\s*(?:> Task :|BUILD FAILED in |FAILURE: Build failed)/ },
  // Only its own markers: its 7-digit timestamps are also `kubectl logs --timestamps`'s RFC3339Nano, trimmed.
  { name: 'GitHub Actions', line: /^\s*(?:\S+\s+)?(?:##\[(?:error|group|endgroup|warning)\]|Error: Process completed with exit code \d+)/ },
];

/**
 * The build tool whose output this is, when one of its lines is in it. `podVouched`: a sentence vouches for a
 * pod's log or a line only Kubernetes writes is in it; then npm's and yarn's lines are a Node container's own.
 */
export function buildToolOf(lines: string[], podVouched = false): string | undefined {
  const candidates = podVouched ? BUILD_TOOLS.filter((t) => !t.runsInPods) : BUILD_TOOLS;
  return candidates.find((t) => lines.some((l) => t.line.test(l)))?.name;
}

/**
 * Lines only a process in a pod prints: the runtime's failure to start it, and the cluster's DNS names an
 * init container waits on (`nslookup: can't resolve 'db'` beside `kube-dns`, `*.svc.cluster.local`).
 */
const KUBERNETES_LINE = /\b(?:standard_init_linux|init_linux|exec_linux)\.go:\d+|exec user process caused|\.svc(?:\.cluster\.local)?\b|\bkube-dns\b|\/var\/run\/secrets\/kubernetes\.io\/|\bKUBERNETES_SERVICE_(?:HOST|PORT)\b/;

export function hasKubernetesSignal(lines: string[]): boolean {
  return lines.some((l) => KUBERNETES_LINE.test(l));
}
