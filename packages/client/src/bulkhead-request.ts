import type { Client } from 'viem'

/**
 * One `bulkhead_` JSON-RPC call through the client's transport. The namespace is not part of
 * viem's RPC schema, so the call is typed here, by each action, instead.
 */
export async function bulkheadRequest<TResult>(client: Client, method: `bulkhead_${string}`, params: readonly unknown[]): Promise<TResult> {
  const request = client.request as unknown as (arguments_: { method: string; params: readonly unknown[] }) => Promise<TResult>
  return request({ method, params })
}
