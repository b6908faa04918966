/**
 * One nibble per half-byte, high nibble first, as a plain array: trie paths. A plain array
 * because the engine's trie update code takes `remaining` paths with array methods.
 */
export function nibblesOf(bytes: Uint8Array): number[] {
  const nibbles = new Array<number>(bytes.length * 2)
  for (let index = 0; index < bytes.length; index++) {
    nibbles[2 * index] = (bytes[index] as number) >> 4
    nibbles[2 * index + 1] = (bytes[index] as number) & 0x0f
  }
  return nibbles
}

/** The same nibbles in a byte array: paths of the deferred-hashing trie, sliced as views. */
export function nibbleBytes(bytes: Uint8Array): Uint8Array {
  const nibbles = new Uint8Array(bytes.length * 2)
  for (let index = 0; index < bytes.length; index++) {
    nibbles[2 * index] = (bytes[index] as number) >> 4
    nibbles[2 * index + 1] = (bytes[index] as number) & 0x0f
  }
  return nibbles
}
