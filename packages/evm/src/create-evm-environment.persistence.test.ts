import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { type KeyValueStore, StorageError, createMemoryStore } from '@bulkhead/core'
import { createLevelStore } from '@bulkhead/storage'
import { type Abi, type Hex, encodeDeployData, encodeFunctionData, parseEther } from 'viem'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { alice, bob, carol, contextAt, contracts, genesis, mine, sign } from './__fixtures__/test-chain.js'
import { createEVMEnvironment } from './index.js'

const tokenAbi = contracts.Token.abi as Abi
let directory: string

beforeEach(async () => {
  directory = await mkdtemp(join(tmpdir(), 'bulkhead-evm-'))
})

afterEach(async () => {
  await rm(directory, { recursive: true, force: true })
})

describe(createEVMEnvironment.name, () => {
  it('resumes from LevelDB at the committed root with the same balances, contracts and lookups', async () => {
    const path = join(directory, 'db')
    const store = await createLevelStore({ path })
    const first = await createEVMEnvironment({ genesis, store: store.namespace('evm'), logger: () => {} })
    const deploy = encodeDeployData({ abi: tokenAbi, bytecode: contracts.Token.bytecode as Hex, args: ['T', 'T', 100n] })
    const deployed = await mine(first, [await sign(alice, { nonce: 0, data: deploy, gas: 2_000_000n })])
    const token = deployed.receipts[0]?.contractAddress as Hex
    const transfer = encodeFunctionData({ abi: tokenAbi, functionName: 'transfer', args: [bob.address, 10n] })
    const moved = await mine(first, [
      await sign(alice, { nonce: 1, to: token, data: transfer, gas: 100_000n }),
      await sign(alice, { nonce: 2, to: carol.address, value: 77n, gas: 21_000n }),
    ])
    // An uncommitted block must not survive the restart.
    await first.beginBlock({ height: 3n, timestamp: 1_800_000_000n, parentHash: `0x${'00'.repeat(32)}`, gasLimit: 30_000_000n })
    await first.execute([{ environment: 'evm', payload: await sign(alice, { nonce: 3, to: carol.address, value: 1n, gas: 21_000n }) }])
    const head = await first.head()
    await first.close()
    await store.close()

    const reopened = await createLevelStore({ path })
    const second = await createEVMEnvironment({ genesis: {}, store: reopened.namespace('evm'), logger: () => {} })
    expect(await second.head()).toEqual(head)
    expect(head).toEqual({ height: 2n, stateRoot: moved.end.stateRoot })
    expect(await second.query({ method: 'balance', address: carol.address })).toBe(77n)
    expect(await second.query({ method: 'nonce', address: alice.address })).toBe(3n)
    const call = await second.query({ method: 'call', to: token, data: encodeCall('balanceOf', [bob.address]) })
    expect(BigInt(`0x${Buffer.from(call.returnData).toString('hex')}`)).toBe(10n)
    const receipt = (await second.query({ method: 'extension', name: 'receipt_by_hash', params: [moved.receipts[1]?.transactionHash] })) as Record<string, unknown>
    expect(receipt['status']).toBe('0x1')
    // It keeps going from there, and can still roll back to an older height.
    const next = await mine(second, [await sign(alice, { nonce: 3, to: carol.address, value: 1n, gas: 21_000n })])
    expect(next.end.height).toBe(3n)
    expect(await second.rollback(1n)).toEqual({ height: 1n, stateRoot: deployed.end.stateRoot })
    expect(await second.query({ method: 'balance', address: carol.address })).toBe(0n)
    expect(await second.query({ method: 'balance', address: alice.address })).toBeLessThan(parseEther('1000'))
    await second.close()
    await reopened.close()

    const third = await createLevelStore({ path })
    const resumed = await createEVMEnvironment({ store: third.namespace('evm'), logger: () => {} })
    expect(await resumed.head()).toEqual({ height: 1n, stateRoot: deployed.end.stateRoot })
    await resumed.close()
    await third.close()
  })
})


describe(`${createEVMEnvironment.name} storage failures`, () => {
  it('a failed commit throws StorageError and can be retried without losing state', async () => {
    const inner = createMemoryStore()
    let failNext = false
    const flaky: KeyValueStore = {
      get: (key) => inner.get(key),
      entries: (range) => inner.entries(range),
      namespace: () => flaky,
      close: () => inner.close(),
      async batch(operations) {
        if (failNext) {
          failNext = false
          throw new Error('disk full')
        }
        return inner.batch(operations)
      },
    }
    const env = await createEVMEnvironment({ genesis, store: flaky, logger: () => {} })
    await env.beginBlock(contextAt(1n))
    await env.execute([{ environment: 'evm', payload: await sign(alice, { nonce: 0, to: carol.address, value: 5n, gas: 21_000n }) }])
    const end = await env.endBlock()
    failNext = true
    await expect(env.commit()).rejects.toBeInstanceOf(StorageError)
    expect((await env.head()).height).toBe(0n)
    expect(await env.commit()).toEqual({ height: 1n, stateRoot: end.stateRoot })
    const restarted = await createEVMEnvironment({ store: inner, logger: () => {} })
    expect(await restarted.head()).toEqual({ height: 1n, stateRoot: end.stateRoot })
    expect(await restarted.query({ method: 'balance', address: carol.address })).toBe(5n)
  })
})

function encodeCall(functionName: 'balanceOf', args: readonly unknown[]) {
  return Uint8Array.from(Buffer.from(encodeFunctionData({ abi: tokenAbi, functionName, args }).slice(2), 'hex'))
}
