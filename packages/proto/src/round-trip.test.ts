import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import * as arbitrary from './__fixtures__/arbitraries.js'
import { decodeBlockHeader, encodeBlockHeader } from './chain/block-header-codec.js'
import { decodeGenesis, encodeGenesis } from './chain/genesis-codec.js'
import { decodeSignedGovernanceTransaction, encodeSignedGovernanceTransaction } from './chain/governance-codec.js'
import { decodeTransactionEnvelope, encodeTransactionEnvelope } from './chain/transaction-envelope-codec.js'
import { decodeSignedWasmTransaction, decodeWasmTransaction, encodeSignedWasmTransaction, encodeWasmTransaction } from './wasm/wasm-transaction-codec.js'
import { decodeMessage, encodeMessage } from './xenv/message-codec.js'

// Every wire type: decode(encode(x)) is x, and encoding is a function of the value alone.
const cases = [
  ['Envelope', arbitrary.message, encodeMessage, decodeMessage],
  ['BlockHeader', arbitrary.blockHeader, encodeBlockHeader, decodeBlockHeader],
  ['Genesis', arbitrary.genesis, encodeGenesis, decodeGenesis],
  ['WasmTransaction', arbitrary.wasmTransaction, encodeWasmTransaction, decodeWasmTransaction],
  ['SignedGovernanceTransaction', arbitrary.signedGovernanceTransaction, encodeSignedGovernanceTransaction, decodeSignedGovernanceTransaction],
  ['SignedWasmTransaction', arbitrary.signedWasmTransaction, encodeSignedWasmTransaction, decodeSignedWasmTransaction],
  [
    'TransactionEnvelope',
    fc.record({ environment: arbitrary.environmentId, payload: fc.uint8Array({ maxLength: 500 }) }),
    encodeTransactionEnvelope,
    decodeTransactionEnvelope,
  ],
] as const

describe('round trips', () => {
  it.each(cases)('%s decodes to what was encoded', (_, values, encode, decode) => {
    fc.assert(
      fc.property(values as fc.Arbitrary<never>, (value) => {
        const bytes = (encode as (value: unknown) => Uint8Array)(value)
        expect((decode as (bytes: Uint8Array) => unknown)(bytes)).toEqual(value)
      }),
      { numRuns: 300 },
    )
  })

  it('keeps uint64 0 and 2^64 - 1 and uint256 2^256 - 1 exact', () => {
    const message = {
      source: 'evm',
      destination: 'wasm',
      sequence: 2n ** 64n - 1n,
      timeoutHeight: 0n,
      originTransaction: `0x${'ab'.repeat(32)}`,
      body: {
        kind: 'asset_transfer',
        denom: 'wei',
        amount: 2n ** 256n - 1n,
        sender: `0x${'11'.repeat(20)}`,
        receiver: `0x${'22'.repeat(32)}`,
        memo: '',
      },
    } as const
    const decoded = decodeMessage(encodeMessage(message))
    expect(decoded.sequence).toBe(18_446_744_073_709_551_615n)
    expect(decoded.timeoutHeight).toBe(0n)
    expect(decoded.body).toMatchObject({ amount: 2n ** 256n - 1n })
  })
})
