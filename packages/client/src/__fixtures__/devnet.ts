// A two-environment WASM chain behind a real JSON-RPC server with the `bulkhead_` namespace,
// automine and a governance key: what the client's tests talk to through viem.

import { readFile } from 'node:fs/promises'
import { createMemoryStore, type Hex, type TransactionEnvelope } from '@bulkhead/core'
import { createBulkheadNamespace, createRpcDispatcher, defineMethod, openChain, parseGenesis, sendAdmitting, startRpcServer } from '@bulkhead/coordinator'
import { createEnvironment } from '@bulkhead/wasm'
import { privateKeyToAccount } from 'viem/accounts'

/** Accounts 0 and 1 of the test mnemonic; alice is also the governance key. */
export const ALICE_KEY: Hex = '0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80'
export const alice = privateKeyToAccount(ALICE_KEY)
export const bob = privateKeyToAccount('0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d')
export const ADMIN_TOKEN = 'client-test-token'
export const GENESIS_BALANCE = 10n ** 24n

/** The example contracts of @bulkhead/wasm's SDK, as built there. */
export const tokenWasm = () => readFile(new URL('../../../wasm/sdk/build/token.wasm', import.meta.url))
export const bridgeWasm = () => readFile(new URL('../../../wasm/sdk/build/evm-bridge.wasm', import.meta.url))

/**
 * Environments `evm` and `wasm`, both WASM VMs: the SDK's bridge contract sends to an
 * environment named `evm`, and a second WASM environment receives it just as well.
 */
export async function startDevnet(options: { readonly automine?: boolean } = {}) {
  const genesis = parseGenesis(
    {
      chainId: 31337,
      nativeDenom: 'wei',
      defaultMessageTimeout: 5,
      governance: [alice.address],
      environments: [
        { id: 'evm', vm: 'wasm', allocations: { [bob.address]: GENESIS_BALANCE.toString() } },
        { id: 'wasm', vm: 'wasm', allocations: { [alice.address]: GENESIS_BALANCE.toString() } },
      ],
    },
    { knownVMs: ['wasm'] },
  )
  let clock = 1_700_000_000n
  const { node, router } = await openChain({ genesis, store: createMemoryStore(), factoryFor: () => createEnvironment, clock: () => clock++ })
  let last: Promise<unknown> = Promise.resolve()
  // One block at a time, as the devnet's automine must.
  const serially = <T>(produce: () => Promise<T>) => {
    const next = last.then(produce)
    last = next.catch(() => undefined)
    return next
  }
  const mine = () => serially(() => node.produceBlock())
  // Automine as the devnet does it (the check answered from the block's own round trip); without
  // it the namespace leaves blocks to the test, as a devnet with --block-time does.
  const send = async (transaction: TransactionEnvelope) =>
    options.automine === false
      ? { check: await node.submit(transaction), block: Promise.resolve(undefined) }
      : sendAdmitting((onAdmitted) => serially(() => node.admitAndProduceBlock(transaction, onAdmitted)))
  const methods = {
    ...createBulkheadNamespace({ node, router, genesis, send, governanceKey: ALICE_KEY }),
    // The devnet's eth_ namespace answers this; the client reads the chain id from it.
    eth_chainId: defineMethod({ params: () => undefined, handler: () => `0x${genesis.chainId.toString(16)}` }),
  }
  const server = await startRpcServer({ dispatcher: createRpcDispatcher({ methods }), port: 0, adminToken: ADMIN_TOKEN })
  return {
    url: server.url,
    node,
    mine,
    async close() {
      await server.close()
      await node.close()
    },
  }
}
