// Kubernetes resource quantities ("500m", "1.5Gi", "2", "1e3") as numbers in base units, and back.

const SUFFIX: Record<string, number> = {
  n: 1e-9,
  u: 1e-6,
  m: 1e-3,
  '': 1,
  k: 1e3,
  M: 1e6,
  G: 1e9,
  T: 1e12,
  P: 1e15,
  E: 1e18,
  Ki: 2 ** 10,
  Mi: 2 ** 20,
  Gi: 2 ** 30,
  Ti: 2 ** 40,
  Pi: 2 ** 50,
  Ei: 2 ** 60,
};

const QUANTITY = /^([+-]?(?:\d+\.?\d*|\.\d+))(?:[eE]([+-]?\d+)|(Ki|Mi|Gi|Ti|Pi|Ei|n|u|m|k|M|G|T|P|E))?$/;

/** A quantity in base units (cores, bytes, devices), or undefined when it is not a quantity. */
export function parseQuantity(q: string | number | undefined | null): number | undefined {
  if (typeof q === 'number') return Number.isFinite(q) ? q : undefined;
  if (typeof q !== 'string') return undefined;
  const m = QUANTITY.exec(q.trim());
  if (!m) return undefined;
  const base = Number(m[1]);
  if (m[2] !== undefined) return base * 10 ** Number(m[2]);
  return base * SUFFIX[m[3] ?? '']!;
}

function trim(n: number): string {
  return String(Number(n.toFixed(2)));
}

const BYTE_RESOURCES = /^(?:memory|ephemeral-storage|storage|hugepages-.*)$/;

/** A quantity the way a person would write it for this resource: cpu `500m` / `2`, memory `512Mi` / `7.6Gi`. */
export function formatQuantity(resource: string, value: number): string {
  if (resource === 'cpu') {
    const milli = Math.round(value * 1000);
    return milli % 1000 === 0 ? String(milli / 1000) : `${milli}m`;
  }
  if (BYTE_RESOURCES.test(resource)) {
    for (const [unit, size] of [['Ti', 2 ** 40], ['Gi', 2 ** 30], ['Mi', 2 ** 20], ['Ki', 2 ** 10]] as const) {
      if (value >= size) return `${trim(value / size)}${unit}`;
    }
    return String(Math.round(value));
  }
  return trim(value);
}
