import { keccak256 } from '@bulkhead/core'
import { createBlockHeader } from '@ethereumjs/block'
import { Mainnet, createCustomCommon } from '@ethereumjs/common'
import { describe, expect, it } from 'vitest'
import { toHex } from '../encoding/fast-hex.js'
import { sealHeader } from './seal-header.js'

describe(sealHeader.name, () => {
  for (const hardfork of ['london', 'cancun', 'prague']) {
    it(`gives the hash and RLP of a fully built header (${hardfork})`, () => {
      const common = createCustomCommon({ chainId: 31337 }, Mainnet, { hardfork })
      const base = { number: 7n, timestamp: 1_700_000_007n, gasLimit: 30_000_000n, baseFeePerGas: 1_000_000_000n, mixHash: new Uint8Array(32).fill(9) }
      const seal = {
        stateRoot: new Uint8Array(32).fill(1),
        transactionsTrie: new Uint8Array(32).fill(2),
        receiptTrie: new Uint8Array(32).fill(3),
        logsBloom: new Uint8Array(256).fill(4),
        gasUsed: 63_000n,
      }
      const expected = createBlockHeader({ ...base, ...seal }, { common })
      const sealed = sealHeader(createBlockHeader(base, { common }), seal, keccak256)
      expect(sealed.hash).toBe(toHex(expected.hash()))
      expect(sealed.rlp).toEqual(expected.serialize())
      expect(sealHeader(createBlockHeader(base, { common }), { ...seal, gasUsed: 0n }, keccak256).hash).toBe(
        toHex(createBlockHeader({ ...base, ...seal, gasUsed: 0n }, { common }).hash()),
      )
    })
  }
})
