// "Did you mean": the names closest to what the user typed (prefix first, then edit distance).
import { editDistance } from '../../bundle/editDistance.ts';

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
