// Where a log with nothing around it comes from. A pod's log proper is vouched for by kubectl (or the
// runtime's k8s_ names); a log pasted alone may come from anywhere: a jar run locally, a CI job, a build.
// Only a line that Kubernetes itself or the container runtime writes ties it to a pod.

/** Build and CI tools, by a line only they print. No pod log is one of theirs. */
const BUILD_TOOLS: [string, RegExp][] = [
  ['npm', /^\s*(?:npm (?:ERR!|error|WARN|warn)\b|> [\w@./-]+@\d[\w.-]* \S+)/],
  ['yarn', /^\s*(?:yarn (?:install|run) v\d|error Command failed with exit code \d+)/],
  ['docker build', /^\s*(?:Step \d+\/\d+ : |#\d+ \[[\w -]*\d+\/\d+\] |The command '.*' returned a non-zero code: \d+)/],
  ['go test', /^\s*(?:FAIL|ok)\s+\S+\s+\d+(?:\.\d+)?s\s*$|^\s*--- FAIL: /],
  ['Maven', /^\s*\[(?:INFO|ERROR|WARNING)\] (?:BUILD FAILURE|Failed to execute goal|---|Building )/],
  ['Gradle', /^\s*(?:> Task :|BUILD FAILED in |FAILURE: Build failed)/],
  ['GitHub Actions', /^\s*(?:##\[(?:error|group|endgroup)\]|Error: Process completed with exit code \d+|\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{7}Z )/],
];

/** The build tool whose log this is, when one of its lines is in it. */
export function buildToolOf(lines: string[]): string | undefined {
  return BUILD_TOOLS.find(([, line]) => lines.some((l) => line.test(l)))?.[0];
}

/**
 * Lines only a process in a pod prints: the runtime's failure to start it, and the cluster's DNS names an
 * init container waits on (`nslookup: can't resolve 'db'` beside `kube-dns`, `*.svc.cluster.local`).
 */
const KUBERNETES_LINE = /\b(?:standard_init_linux|init_linux|exec_linux)\.go:\d+|exec user process caused|\.svc(?:\.cluster\.local)?\b|\bkube-dns\b|\/var\/run\/secrets\/kubernetes\.io\/|\bKUBERNETES_SERVICE_(?:HOST|PORT)\b/;

export function hasKubernetesSignal(lines: string[]): boolean {
  return lines.some((l) => KUBERNETES_LINE.test(l));
}
