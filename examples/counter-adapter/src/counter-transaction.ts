import { DecodeError, isHex, keccak256Hex, type Address, type Hash } from '@bulkhead/core'

/**
 * What a counter transaction does. Every operation but `deploy` and `send` acts on a
 * deployed counter contract.
 */
export type CounterOperation =
  /** Creates a counter holding `initial`. */
  | { readonly type: 'deploy'; readonly initial: bigint }
  /** Adds `by` to the counter. */
  | { readonly type: 'increment'; readonly contract: Address; readonly by: bigint }
  /** Adds 1, then reverts: the conformance kit's "call that reverts". */
  | { readonly type: 'revert'; readonly contract: Address }
  /** Adds 1, then burns `SPIN_STEP` gas `steps` times: the "call that exhausts gas". */
  | { readonly type: 'spin'; readonly contract: Address; readonly steps: bigint }
  /** Sends `amount` of the native denom to `receiver` in `destination` (an AssetTransfer). */
  | { readonly type: 'send'; readonly destination: string; readonly receiver: Address; readonly amount: bigint }
  /** Sends like `send`, then reverts: the message must never exist. */
  | { readonly type: 'send_then_revert'; readonly destination: string; readonly receiver: Address; readonly amount: bigint }
  /** Publishes the counter's value as a StateSync under the key `count` to `destination`. */
  | { readonly type: 'publish'; readonly contract: Address; readonly destination: string }
  /** Tries to write a StateSync mirror; always traps, because mirrors are read-only. */
  | { readonly type: 'write_mirror'; readonly source: string; readonly publisher: Address; readonly key: `0x${string}`; readonly value: `0x${string}` }

/**
 * A counter transaction. It is not signed: the counter VM trusts `from`, which keeps the
 * example short. A real adapter recovers the signer from a secp256k1 signature (the WASM
 * adapter signs canonical bytes with an EIP-191 prefix) and never trusts a `from` field.
 */
export interface CounterTransaction {
  readonly from: Address
  /** The sender's next nonce; a transaction with any other nonce is rejected. */
  readonly nonce: bigint
  /** Most gas it may spend; the sender must hold this much of the native denom. */
  readonly gasLimit: bigint
  readonly operation: CounterOperation
}

const encoder = new TextEncoder()
const decoder = new TextDecoder('utf-8', { fatal: true })

/**
 * The canonical bytes: UTF-8 JSON with fields in a fixed order and bigints as decimal strings.
 * {@link decodeCounterTransaction} accepts only these bytes, so one transaction has exactly
 * one encoding and one hash (a lenient decoder would let `{"nonce":"01"}` and
 * `{"nonce":"1"}` be the same transaction under two hashes).
 */
export function encodeCounterTransaction(transaction: CounterTransaction): Uint8Array {
  return encoder.encode(JSON.stringify(toJson(transaction)))
}

/** Strictly decodes {@link encodeCounterTransaction}'s output; anything else throws `DecodeError`. */
export function decodeCounterTransaction(payload: Uint8Array): CounterTransaction {
  let json: unknown
  try {
    json = JSON.parse(decoder.decode(payload))
  } catch (error) {
    throw new DecodeError('A counter transaction is UTF-8 JSON', { cause: error })
  }
  const transaction = fromJson(json)
  const canonical = encodeCounterTransaction(transaction)
  if (canonical.length !== payload.length || canonical.some((byte, index) => byte !== payload[index])) {
    throw new DecodeError('A counter transaction must be in canonical form', {
      details: ['fields in the documented order, no whitespace, bigints as minimal decimal strings'],
    })
  }
  return transaction
}

/** keccak256 of the canonical bytes. */
export function counterTransactionHash(payload: Uint8Array): Hash {
  return keccak256Hex(payload)
}

function toJson(transaction: CounterTransaction): unknown {
  const { operation } = transaction
  const body = (() => {
    switch (operation.type) {
      case 'deploy':
        return { type: operation.type, initial: operation.initial.toString() }
      case 'increment':
        return { type: operation.type, contract: operation.contract, by: operation.by.toString() }
      case 'revert':
        return { type: operation.type, contract: operation.contract }
      case 'spin':
        return { type: operation.type, contract: operation.contract, steps: operation.steps.toString() }
      case 'send':
      case 'send_then_revert':
        return { type: operation.type, destination: operation.destination, receiver: operation.receiver, amount: operation.amount.toString() }
      case 'publish':
        return { type: operation.type, contract: operation.contract, destination: operation.destination }
      case 'write_mirror':
        return { type: operation.type, source: operation.source, publisher: operation.publisher, key: operation.key, value: operation.value }
    }
  })()
  return { from: transaction.from, nonce: transaction.nonce.toString(), gasLimit: transaction.gasLimit.toString(), operation: body }
}

function fromJson(json: unknown): CounterTransaction {
  const record = object(json, 'transaction')
  const operation = object(record.operation, 'operation')
  return {
    from: address(record.from, 'from'),
    nonce: uint(record.nonce, 'nonce'),
    gasLimit: uint(record.gasLimit, 'gasLimit'),
    operation: operationFromJson(operation),
  }
}

function operationFromJson(operation: Record<string, unknown>): CounterOperation {
  switch (operation.type) {
    case 'deploy':
      return { type: 'deploy', initial: uint(operation.initial, 'initial') }
    case 'increment':
      return { type: 'increment', contract: address(operation.contract, 'contract'), by: uint(operation.by, 'by') }
    case 'revert':
      return { type: 'revert', contract: address(operation.contract, 'contract') }
    case 'spin':
      return { type: 'spin', contract: address(operation.contract, 'contract'), steps: uint(operation.steps, 'steps') }
    case 'send':
    case 'send_then_revert':
      return {
        type: operation.type,
        destination: text(operation.destination, 'destination'),
        receiver: address(operation.receiver, 'receiver'),
        amount: uint(operation.amount, 'amount'),
      }
    case 'publish':
      return { type: 'publish', contract: address(operation.contract, 'contract'), destination: text(operation.destination, 'destination') }
    case 'write_mirror':
      return {
        type: 'write_mirror',
        source: text(operation.source, 'source'),
        publisher: address(operation.publisher, 'publisher'),
        key: hex(operation.key, 'key'),
        value: hex(operation.value, 'value'),
      }
    default:
      throw new DecodeError(`Unknown counter operation ${JSON.stringify(operation.type)}`)
  }
}

function object(value: unknown, field: string): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new DecodeError(`${field} must be an object`)
  return value as Record<string, unknown>
}

function uint(value: unknown, field: string): bigint {
  if (typeof value !== 'string' || !/^(0|[1-9][0-9]{0,76})$/.test(value)) throw new DecodeError(`${field} must be a decimal string`, { details: [`got: ${JSON.stringify(value)}`] })
  return BigInt(value)
}

function address(value: unknown, field: string): Address {
  if (typeof value !== 'string' || !/^0x[0-9a-f]{40}$/.test(value)) throw new DecodeError(`${field} must be a 20-byte lower-case hex address`, { details: [`got: ${JSON.stringify(value)}`] })
  return value as Address
}

function hex(value: unknown, field: string): `0x${string}` {
  if (!isHex(value)) throw new DecodeError(`${field} must be lower-case hex`)
  return value
}

function text(value: unknown, field: string): string {
  if (typeof value !== 'string' || value.length === 0) throw new DecodeError(`${field} must be a non-empty string`)
  return value
}
