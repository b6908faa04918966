import { concatBytes, keccak256 } from '@bulkhead/core'

/** A byte stream keccak256(seed ‖ counter) ‖ …: the same seed gives the same bytes on every node. */
export function createDeterministicRandom(seed: Uint8Array): (length: number) => Uint8Array {
  let counter = 0
  let buffered: Uint8Array = new Uint8Array(0)
  return (length) => {
    while (buffered.length < length) {
      const block = new Uint8Array(4)
      new DataView(block.buffer).setUint32(0, counter++)
      buffered = concatBytes(buffered, keccak256(concatBytes(seed, block)))
    }
    const out = buffered.slice(0, length)
    buffered = buffered.slice(length)
    return out
  }
}
