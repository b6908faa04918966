import type { Address, Client, Hash } from 'viem'
import { bulkheadRequest } from '../bulkhead-request.js'
import { toQuantity } from '../from-json.js'

/**
 * What an admin method answers: the governance transaction's hash and, with automine, the
 * block that included it (the change takes effect from the next block).
 */
export interface GovernanceResult {
  readonly hash: Hash
  readonly height?: bigint
}

/** The admin methods need `Authorization: Bearer <admin token>`: give it to the transport (`http(url, { fetchOptions: { headers } })`). */
async function govern(client: Client, method: `bulkhead_${string}`, params: readonly unknown[]): Promise<GovernanceResult> {
  const result = await bulkheadRequest<{ hash: Hash; height?: string }>(client, method, params)
  return { hash: result.hash, ...(result.height === undefined ? {} : { height: BigInt(result.height) }) }
}

/** `bulkhead_pauseEnvironment` (admin): its transactions are refused and messages to it wait. */
export function pauseEnvironment(client: Client, parameters: { readonly environment: string; readonly reason?: string }): Promise<GovernanceResult> {
  return govern(client, 'bulkhead_pauseEnvironment', [parameters.environment, parameters.reason ?? ''])
}

/** `bulkhead_resumeEnvironment` (admin). */
export function resumeEnvironment(client: Client, parameters: { readonly environment: string }): Promise<GovernanceResult> {
  return govern(client, 'bulkhead_resumeEnvironment', [parameters.environment])
}

/** `bulkhead_quarantineContract` (admin): refused by nodes whose router cannot quarantine yet. */
export function quarantineContract(
  client: Client,
  parameters: { readonly environment: string; readonly contract: Address; readonly blocks: bigint; readonly reason?: string },
): Promise<GovernanceResult> {
  return govern(client, 'bulkhead_quarantineContract', [parameters.environment, parameters.contract, toQuantity(parameters.blocks), parameters.reason ?? ''])
}

/** `bulkhead_releaseContract` (admin). */
export function releaseContract(client: Client, parameters: { readonly environment: string; readonly contract: Address }): Promise<GovernanceResult> {
  return govern(client, 'bulkhead_releaseContract', [parameters.environment, parameters.contract])
}
