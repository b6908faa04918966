import type { Address, Client, Hex } from 'viem'
import { bulkheadRequest } from '../bulkhead-request.js'
import { toQuantity } from '../from-json.js'
import type { BulkheadEvent, OutcomeStatus } from '../types/bulkhead-receipt.js'

/** A read-only query against an environment's committed state (`QueryRequest` of @bulkhead/core, in hex). */
export type EnvironmentQuery =
  | {
      readonly method: 'call' | 'estimate_gas'
      readonly from?: Address
      /** Absent to simulate a deployment with `data` as init code. */
      readonly to?: Address
      /** For WASM: the function name, a zero byte, then the arguments (see `readWasmContract`). */
      readonly data?: Hex
      readonly value?: bigint
      readonly gasLimit?: bigint
    }
  | { readonly method: 'balance'; readonly address: Address; readonly denom?: string }
  | { readonly method: 'nonce' | 'code'; readonly address: Address }
  | { readonly method: 'storage'; readonly address: Address; readonly key: Hex }
  | { readonly method: 'mirror'; readonly source: string; readonly publisher: Address; readonly key: Hex }

export interface EnvironmentQueryResults {
  readonly call: { readonly status: OutcomeStatus; readonly reason?: string; readonly gasUsed: bigint; readonly returnData: Hex; readonly events: readonly BulkheadEvent[] }
  readonly estimate_gas: { readonly status: OutcomeStatus; readonly reason?: string; readonly gasLimit: bigint; readonly returnData: Hex }
  readonly balance: bigint
  readonly nonce: bigint
  readonly code: Hex
  readonly storage: Hex
  /** `value` is `null` when nothing was ever synced under that key. */
  readonly mirror: { readonly value: Hex | null; readonly version: bigint }
}

export interface QueryEnvironmentParameters<TRequest extends EnvironmentQuery> {
  readonly environment: string
  readonly request: TRequest
}

/** `bulkhead_call`: a query for any environment; the result type follows `request.method`. */
export async function queryEnvironment<const TRequest extends EnvironmentQuery>(client: Client, parameters: QueryEnvironmentParameters<TRequest>): Promise<EnvironmentQueryResults[TRequest['method']]> {
  const { request } = parameters
  const wire: Record<string, unknown> = { ...request }
  if ('value' in request && request.value !== undefined) wire.value = toQuantity(request.value)
  if ('gasLimit' in request && request.gasLimit !== undefined) wire.gasLimit = toQuantity(request.gasLimit)
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the wire form, converted by method below
  const result = await bulkheadRequest<any>(client, 'bulkhead_call', [parameters.environment, wire])
  switch (request.method) {
    case 'balance':
    case 'nonce':
      return BigInt(result) as EnvironmentQueryResults[TRequest['method']]
    case 'call':
      return { ...result, gasUsed: BigInt(result.gasUsed) }
    case 'estimate_gas':
      return { ...result, gasLimit: BigInt(result.gasLimit) }
    case 'mirror':
      return { value: result.value, version: BigInt(result.version) } as EnvironmentQueryResults[TRequest['method']]
    default:
      return result
  }
}
