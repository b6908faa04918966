import { hexToBytes, type Address, type Client, type Hash, type Hex } from 'viem'
import type { BulkheadReceipt } from '../types/bulkhead-receipt.js'
import { sendWasmTransaction, type WasmTransactionOptions } from './send-wasm-transaction.js'
import { wasmContractAddress } from './wasm-contract-address.js'
import { WasmDeployError } from './wasm-deploy-error.js'

export interface DeployWasmContractParameters extends WasmTransactionOptions {
  /** The module (`.wasm` bytes); it is validated and metered by the node. */
  readonly code: Uint8Array | Hex
  /** Input of the optional `init` export [empty]. */
  readonly initArgs?: Uint8Array | Hex
}

export interface DeployWasmContractResult {
  readonly hash: Hash
  readonly contractAddress: Address
  readonly receipt: BulkheadReceipt
}

/**
 * Deploys a WASM contract and waits for it. Throws `WasmDeployError` when the deploy is mined
 * without creating the contract (its receipt says why); a refusal at submission (validation,
 * nonce, funds) is the node's JSON-RPC error.
 */
export async function deployWasmContract(client: Client, parameters: DeployWasmContractParameters): Promise<DeployWasmContractResult> {
  const bytes = (value: Uint8Array | Hex | undefined) => (value === undefined ? new Uint8Array(0) : typeof value === 'string' ? hexToBytes(value) : value)
  const sent = await sendWasmTransaction(client, {
    ...parameters,
    defaultGasLimit: 20_000_000n,
    action: { kind: 'deploy', code: bytes(parameters.code), initArgs: bytes(parameters.initArgs) },
  })
  if (sent.receipt.status !== 'ok') throw new WasmDeployError(sent.receipt)
  return {
    hash: sent.hash,
    contractAddress: sent.receipt.contractAddress ?? wasmContractAddress({ deployer: parameters.account.address, nonce: sent.nonce }),
    receipt: sent.receipt,
  }
}
