export interface DiffRow {
  key: string;
  before: string | undefined;
  after: string | undefined;
  changed: boolean;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Flattens nested objects to dotted keys; arrays and scalars become one readable value. */
function flatten(value: unknown, prefix = '', out = new Map<string, string>()) {
  if (isPlainObject(value)) {
    const entries = Object.entries(value);
    if (entries.length === 0 && prefix) out.set(prefix, '{}');
    for (const [key, inner] of entries) flatten(inner, prefix ? `${prefix}.${key}` : key, out);
  } else if (value !== undefined) {
    out.set(prefix || 'value', typeof value === 'string' ? value : JSON.stringify(value));
  }
  return out;
}

/** Key-by-key comparison of an audit event's before and after snapshots. */
export function diffSnapshots(before: unknown, after: unknown): DiffRow[] {
  const left = before == null ? new Map<string, string>() : flatten(before);
  const right = after == null ? new Map<string, string>() : flatten(after);
  const keys = [...new Set([...left.keys(), ...right.keys()])].sort();
  return keys.map((key) => {
    const b = left.get(key);
    const a = right.get(key);
    return { key, before: b, after: a, changed: b !== a };
  });
}
