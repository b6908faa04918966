// The README's usage example, run by src/readme-example.test.ts. In your code the import is
// `from '@bulkhead/evm'`; here it is the source, so the test needs no build of this package.
import { hexToBytes } from '@bulkhead/core'
import { createEVMEnvironment } from '../src/index.js'
import { createLevelStore } from '@bulkhead/storage'
import { privateKeyToAccount } from 'viem/accounts'

export async function transfer(path: string) {
  const alice = privateKeyToAccount('0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80')
  const store = await createLevelStore({ path })
  const evm = await createEVMEnvironment({
    store: store.namespace('evm'),
    genesis: { [alice.address.toLowerCase()]: { balance: 10n ** 21n } },
  })

  const payload = hexToBytes(
    await alice.signTransaction({
      chainId: 31337, nonce: 0, type: 'eip1559', gas: 21_000n,
      maxFeePerGas: 2_000_000_000n, maxPriorityFeePerGas: 1_000_000_000n,
      to: '0x70997970c51812dc3a010c7d01b50e0d17dc79c8', value: 1n,
    }),
  )
  const head = await evm.head()
  const { receipts, end } = await evm.runBlock({
    context: { height: head.height + 1n, timestamp: 1_700_000_001n, parentHash: `0x${'00'.repeat(32)}`, gasLimit: 30_000_000n },
    deliveries: [],
    transactions: [{ environment: 'evm', payload }],
  })
  await evm.commit()
  console.log(receipts[0]?.status, end.stateRoot, end.supply['wei'])

  await evm.close()
  await store.close()
  return { status: receipts[0]?.status, end }
}
