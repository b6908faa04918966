import type { Hash } from '@bulkhead/core'
import type { BlockHeader } from '@ethereumjs/block'
import { RLP } from '@ethereumjs/rlp'
import { toHex } from '../encoding/fast-hex.js'

/** What only the end of a block knows. */
export interface HeaderSeal {
  readonly stateRoot: Uint8Array
  readonly transactionsTrie: Uint8Array
  readonly receiptTrie: Uint8Array
  readonly logsBloom: Uint8Array
  readonly gasUsed: bigint
}

/**
 * The hash and RLP of the execution header (built at beginBlock) with the end-of-block fields
 * filled in, without constructing and validating a second `BlockHeader` (a Common copy and a
 * full field check per block). Positions are those of `BlockHeader.raw()` in every hardfork:
 * 3 state root, 4 transactions root, 5 receipts root, 6 bloom, 10 gas used.
 */
export function sealHeader(
  header: BlockHeader,
  seal: HeaderSeal,
  keccak256: (data: Uint8Array) => Uint8Array,
): { readonly hash: Hash; readonly rlp: Uint8Array } {
  const raw = header.raw()
  raw[3] = seal.stateRoot
  raw[4] = seal.transactionsTrie
  raw[5] = seal.receiptTrie
  raw[6] = seal.logsBloom
  raw[10] = unpadded(seal.gasUsed)
  const rlp = RLP.encode(raw)
  return { hash: toHex(keccak256(rlp)), rlp }
}

function unpadded(value: bigint): Uint8Array {
  if (value === 0n) return new Uint8Array(0)
  const hex = value.toString(16)
  return new Uint8Array(Buffer.from(hex.length % 2 === 0 ? hex : `0${hex}`, 'hex'))
}
