import { concat, numberToHex, type Address, type Client, type Hash } from 'viem'
import { getAuditLog } from '../actions/get-audit-log.js'
import { getMessage } from '../actions/get-messages.js'
import type { BulkheadMessage } from '../types/bulkhead-message.js'
import type { BulkheadReceipt } from '../types/bulkhead-receipt.js'
import { callWasmContract } from './call-wasm-contract.js'
import type { WasmTransactionOptions } from './send-wasm-transaction.js'

const U64_MAX = 2n ** 64n - 1n

export interface TransferFromWasmParameters extends Omit<WasmTransactionOptions, 'value'> {
  /**
   * A deployed bridge contract: its `function` takes `receiver (20 bytes) ‖ amount (u64,
   * little-endian)` and sends an AssetTransfer of the native asset from its own balance with
   * the host's `send_asset` (as `sdk/examples/evm-bridge.ts` of @bulkhead/wasm does).
   */
  readonly bridge: Address
  /** The account credited in the destination environment. */
  readonly receiver: Address
  /** How much; also sent as the call's `value`, which funds the bridge. At most 2^64 − 1. */
  readonly amount: bigint
  /** The bridge's entry point [`send_to_evm`]. */
  readonly function?: string
}

/**
 * Sends native value out of the WASM environment through a bridge contract and returns the
 * committed message(s) the transaction sent (their `status` shows delivery, acknowledgement
 * or refund as later blocks settle them; follow them with `getMessage`).
 */
export async function transferFromWasm(
  client: Client,
  parameters: TransferFromWasmParameters,
): Promise<{ readonly hash: Hash; readonly receipt: BulkheadReceipt; readonly messages: readonly BulkheadMessage[] }> {
  if (parameters.amount <= 0n || parameters.amount > U64_MAX) throw new RangeError(`amount must be from 1 to 2^64 - 1, got ${parameters.amount}`)
  const amountLittleEndian = numberToHex(parameters.amount, { size: 8 }).slice(2).match(/../g)?.reverse().join('') ?? ''
  const { bridge, receiver, amount, function: entry, ...options } = parameters
  const { hash, receipt } = await callWasmContract(client, {
    ...options,
    contract: bridge,
    function: entry ?? 'send_to_evm',
    args: concat([receiver, `0x${amountLittleEndian}`]),
    value: amount,
  })
  if (receipt.messageCount === 0) return { hash, receipt, messages: [] }
  // The messages this block committed are the audit log's `pending` entries at its height.
  const source = options.environment ?? 'wasm'
  const committed = (await getAuditLog(client, { fromHeight: receipt.blockHeight, kind: 'message', limit: 1_000 })).filter(
    (entry) => entry.kind === 'message' && entry.height === receipt.blockHeight && entry.status === 'pending' && entry.source === source,
  )
  const records = await Promise.all(
    committed.map((entry) => (entry.kind === 'message' ? getMessage(client, { source, destination: entry.destination, sequence: entry.sequence }) : null)),
  )
  return { hash, receipt, messages: records.filter((record): record is BulkheadMessage => record !== null && record.message.originTransaction === hash) }
}
