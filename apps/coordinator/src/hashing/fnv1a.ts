/**
 * 32-bit FNV-1a over every byte of `bytes`: a cheap, well-spread hash for in-memory tables.
 * Not collision-resistant: callers compare the bytes themselves on a match.
 */
export function fnv1a(bytes: Uint8Array): number {
  let hash = 0x811c9dc5
  for (let index = 0; index < bytes.length; index++) hash = Math.imul(hash ^ (bytes[index] as number), 0x01000193)
  return hash >>> 0
}
