import { BulkheadError } from '@bulkhead/core'

/** A JSON-RPC error answered by the node, shown to the user as it came. */
export class RemoteError extends BulkheadError<'REMOTE'> {
  override name = 'RemoteError' as const
  constructor(method: string, error: { code: number; message: string }) {
    super('REMOTE', `${method} failed (${error.code}): ${error.message}`)
  }
}

/** One JSON-RPC call to a running node; throws RemoteError for an error answer, and says so when nothing listens. */
export async function rpcRequest<T>(url: string, method: string, params: readonly unknown[], adminToken?: string): Promise<T> {
  let response: Response
  try {
    response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(adminToken === undefined ? {} : { authorization: `Bearer ${adminToken}` }) },
      body: JSON.stringify({ jsonrpc: '2.0', id: 1, method, params }),
    })
  } catch (error) {
    throw new BulkheadError('REMOTE', `No node answers at ${url}`, { cause: error, details: ['Start one with `bulkhead devnet`, or pass --rpc URL.'] })
  }
  const body = (await response.json()) as { result?: T; error?: { code: number; message: string } }
  if (body.error !== undefined) throw new RemoteError(method, body.error)
  return body.result as T
}
