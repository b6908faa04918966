import { DecodeError } from '@bulkhead/core'
import { describe, expect, it } from 'vitest'
import { decodeCounterTransaction, encodeCounterTransaction, type CounterTransaction } from './counter-transaction.js'

const contract = '0x3333333333333333333333333333333333333333'
const transactions: CounterTransaction[] = [
  { from: contract, nonce: 0n, gasLimit: 1n, operation: { type: 'deploy', initial: 7n } },
  { from: contract, nonce: 2n ** 64n, gasLimit: 100_000n, operation: { type: 'increment', contract, by: 3n } },
  { from: contract, nonce: 1n, gasLimit: 5n, operation: { type: 'spin', contract, steps: 9n } },
  { from: contract, nonce: 1n, gasLimit: 5n, operation: { type: 'send_then_revert', destination: 'evm', receiver: contract, amount: 10n } },
  { from: contract, nonce: 1n, gasLimit: 5n, operation: { type: 'write_mirror', source: 'evm', publisher: contract, key: '0x01', value: '0x' } },
]

describe(decodeCounterTransaction.name, () => {
  it('round-trips every operation', () => {
    for (const transaction of transactions) expect(decodeCounterTransaction(encodeCounterTransaction(transaction))).toEqual(transaction)
  })

  it('accepts only the canonical bytes, so a transaction has one hash', () => {
    const canonical = new TextDecoder().decode(encodeCounterTransaction(transactions[0] as CounterTransaction))
    const reordered = JSON.stringify(Object.fromEntries(Object.entries(JSON.parse(canonical) as object).reverse()))
    expect(() => decodeCounterTransaction(new TextEncoder().encode(reordered))).toThrow(/canonical form/)
    expect(() => decodeCounterTransaction(new TextEncoder().encode(canonical.replace('"nonce":"0"', '"nonce":"00"')))).toThrow(/nonce must be a decimal string/)
    expect(() => decodeCounterTransaction(new TextEncoder().encode(` ${canonical}`))).toThrow(/canonical form/)
  })

  it('throws DecodeError for garbage and unknown operations', () => {
    expect(() => decodeCounterTransaction(Uint8Array.of(0xff))).toThrow(DecodeError)
    const unknown = new TextEncoder().encode('{"from":"0x3333333333333333333333333333333333333333","nonce":"0","gasLimit":"1","operation":{"type":"mint"}}')
    expect(() => decodeCounterTransaction(unknown)).toThrow(/Unknown counter operation "mint"/)
  })
})
