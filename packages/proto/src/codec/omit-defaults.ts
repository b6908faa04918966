/**
 * Drops fields that hold their proto3 default (empty string or bytes, false, 0, empty list,
 * zero 64-bit bits). protobufjs writes any field that is present, even at its default, so
 * omitting them here is what makes the encoding canonical.
 */
export function omitDefaults<T extends Record<string, unknown>>(fields: T): Partial<T> {
  const out: Partial<T> = {}
  for (const [key, value] of Object.entries(fields) as [keyof T, unknown][]) {
    if (isDefault(value)) continue
    out[key] = value as T[keyof T]
  }
  return out
}

function isDefault(value: unknown): boolean {
  if (value === undefined || value === null || value === '' || value === false || value === 0) return true
  if (value instanceof Uint8Array || Array.isArray(value)) return value.length === 0
  if (typeof value === 'object' && 'low' in value && 'high' in value) {
    return (value as { low: number }).low === 0 && (value as { high: number }).high === 0
  }
  return false
}
