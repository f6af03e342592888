// A kubeconfig for the fake API server that the real kubectl and @kubernetes/client-node accept.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import yaml from 'js-yaml';

export interface KubeconfigOptions {
  namespace?: string;
  context?: string;
  token?: string;
  insecure?: boolean;
  withoutCA?: boolean;
}

export function kubeconfigText(server: string, caData: string, token: string, opts: KubeconfigOptions = {}): string {
  const contextName = opts.context ?? 'fake';
  const cluster: Record<string, unknown> = { server };
  if (server.startsWith('https:') && !opts.withoutCA && !opts.insecure) cluster['certificate-authority-data'] = caData;
  if (opts.insecure) cluster['insecure-skip-tls-verify'] = true;
  const context: Record<string, unknown> = { cluster: 'fake-cluster', user: 'fake-user' };
  if (opts.namespace) context.namespace = opts.namespace;
  const config = {
    apiVersion: 'v1',
    kind: 'Config',
    preferences: {},
    clusters: [{ name: 'fake-cluster', cluster }],
    users: [{ name: 'fake-user', user: { token: opts.token ?? token } }],
    contexts: [{ name: contextName, context }],
    'current-context': contextName,
  };
  return yaml.dump(config, { lineWidth: -1 });
}

export function writeKubeconfigFile(path: string, text: string): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, text, { mode: 0o600 });
}
