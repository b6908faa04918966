// A counter chain (two counter-VM environments) behind a real JSON-RPC server serving the
// `bulkhead_` namespace, with automine, for the namespace's tests.
import { createMemoryStore, type Hex, type TransactionEnvelope } from '@bulkhead/core'
import { openCounterChain } from '../../../__fixtures__/counter-chain.js'
import { sendAdmitting } from '../../../devnet/send-admitting.js'
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
  const serially = <T>(produce: () => Promise<T>) => {
    const next = last.then(produce)
    last = next.catch(() => undefined)
    return next
  }
  const mine = () => serially(() => node.produceBlock())
  // Automine as the devnet does it: the check is answered from the block's own round trip.
  const send = (transaction: TransactionEnvelope) => sendAdmitting((onAdmitted) => serially(() => node.admitAndProduceBlock(transaction, onAdmitted)))
  const methods = createBulkheadNamespace({ node, router, genesis, send, ...(options.governanceKey === undefined ? {} : { governanceKey: options.governanceKey }) })
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
