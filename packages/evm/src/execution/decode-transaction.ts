import { bytesToBigInt, type Address, type Hash } from '@bulkhead/core'
import type { Common } from '@ethereumjs/common'
import { RLP } from '@ethereumjs/rlp'
import { type TypedTransaction, createTxFromRLP } from '@ethereumjs/tx'
import { Address as EngineAddress } from '@ethereumjs/util'
import { toHex } from '../encoding/fast-hex.js'

/** A transaction that decoded, carries a valid signature for this chain, and fits the limits. */
export interface DecodedTransaction {
  readonly ok: true
  readonly transaction: TypedTransaction
  readonly hash: Hash
  readonly sender: Address
  readonly senderAddress: EngineAddress
}

export interface RefusedTransaction {
  readonly ok: false
  readonly reason: string
  readonly hash?: Hash
  readonly sender?: Address
}

export interface DecodeTransactionOptions {
  readonly common: Common
  /** The fast Keccak: transaction hash and sender address without the engine's noble Keccak. */
  readonly keccak256: (data: Uint8Array) => Uint8Array
  readonly chainId: bigint
  readonly maxTransactionBytes: number
  readonly transactionGasLimit: bigint
}

const supportedTypes = new Set([0, 1, 2])

/**
 * Everything about a transaction that needs no state: size, encoding, type, chain id,
 * signature, gas limit bounds. The sender is recovered here, once, and cached on the
 * (frozen) transaction so execution never recovers it again.
 */
export function decodeTransaction(
  payload: Uint8Array,
  options: DecodeTransactionOptions,
): DecodedTransaction | RefusedTransaction {
  if (payload.length > options.maxTransactionBytes) {
    return refuse(`transaction is ${payload.length} bytes; the limit is ${options.maxTransactionBytes}`)
  }
  if (payload.length === 0) return refuse('malformed transaction: empty payload')
  const type = (payload[0] as number) >= 0xc0 ? 0 : (payload[0] as number)
  if (!supportedTypes.has(type)) {
    return refuse(`unsupported transaction type ${type}: legacy (0), EIP-2930 (1) and EIP-1559 (2) are accepted`)
  }
  let transaction: TypedTransaction
  try {
    transaction = createTxFromRLP(payload, { common: options.common })
  } catch (error) {
    // Only on failure: decode again to say precisely what is wrong (a chain id, most often).
    return refuse(checkChainId(payload, type, options.chainId) ?? `malformed transaction: ${engineMessage(error)}`)
  }
  if (type === 0 && (transaction.v === 27n || transaction.v === 28n)) {
    return refuse('unprotected legacy transaction (no EIP-155 chain id) is not accepted')
  }
  // The decoder accepts only canonical RLP, so the payload is the serialization and its
  // Keccak the transaction hash (what tx.hash() would re-encode and hash).
  const hash = toHex(options.keccak256(payload))
  let senderAddress: EngineAddress
  try {
    if (!transaction.isSigned()) return refuse('transaction is not signed', hash)
    // Recovers once and caches the public key on the frozen transaction for runTx.
    const publicKey = transaction.getSenderPublicKey()
    senderAddress = new EngineAddress(options.keccak256(publicKey).subarray(12))
  } catch (error) {
    return refuse(`invalid signature: ${engineMessage(error)}`, hash)
  }
  const sender = senderAddress.toString() as Address
  if (transaction.gasLimit > options.transactionGasLimit) {
    return refuse(
      `gas limit ${transaction.gasLimit} is above the transaction gas limit ${options.transactionGasLimit}`,
      hash,
      sender,
    )
  }
  const minimum = transaction.getMinimumGasLimit()
  if (transaction.gasLimit < minimum) {
    return refuse(`intrinsic gas too low: gas limit ${transaction.gasLimit}, needs at least ${minimum}`, hash, sender)
  }
  return { ok: true, transaction, hash, sender, senderAddress }
}

function refuse(reason: string, hash?: Hash, sender?: Address): RefusedTransaction {
  return { ok: false, reason, ...(hash === undefined ? {} : { hash }), ...(sender === undefined ? {} : { sender }) }
}

/** Precise chain id reasons before the engine's generic constructor errors. */
function checkChainId(payload: Uint8Array, type: number, chainId: bigint): string | undefined {
  let fields: unknown
  try {
    fields = RLP.decode(type === 0 ? payload : payload.subarray(1))
  } catch (error) {
    return `malformed transaction: ${engineMessage(error)}`
  }
  if (!Array.isArray(fields)) return 'malformed transaction: not an RLP list'
  if (type === 0) {
    const v = fields[6]
    if (!(v instanceof Uint8Array)) return 'malformed transaction: a legacy transaction has 9 fields'
    const value = bytesToBigInt(v)
    if (value === 27n || value === 28n) {
      return 'unprotected legacy transaction (no EIP-155 chain id) is not accepted'
    }
    const signed = (value - 35n) / 2n
    return signed === chainId ? undefined : `wrong chain id ${signed}; this environment is chain ${chainId}`
  }
  const first = fields[0]
  if (!(first instanceof Uint8Array)) return 'malformed transaction: missing chain id'
  const signed = bytesToBigInt(first)
  return signed === chainId ? undefined : `wrong chain id ${signed}; this environment is chain ${chainId}`
}

/** The engine's message without the block/tx context it appends after " -> ". */
export function engineMessage(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error)
  const cut = message.indexOf(' -> ')
  return (cut === -1 ? message : message.slice(0, cut)).trim()
}
