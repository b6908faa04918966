// Swapped in for '@noble/hashes/sha3.js' where @bulkhead/core or an @ethereumjs package imports
// it, in the bundled program only (see program-bundling.config.ts). Core hashes block headers,
// state-root leaves, Merkle roots and transaction envelopes on the node's main thread with
// noble's pure-JS Keccak, and the engine hashes a sender's public key into its address with it
// (the engine's own hashing goes through Common's faster one); 8-24 µs per hash of 33-600 bytes.
// WebAssembly Keccak (the same hash-wasm the EVM engine uses) takes 1.2-2.6 µs. Same digests;
// only `keccak_256` is replaced, everything else is noble's.
import { keccak_256 as nobleKeccak256 } from '@noble/hashes/sha3.js'
import { createKeccak } from 'hash-wasm'

export * from '@noble/hashes/sha3.js'

// One hasher per thread, reused: creating one costs more than hashing. Calls never interleave
// (each runs init, update and digest synchronously), so reuse is safe.
const hasher = await createKeccak(256)

/** Keccak-256 of `data`, as noble's `keccak_256(data)` returns it. */
function keccak256(data: Uint8Array): Uint8Array {
  hasher.init()
  hasher.update(data)
  return hasher.digest('binary')
}

// noble's hash functions also carry their sizes and a streaming `create()`; core uses neither,
// but the export keeps that shape (copied from noble's own, so those stay noble's).
export const keccak_256 = Object.assign(keccak256, nobleKeccak256) as typeof nobleKeccak256
