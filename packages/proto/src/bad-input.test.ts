import { BulkheadError, type CrossEnvironmentMessage } from '@bulkhead/core'
import { describe, expect, it } from 'vitest'
import { bulkhead } from './generated/bulkhead.js'
import { decodeBlockHeader, encodeBlockHeader, type BlockHeader } from './chain/block-header-codec.js'
import { decodeSignedWasmTransaction } from './wasm/wasm-transaction-codec.js'
import { decodeGovernanceTransaction, encodeGovernanceTransaction, type GovernanceTransaction } from './chain/governance-codec.js'
import { decodeMessage, encodeMessage } from './xenv/message-codec.js'

const transfer: CrossEnvironmentMessage = {
  source: 'evm',
  destination: 'wasm',
  sequence: 5n,
  timeoutHeight: 100n,
  originTransaction: `0x${'ab'.repeat(32)}`,
  body: {
    kind: 'asset_transfer',
    denom: 'wei',
    amount: 10n ** 18n,
    sender: `0x${'11'.repeat(20)}`,
    receiver: `0x${'22'.repeat(20)}`,
    memo: 'to wasm',
  },
}

/** Runs `action` and returns what it threw, asserting it is a Bulkhead error with `code`. */
function thrown(action: () => unknown, code: string): BulkheadError {
  try {
    action()
  } catch (error) {
    expect(BulkheadError.isInstance(error)).toBe(true)
    expect((error as BulkheadError).code).toBe(code)
    return error as BulkheadError
  }
  throw new Error('expected a throw')
}

/** Encodes a raw protobufjs object, bypassing the codec: what a buggy or hostile peer could send. */
function rawEnvelope(fields: Record<string, unknown>): Uint8Array {
  return bulkhead.xenv.v1.Envelope.encode(fields).finish()
}

const validRaw = {
  source: 'evm',
  destination: 'wasm',
  sequence: 1,
  originTransaction: new Uint8Array(32).fill(0xab),
}

describe('the uint64 wrapper', () => {
  it('encodes 5n as 5 where bare protobufjs encodes it as 0', () => {
    const bare = bulkhead.xenv.v1.Envelope.decode(rawEnvelope({ ...validRaw, timeoutHeight: 5n as unknown as number }))
    expect(Number(bare.timeoutHeight)).toBe(0) // the silent bug the wrapper exists for
    expect(decodeMessage(encodeMessage({ ...transfer, timeoutHeight: 5n })).timeoutHeight).toBe(5n)
  })

  it('refuses numbers, negatives and values over 64 bits', () => {
    expect(thrown(() => encodeMessage({ ...transfer, timeoutHeight: 5 as unknown as bigint }), 'INVALID_ARGUMENT').message).toMatch(
      /timeoutHeight must be a bigint/,
    )
    expect(thrown(() => encodeMessage({ ...transfer, timeoutHeight: -1n }), 'INVALID_ARGUMENT').message).toMatch(/uint64 range/)
    expect(thrown(() => encodeMessage({ ...transfer, sequence: 2n ** 64n }), 'INVALID_ARGUMENT').message).toMatch(/uint64 range/)
  })
})

describe('encoding refuses what the wire cannot carry', () => {
  it('amounts over 256 bits, zero or negative', () => {
    const withAmount = (amount: bigint) => ({ ...transfer, body: { ...transfer.body, amount } }) as CrossEnvironmentMessage
    expect(thrown(() => encodeMessage(withAmount(2n ** 256n)), 'INVALID_ARGUMENT').message).toMatch(/2\^256 - 1/)
    expect(thrown(() => encodeMessage(withAmount(-1n)), 'INVALID_ARGUMENT').message).toMatch(/2\^256 - 1/)
    expect(thrown(() => encodeMessage(withAmount(0n)), 'INVALID_ARGUMENT').message).toMatch(/above 0/)
  })

  it('wrong-length addresses and hashes', () => {
    const shortReceiver = { ...transfer, body: { ...transfer.body, receiver: '0x1234' } } as CrossEnvironmentMessage
    expect(thrown(() => encodeMessage(shortReceiver), 'INVALID_ARGUMENT').message).toMatch(/receiver must be 20 or 32 bytes, got 2/)
    expect(thrown(() => encodeMessage({ ...transfer, originTransaction: '0xab' }), 'INVALID_ARGUMENT').message).toMatch(
      /originTransaction must be 32 bytes/,
    )
  })

  it('a body of unknown kind', () => {
    const unknown = { ...transfer, body: { kind: 'teleport' } } as unknown as CrossEnvironmentMessage
    expect(thrown(() => encodeMessage(unknown), 'INVALID_ARGUMENT').message).toMatch(/Unknown message body kind[\s\S]*teleport/)
  })

  it('invalid environment ids and denoms', () => {
    expect(thrown(() => encodeMessage({ ...transfer, destination: 'WASM' }), 'INVALID_ARGUMENT').message).toMatch(/destination is not a valid environment id/)
    const badDenom = { ...transfer, body: { ...transfer.body, denom: '1wei' } } as CrossEnvironmentMessage
    expect(thrown(() => encodeMessage(badDenom), 'INVALID_ARGUMENT').message).toMatch(/not a valid denom/)
  })
})

describe('decoding refuses malformed bytes with a typed error', () => {
  const bytes = encodeMessage(transfer)

  it('truncated input at every length', () => {
    for (let length = 1; length < bytes.length; length++) {
      thrown(() => decodeMessage(bytes.subarray(0, length)), 'DECODE_FAILED')
    }
  })

  it('garbage', () => {
    expect(thrown(() => decodeMessage(Uint8Array.of(0xff, 0xff, 0xff, 0xff)), 'DECODE_FAILED').message).toMatch(/malformed or truncated/)
  })

  it('an unknown oneof case (a body from a newer version)', () => {
    const withUnknownBody = rawEnvelope(validRaw)
    const unknownCase = Uint8Array.of(...withUnknownBody, (20 << 3) | 2, 1, 0) // field 20, 1 byte
    expect(thrown(() => decodeMessage(unknownCase), 'DECODE_FAILED').message).toMatch(/unknown field Envelope#20/)
  })

  it('an envelope without a body', () => {
    expect(thrown(() => decodeMessage(rawEnvelope(validRaw)), 'DECODE_FAILED').message).toMatch(/has no body/)
  })

  it('wrong-length addresses and amounts', () => {
    const body = { denom: 'wei', sender: new Uint8Array(20), receiver: new Uint8Array(19), amount: Uint8Array.of(0, ...new Uint8Array(31).fill(1)) }
    expect(thrown(() => decodeMessage(rawEnvelope({ ...validRaw, assetTransfer: body })), 'DECODE_FAILED').message).toMatch(
      /receiver must be 20 or 32 bytes, got 19/,
    )
    const over256 = { ...body, receiver: new Uint8Array(20), amount: new Uint8Array(33).fill(1) }
    expect(thrown(() => decodeMessage(rawEnvelope({ ...validRaw, assetTransfer: over256 })), 'DECODE_FAILED').message).toMatch(
      /over 256 bits/,
    )
  })

  it('non-canonical encodings: an explicit default, a duplicate field, an over-long varint', () => {
    const explicitDefault = Uint8Array.of(0x20, 0x00, ...bytes) // timeout_height = 0 written out
    const duplicated = Uint8Array.of(...bytes, 0x18, 0x05) // sequence given twice
    const overlong = Uint8Array.of(0x18, 0x85, 0x00, ...bytes.subarray(0)) // sequence 5 in two bytes, then again
    for (const variant of [explicitDefault, duplicated, overlong]) {
      expect(thrown(() => decodeMessage(variant), 'DECODE_FAILED').message).toMatch(/non-canonical/)
    }
  })

  it('wrong-length fields in headers and signed transactions', () => {
    const header: BlockHeader = {
      height: 1n,
      parentHash: `0x${'00'.repeat(32)}`,
      timestamp: 1n,
      stateRoots: [],
      messageRoot: `0x${'01'.repeat(32)}`,
      transactionRoot: `0x${'02'.repeat(32)}`,
      proposer: `0x${'03'.repeat(20)}`,
    }
    expect(decodeBlockHeader(encodeBlockHeader(header))).toEqual(header)
    const shortProposer = bulkhead.chain.v1.BlockHeader.encode({ height: 1, proposer: new Uint8Array(19) }).finish()
    expect(thrown(() => decodeBlockHeader(shortProposer), 'DECODE_FAILED').message).toMatch(/parentHash must be 32 bytes, got 0/)
    const noTransaction = bulkhead.wasm.v1.SignedWasmTransaction.encode({ signature: new Uint8Array(65) }).finish()
    expect(thrown(() => decodeSignedWasmTransaction(noTransaction), 'DECODE_FAILED').message).toMatch(/has no transaction/)
  })

  it('non-Uint8Array input', () => {
    thrown(() => decodeMessage('0x00' as unknown as Uint8Array), 'DECODE_FAILED')
  })
})

describe('governance transactions', () => {
  it('refuse an unknown action, a missing action and out-of-range values', () => {
    const unknown = { chainId: 1n, nonce: 0n, action: { kind: 'mint_money' } } as unknown as GovernanceTransaction
    expect(thrown(() => encodeGovernanceTransaction(unknown), 'INVALID_ARGUMENT').message).toMatch(/Unknown governance action[\s\S]*mint_money/)
    expect(thrown(() => decodeGovernanceTransaction(bulkhead.chain.v1.GovernanceTransaction.encode({ chainId: 1 }).finish()), 'DECODE_FAILED').message).toMatch(
      /has no action/,
    )
    const zeroWeight: GovernanceTransaction = { chainId: 1n, nonce: 0n, action: { kind: 'set_block_gas_weight', environment: 'evm', weight: 0 } }
    expect(thrown(() => encodeGovernanceTransaction(zeroWeight), 'INVALID_ARGUMENT').message).toMatch(/at least 1/)
    const raw = bulkhead.chain.v1.GovernanceTransaction.encode({ chainId: 1, setBlockGasWeight: { environment: 'evm', weight: 0 } }).finish()
    expect(thrown(() => decodeGovernanceTransaction(raw), 'DECODE_FAILED').message).toMatch(/weight must be at least 1/)
  })
})
