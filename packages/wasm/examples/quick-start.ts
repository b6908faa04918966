// The README's usage, as a runnable file (src/examples.test.ts runs it): deploy the SDK's
// example token, transfer some, read a balance back, commit.
import { readFileSync } from 'node:fs'
import { concatBytes, createMemoryStore, hexToBytes, type KeyValueStore } from '@bulkhead/core'
import { encodeSignedWasmTransaction, encodeWasmTransaction, type WasmTransaction } from '@bulkhead/proto'
import { privateKeyToAccount } from 'viem/accounts'
import { contractAddress, createWASMEnvironment } from '../src/index.js'

export async function quickStart(store: KeyValueStore = createMemoryStore()) {
  const alice = privateKeyToAccount('0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80')
  const aliceAddress = alice.address.toLowerCase() as `0x${string}`
  const wasm = await createWASMEnvironment({ store: store.namespace('wasm'), genesis: { [aliceAddress]: 10n ** 21n } })

  // EIP-191 over the canonical protobuf bytes: any Ethereum wallet's signMessage signs it.
  const sign = async (nonce: bigint, action: WasmTransaction['action']) => {
    const transaction: WasmTransaction = { chainId: 31337n, environment: 'wasm', nonce, gasLimit: 5_000_000n, gasPrice: 1n, value: 0n, action }
    const signature = await alice.signMessage({ message: { raw: encodeWasmTransaction(transaction) } })
    return { environment: 'wasm', payload: encodeSignedWasmTransaction({ transaction, signature }) }
  }

  const code = new Uint8Array(readFileSync(new URL('../sdk/build/token.wasm', import.meta.url)))
  const token = contractAddress(aliceAddress, 0n)
  const bob = hexToBytes('0x70997970c51812dc3a010c7d01b50e0d17dc79c8')
  const amount = new Uint8Array(8)
  new DataView(amount.buffer).setBigUint64(0, 25n, true)

  const head = await wasm.head()
  const { receipts, end } = await wasm.runBlock({
    context: { height: head.height + 1n, timestamp: 1_700_000_001n, parentHash: `0x${'00'.repeat(32)}`, gasLimit: 30_000_000n },
    deliveries: [],
    transactions: [
      await sign(0n, { kind: 'deploy', code, initArgs: new Uint8Array(0) }),
      await sign(1n, { kind: 'call', contract: token, function: 'transfer', args: concatBytes(bob, amount) }),
      await sign(2n, { kind: 'call', contract: token, function: 'balance_of', args: bob }),
    ],
  })
  const committed = await wasm.commit()
  await wasm.close()
  return { receipts, end, committed, bobBalance: new DataView(receipts[2]!.returnData.buffer).getBigUint64(0, true) }
}
