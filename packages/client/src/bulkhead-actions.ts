import type { Client, Hash } from 'viem'
import { queryEnvironment, type QueryEnvironmentParameters, type EnvironmentQuery, type EnvironmentQueryResults } from './actions/query-environment.js'
import { getAuditLog, type GetAuditLogParameters } from './actions/get-audit-log.js'
import { getBulkheadBlock } from './actions/get-bulkhead-block.js'
import { getEnvironments } from './actions/get-environments.js'
import { getLedger } from './actions/get-ledger.js'
import { getMessage, getMessages, type GetMessagesParameters } from './actions/get-messages.js'
import { getReceipt } from './actions/get-receipt.js'
import { pauseEnvironment, quarantineContract, releaseContract, resumeEnvironment, type GovernanceResult } from './actions/govern.js'
import { sendEnvironmentTransaction, type SendEnvironmentTransactionParameters } from './actions/send-environment-transaction.js'
import { waitForReceipt, type WaitForReceiptParameters } from './actions/wait-for-receipt.js'
import type { BulkheadAuditEntry } from './types/bulkhead-audit-entry.js'
import type { BulkheadBlock } from './types/bulkhead-block.js'
import type { BulkheadEnvironment } from './types/bulkhead-environment.js'
import type { BulkheadLedger } from './types/bulkhead-ledger.js'
import type { BulkheadMessage } from './types/bulkhead-message.js'
import type { BulkheadReceipt } from './types/bulkhead-receipt.js'
import { callWasmContract, type CallWasmContractParameters } from './wasm/call-wasm-contract.js'
import { deployWasmContract, type DeployWasmContractParameters, type DeployWasmContractResult } from './wasm/deploy-wasm-contract.js'
import { readWasmContract, type ReadWasmContractParameters } from './wasm/read-wasm-contract.js'
import { transferFromWasm, type TransferFromWasmParameters } from './wasm/transfer-from-wasm.js'

/**
 * What `client.extend(bulkheadActions())` adds. A type, not an interface: viem's `extend` needs
 * an index signature. No name is one of viem's public actions (`call`, `getBlock`,
 * `sendRawTransaction` stay the `eth_` ones).
 */
export type BulkheadActions = {
  getEnvironments(): Promise<readonly BulkheadEnvironment[]>
  sendEnvironmentTransaction(parameters: SendEnvironmentTransactionParameters): Promise<Hash>
  getReceipt(parameters: { readonly hash: Hash }): Promise<BulkheadReceipt | null>
  waitForReceipt(parameters: WaitForReceiptParameters): Promise<BulkheadReceipt>
  queryEnvironment<const TRequest extends EnvironmentQuery>(parameters: QueryEnvironmentParameters<TRequest>): Promise<EnvironmentQueryResults[TRequest['method']]>
  getBulkheadBlock(parameters?: { readonly height?: bigint | 'latest' }): Promise<BulkheadBlock | null>
  getMessage(parameters: { readonly source: string; readonly destination: string; readonly sequence: bigint }): Promise<BulkheadMessage | null>
  getMessages(parameters?: GetMessagesParameters): Promise<readonly BulkheadMessage[]>
  getLedger(): Promise<BulkheadLedger>
  getAuditLog(parameters?: GetAuditLogParameters): Promise<readonly BulkheadAuditEntry[]>
  pauseEnvironment(parameters: { readonly environment: string; readonly reason?: string }): Promise<GovernanceResult>
  resumeEnvironment(parameters: { readonly environment: string }): Promise<GovernanceResult>
  quarantineContract(parameters: Parameters<typeof quarantineContract>[1]): Promise<GovernanceResult>
  releaseContract(parameters: Parameters<typeof releaseContract>[1]): Promise<GovernanceResult>
  deployWasmContract(parameters: DeployWasmContractParameters): Promise<DeployWasmContractResult>
  callWasmContract(parameters: CallWasmContractParameters): ReturnType<typeof callWasmContract>
  readWasmContract(parameters: ReadWasmContractParameters): Promise<EnvironmentQueryResults['call']>
  transferFromWasm(parameters: TransferFromWasmParameters): ReturnType<typeof transferFromWasm>
}

/**
 * viem's decorator for the `bulkhead_` namespace: `createPublicClient({ transport: http(url) })
 * .extend(bulkheadActions())`, beside viem's own `eth_` actions (the EVM side).
 */
export function bulkheadActions() {
  return (client: Client): BulkheadActions => ({
    getEnvironments: () => getEnvironments(client),
    sendEnvironmentTransaction: (parameters) => sendEnvironmentTransaction(client, parameters),
    getReceipt: (parameters) => getReceipt(client, parameters),
    waitForReceipt: (parameters) => waitForReceipt(client, parameters),
    queryEnvironment: (parameters) => queryEnvironment(client, parameters),
    getBulkheadBlock: (parameters) => getBulkheadBlock(client, parameters),
    getMessage: (parameters) => getMessage(client, parameters),
    getMessages: (parameters) => getMessages(client, parameters),
    getLedger: () => getLedger(client),
    getAuditLog: (parameters) => getAuditLog(client, parameters),
    pauseEnvironment: (parameters) => pauseEnvironment(client, parameters),
    resumeEnvironment: (parameters) => resumeEnvironment(client, parameters),
    quarantineContract: (parameters) => quarantineContract(client, parameters),
    releaseContract: (parameters) => releaseContract(client, parameters),
    deployWasmContract: (parameters) => deployWasmContract(client, parameters),
    callWasmContract: (parameters) => callWasmContract(client, parameters),
    readWasmContract: (parameters) => readWasmContract(client, parameters),
    transferFromWasm: (parameters) => transferFromWasm(client, parameters),
  })
}
