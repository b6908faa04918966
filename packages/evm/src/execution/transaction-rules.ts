import type { EnvironmentEvent } from '@bulkhead/core'
import type { TypedTransaction } from '@ethereumjs/tx'
import type { Account } from '@ethereumjs/util'
import { toHex } from '../encoding/fast-hex.js'
import { decodeRevertReason } from '../ixenv/abi-codec.js'
import type { EngineLog } from '../ixenv/xenv-messages.js'

/** Nonce, fee cap and funds against an account; `at-least` admits future nonces (queued). */
export function checkAgainstAccount(
  transaction: TypedTransaction,
  account: Account,
  baseFeePerGas: bigint,
  nonceRule: 'exact' | 'at-least',
): string | undefined {
  if (transaction.nonce < account.nonce) {
    return `nonce too low: the sender's next nonce is ${account.nonce}, the transaction has ${transaction.nonce} (already used)`
  }
  if (nonceRule === 'exact' && transaction.nonce > account.nonce) {
    return `nonce gap: the sender's next nonce is ${account.nonce}, the transaction has ${transaction.nonce}`
  }
  const feeCap = 'maxFeePerGas' in transaction ? transaction.maxFeePerGas : (transaction as { gasPrice: bigint }).gasPrice
  if (feeCap < baseFeePerGas) return `fee cap ${feeCap} is below the base fee ${baseFeePerGas}`
  const cost = transaction.gasLimit * feeCap + transaction.value
  if (account.balance < cost) {
    return `insufficient funds: balance ${account.balance}, gas limit x fee cap + value = ${cost}`
  }
  return undefined
}

/** What the sender pays per gas: the legacy price, or base fee + capped tip. */
export function effectiveGasPriceOf(transaction: TypedTransaction, baseFeePerGas: bigint): bigint {
  if ('maxFeePerGas' in transaction) {
    const priority = transaction.maxPriorityFeePerGas
    const capped = transaction.maxFeePerGas - baseFeePerGas
    return baseFeePerGas + (priority < capped ? priority : capped)
  }
  return (transaction as { gasPrice: bigint }).gasPrice
}

/** The engine's halt reason, with the Solidity `Error(string)` message when there is one. */
export function reasonOf(error: string | undefined, returnData: Uint8Array): string {
  const base = error ?? 'failed'
  const decoded = error === 'revert' ? decodeRevertReason(returnData) : undefined
  return decoded === undefined ? base : `${base}: ${decoded}`
}

export function toEvent([address, topics, data]: EngineLog): EnvironmentEvent {
  return { address: toHex(address), topics: topics.map(toHex), data }
}

