import type { Address } from '@bulkhead/core'
import type { CounterOperation } from './counter-transaction.js'

const encoder = new TextEncoder()
const decoder = new TextDecoder('utf-8', { fatal: true })

/**
 * The ABI of an inbound ContractCall into a counter: UTF-8 `increment:<n>`. Only increments
 * are callable from another environment; sends from a remote caller would spend an account
 * that caller does not own here.
 */
export function encodeInboundCall(by: bigint): Uint8Array {
  return encoder.encode(`increment:${by}`)
}

/** The operation an inbound call asks for, or `undefined` when the data is not a counter call. */
export function decodeInboundCall(data: Uint8Array, contract: Address): CounterOperation | undefined {
  let text: string
  try {
    text = decoder.decode(data)
  } catch {
    return undefined
  }
  const match = /^increment:(0|[1-9][0-9]{0,76})$/.exec(text)
  return match ? { type: 'increment', contract, by: BigInt(match[1] as string) } : undefined
}
