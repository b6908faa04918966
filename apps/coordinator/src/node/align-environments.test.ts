import { StorageError, createMemoryStore } from '@bulkhead/core'
import { createCounterEnvironment } from '@bulkhead/example-counter-adapter'
import { describe, expect, it } from 'vitest'
import { DENOM, alice, bob, counterTransaction, openCounterChain } from '../__fixtures__/counter-chain.js'
import { alignEnvironments } from './align-environments.js'

const deploy = (environment: string, from: typeof alice, nonce: bigint) =>
  counterTransaction(environment, { from, nonce, gasLimit: 100_000n, operation: { type: 'deploy', initial: 1n } })

/** Leaves `id`'s store at `height`, as a crash before its later blocks were written would. */
async function setBack(store: ReturnType<typeof createMemoryStore>, id: string, height: bigint) {
  const environment = await createCounterEnvironment({ id, denom: DENOM, store: store.namespace(`env-${id}`) })
  await environment.rollback(height)
  await environment.close()
}

describe(alignEnvironments.name, () => {
  it('runs the empty blocks an environment lacks from the chain, when its empty blocks keep its state', async () => {
    const store = createMemoryStore()
    const before = await openCounterChain(store)
    // Three blocks with work for alpha only: beta's blocks are empty.
    for (let nonce = 0n; nonce < 3n; nonce++) {
      await before.node.submit(deploy('alpha', alice, nonce))
      await before.node.produceBlock()
    }
    const betaHead = await before.router.environment('beta').head()
    await before.node.close()
    await setBack(store, 'beta', 1n)

    const after = await openCounterChain(store)
    expect(await after.router.environment('beta').head()).toEqual(betaHead)
    expect(betaHead.height).toBe(3n)
    await after.node.submit(deploy('beta', bob, 0n))
    // The fixture's clock starts again with the second open: give the block a later time.
    expect((await after.node.produceBlock({ timestamp: 1_800_000_000n })).block.receipts.map((receipt) => receipt.status)).toEqual(['ok'])
    await after.node.close()
  })

  it('refuses to start when the blocks it lacks were not empty for it', async () => {
    const store = createMemoryStore()
    const before = await openCounterChain(store)
    await before.node.produceBlock()
    await before.node.submit(deploy('beta', bob, 0n))
    await before.node.produceBlock()
    await before.node.produceBlock()
    await before.node.close()
    await setBack(store, 'beta', 1n)

    const reopened = openCounterChain(store)
    await expect(reopened).rejects.toBeInstanceOf(StorageError)
    await expect(reopened).rejects.toThrow(/"beta" is at height 1, the chain at 3/)
  })
})
