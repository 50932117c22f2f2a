/** The `default`s a plugin's config schema declares, as a starting configuration. */
export function configDefaults(schema: unknown): Record<string, unknown> {
  const value = defaultsOf(schema);
  return value && typeof value === 'object' && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : {};
}

function defaultsOf(schema: unknown): unknown {
  if (!schema || typeof schema !== 'object') return undefined;
  const s = schema as { default?: unknown; type?: unknown; properties?: Record<string, unknown> };
  if (s.default !== undefined) return structuredClone(s.default);
  if (s.type !== 'object' || !s.properties) return undefined;
  const out: Record<string, unknown> = {};
  for (const [key, prop] of Object.entries(s.properties)) {
    const v = defaultsOf(prop);
    if (v !== undefined) out[key] = v;
  }
  return Object.keys(out).length ? out : undefined;
}
