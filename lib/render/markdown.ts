// `-o markdown`: the diagnosis for a ticket or a chat reply. Headline, evidence as a list, fixes in
// fenced code blocks that paste as they are. Cluster strings are escaped so they cannot inject
// Markdown or HTML, and never close a code span or fence early.
import type { SafeDiagnosis } from './sanitizeDiagnosis.ts';
import type { Evidence, Finding } from '../rules/types.ts';
import { stripBidi } from './bidiControls.ts';

/** Text as literal Markdown: characters that would format, link or open HTML are backslash-escaped (brackets escaped, so parentheses cannot form a link). */
export function escapeMarkdown(text: string): string {
  return stripBidi(text)
    .replace(/[\\`*_[\]<>|~]/g, (c) => `\\${c}`)
    .replace(/^(\s*)([-=+#]|\d+\.)/gm, (_m, sp: string, marker: string) => `${sp}\\${marker}`)
    .replace(/\r?\n/g, ' ');
}

/** An inline code span that holds any text, backticks included. */
export function codeSpan(text: string): string {
  const clean = stripBidi(text).replace(/\r?\n/g, ' ');
  const longest = Math.max(0, ...[...clean.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = '`'.repeat(longest + 1);
  const pad = clean.startsWith('`') || clean.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${clean}${pad}${fence}`;
}

/** A fenced block that holds any text: the fence is longer than any backtick run inside. */
export function codeBlock(text: string, info = ''): string {
  const clean = stripBidi(text).replace(/\n+$/, '');
  const longest = Math.max(2, ...[...clean.matchAll(/`{3,}/g)].map((m) => m[0].length));
  const fence = '`'.repeat(longest + 1);
  return `${fence}${info}\n${clean}\n${fence}`;
}

function indent(text: string, by: string): string {
  return text
    .split('\n')
    .map((l) => (l === '' ? l : by + l))
    .join('\n');
}

/** Prose is escaped; an indented snippet (a YAML patch, a log line) stays preformatted. */
function paragraph(text: string): string {
  return /^\s+\S/m.test(text) ? codeBlock(text) : escapeMarkdown(text);
}

function evidenceItem(e: Evidence): string {
  const head = `- **${e.source}** ${codeSpan(e.ref)}`;
  if (!e.text.includes('\n')) return `${head}: ${escapeMarkdown(e.text)}`;
  return `${head}:\n\n${indent(codeBlock(e.text, 'text'), '  ')}\n`;
}

function findingSection(f: Finding, heading: string): string {
  const where = f.container !== undefined ? ` · container ${codeSpan(f.container)}` : '';
  const parts = [`### ${heading} (${f.severity}): ${escapeMarkdown(f.summary)}`, `Rule ${codeSpan(f.rule)}${where}`];
  if (f.explanation.trim()) parts.push(f.explanation.split(/\n{2,}/).map(paragraph).join('\n\n'));
  if (f.evidence.length > 0) parts.push(['**Evidence**', '', ...f.evidence.map(evidenceItem)].join('\n').replace(/\n+$/, ''));
  if (f.fixes.length > 0) {
    const fixes = f.fixes.map((x, i) => {
      const line = `${i + 1}. ${escapeMarkdown(x.description)}`;
      return x.command === undefined ? line : `${line}\n\n${indent(codeBlock(x.command, 'sh'), '   ')}`;
    });
    parts.push(['**Fix**', '', ...fixes].join('\n'));
  }
  return parts.join('\n\n');
}

export function renderMarkdownOne(d: SafeDiagnosis): string {
  const p = d.pod;
  const facts = [`**Status** ${escapeMarkdown(p.status)}`, `**Ready** ${escapeMarkdown(p.ready)}`, `**Restarts** ${p.restarts}`];
  if (p.age) facts.push(`**Age** ${escapeMarkdown(p.age)}`);
  facts.push(`**Node** ${p.node ? escapeMarkdown(p.node) : '\\<none\\>'}`);
  const blocks = [`## ${codeSpan(`pod/${p.name}`)} in namespace ${codeSpan(p.namespace)}`, facts.join(' · ')];
  const problems = d.findings.filter((f) => f.severity !== 'info');
  const advice = d.findings.filter((f) => f.severity === 'info');
  if (problems.length === 0) blocks.push(`No problems found.${p.phase === 'Succeeded' ? ' The pod ran to completion.' : ''}`);
  problems.forEach((f, i) => blocks.push(findingSection(f, i === 0 ? 'Cause' : 'Also')));
  advice.forEach((f) => blocks.push(findingSection(f, 'Advice')));
  if (d.notes.length > 0) blocks.push(['**Notes**', '', ...d.notes.map((n) => `- ${escapeMarkdown(n)}`)].join('\n'));
  return `${blocks.join('\n\n')}\n`;
}

export function renderMarkdown(diagnoses: readonly SafeDiagnosis[]): string {
  if (diagnoses.length === 0) return 'No pods to diagnose.\n';
  return diagnoses.map(renderMarkdownOne).join('\n---\n\n');
}
