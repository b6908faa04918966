/**
 * {@link nibbleBytes} as a plain array, for the engine's trie code, which takes `remaining`
 * paths with array methods (proofs and walks; the state's reads and writes take the bytes).
 */
export function nibblesOf(bytes: Uint8Array): number[] {
  return Array.from(nibbleBytes(bytes))
}

/** One nibble per half-byte, high nibble first, in a byte array: paths of the deferred-hashing trie, sliced as views. */
export function nibbleBytes(bytes: Uint8Array): Uint8Array {
  const nibbles = new Uint8Array(bytes.length * 2)
  for (let index = 0; index < bytes.length; index++) {
    nibbles[2 * index] = (bytes[index] as number) >> 4
    nibbles[2 * index + 1] = (bytes[index] as number) & 0x0f
  }
  return nibbles
}
