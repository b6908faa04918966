// A counter chain (two counter-VM environments) behind a real JSON-RPC server serving the
// `bulkhead_` namespace, with automine, for the namespace's tests.
import { createMemoryStore, type Hex } from '@bulkhead/core'
import { openCounterChain } from '../../../__fixtures__/counter-chain.js'
import type { ProducedBlock } from '../../../node/produced-block.js'
import { createRpcDispatcher } from '../../rpc-dispatcher.js'
import { startRpcServer } from '../../rpc-server.js'
import { createBulkheadNamespace } from '../create-bulkhead-namespace.js'

/** Alice's key: the fixture chain's governance key (account 0 of the test mnemonic). */
export const GOVERNANCE_KEY: Hex = '0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80'
export const ADMIN_TOKEN = 'test-admin-token'

// Response bodies are whatever the server sent; the assertions check their shape.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Json = any

export async function startNamespaceServer(options: { readonly governanceKey?: Hex } = {}) {
  const { node, router, genesis } = await openCounterChain(createMemoryStore())
  const internalErrors: unknown[] = []
  // One block at a time, as the devnet's automine must.
  let last: Promise<unknown> = Promise.resolve()
  const mine = () => {
    const next = last.then(() => node.produceBlock())
    last = next.catch(() => undefined)
    return next as Promise<ProducedBlock>
  }
  const methods = createBulkheadNamespace({ node, router, genesis, mine, ...(options.governanceKey === undefined ? {} : { governanceKey: options.governanceKey }) })
  const server = await startRpcServer({
    dispatcher: createRpcDispatcher({ methods, onInternalError: (_, error) => internalErrors.push(error) }),
    port: 0,
    adminToken: ADMIN_TOKEN,
  })
  let id = 0
  /** One JSON-RPC call; resolves to the whole response object. */
  const call = async (method: string, params: unknown[] = [], headers: Record<string, string> = {}): Promise<Json> => {
    const response = await fetch(server.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify({ jsonrpc: '2.0', id: ++id, method, params }),
    })
    return response.json()
  }
  const admin = (method: string, params: unknown[] = []) => call(method, params, { authorization: `Bearer ${ADMIN_TOKEN}` })
  return {
    node,
    router,
    server,
    call,
    admin,
    internalErrors,
    mine,
    async close() {
      await server.close()
      await node.close()
    },
  }
}
