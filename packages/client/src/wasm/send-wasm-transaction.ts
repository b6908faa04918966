import { encodeSignedWasmTransaction, encodeWasmTransaction, type WasmTransaction } from '@bulkhead/proto'
import { bytesToHex, type Account, type Client, type Hash } from 'viem'
import { getChainId, signMessage } from 'viem/actions'
import { queryEnvironment } from '../actions/query-environment.js'
import { sendEnvironmentTransaction } from '../actions/send-environment-transaction.js'
import { waitForReceipt } from '../actions/wait-for-receipt.js'
import type { BulkheadReceipt } from '../types/bulkhead-receipt.js'

/** Fields every WASM transaction helper takes; defaults in brackets. */
export interface WasmTransactionOptions {
  /** Signs the transaction: a local account signs itself, a JSON-RPC account through `personal_sign`. */
  readonly account: Account
  /** The WASM environment's id [`wasm`]. */
  readonly environment?: string
  /** Native value sent along [0]. */
  readonly value?: bigint
  /** Most gas it may use [5,000,000 for calls, 20,000,000 for deploys]. The sender must hold gasLimit × gasPrice + value. */
  readonly gasLimit?: bigint
  /** Price per gas, burned [1]. */
  readonly gasPrice?: bigint
  /** [`bulkhead_call(environment, { method: 'nonce' })`, the committed nonce: pass it when sending several per block]. */
  readonly nonce?: bigint
  /** [the client's chain, else `eth_chainId`]. */
  readonly chainId?: bigint
  /** How long to wait for the receipt, in ms [60,000]. */
  readonly timeout?: number
}

export interface SentWasmTransaction {
  readonly hash: Hash
  readonly nonce: bigint
  readonly receipt: BulkheadReceipt
}

/**
 * Builds a WASM transaction, signs its canonical protobuf bytes with EIP-191 (`signMessage`
 * with `raw` bytes, so any Ethereum wallet can sign it), sends it with
 * `bulkhead_sendRawTransaction` and waits for its receipt.
 */
export async function sendWasmTransaction(
  client: Client,
  options: WasmTransactionOptions & { readonly action: WasmTransaction['action']; readonly defaultGasLimit: bigint },
): Promise<SentWasmTransaction> {
  const environment = options.environment ?? 'wasm'
  const sender = options.account.address
  const nonce = options.nonce ?? (await queryEnvironment(client, { environment, request: { method: 'nonce', address: sender } }))
  const chainId = options.chainId ?? BigInt(client.chain?.id ?? (await getChainId(client)))
  const transaction: WasmTransaction = {
    chainId,
    environment,
    nonce,
    gasLimit: options.gasLimit ?? options.defaultGasLimit,
    gasPrice: options.gasPrice ?? 1n,
    value: options.value ?? 0n,
    action: options.action,
  }
  const signature = await signMessage(client, { account: options.account, message: { raw: encodeWasmTransaction(transaction) } })
  const data = bytesToHex(encodeSignedWasmTransaction({ transaction, signature }))
  const hash = await sendEnvironmentTransaction(client, { environment, data })
  const receipt = await waitForReceipt(client, { hash, ...(options.timeout === undefined ? {} : { timeout: options.timeout }) })
  return { hash, nonce, receipt }
}
