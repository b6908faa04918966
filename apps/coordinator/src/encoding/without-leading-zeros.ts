/**
 * `bytes` without its leading zero bytes (a view, not a copy): how RLP writes an integer, and how
 * the EVM engine stores a storage value. All zeros, or none, give an empty array.
 */
export function withoutLeadingZeros(bytes: Uint8Array): Uint8Array {
  let start = 0
  while (start < bytes.length && bytes[start] === 0) start++
  return bytes.subarray(start)
}
