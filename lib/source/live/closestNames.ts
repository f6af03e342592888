// "Did you mean": the names closest to what the user typed (prefix first, then edit distance).

function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let diagonal = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const above = row[j]!;
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, diagonal + (a[i - 1] === b[j - 1] ? 0 : 1));
      diagonal = above;
    }
  }
  return row[b.length]!;
}

export function closestNames(wanted: string, names: string[], max = 3): string[] {
  const limit = Math.max(2, Math.floor(wanted.length / 3));
  const scored = names
    .map((name) => {
      const prefix = name.startsWith(wanted) || wanted.startsWith(name);
      return { name, score: prefix ? 0 : editDistance(wanted, name), prefix };
    })
    .filter((s) => s.prefix || s.score <= limit)
    .sort((a, b) => a.score - b.score || a.name.localeCompare(b.name));
  return scored.slice(0, max).map((s) => s.name);
}
