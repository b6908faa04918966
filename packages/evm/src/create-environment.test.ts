import { InvalidArgumentError, createMemoryStore } from '@bulkhead/core'
import { describe, expect, it } from 'vitest'
import { alice, bob, carol, mine, sign } from './__fixtures__/test-chain.js'
import { createEnvironment } from './index.js'

describe('createEnvironment', () => {
  it('builds the environment from a genesis entry: allocations, adapter options and store', async () => {
    const store = createMemoryStore()
    const environment = await createEnvironment({
      id: 'evm-2',
      chainId: 31337n,
      denom: 'ubulk',
      allocations: { [alice.address]: 10n ** 21n },
      options: {
        hardfork: 'cancun',
        baseFeePerGas: '7',
        limits: { blockGasLimit: '0x1c9c380', maxTransactionBytes: 4096 },
        accounts: { [bob.address]: { code: '0x5f5ff3', nonce: 1 } },
      },
      store: store.namespace('evm-2'),
    })
    expect(environment.id).toBe('evm-2')
    expect(environment.capabilities.denoms).toEqual(['ubulk'])
    expect(environment.limits.blockGasLimit).toBe(30_000_000n)
    expect(environment.limits.maxTransactionBytes).toBe(4096)
    expect(await environment.query({ method: 'balance', address: alice.address })).toBe(10n ** 21n)
    expect(await environment.query({ method: 'code', address: bob.address })).toEqual(Uint8Array.of(0x5f, 0x5f, 0xf3))
    expect(await environment.query({ method: 'nonce', address: bob.address })).toBe(1n)
    const tx = { environment: 'evm-2', payload: await sign(alice, { nonce: 0, to: carol.address, value: 1n, gas: 21_000n, maxFeePerGas: 7n, type: 'legacy' }) }
    expect((await environment.checkTransaction(tx)).status).toBe('ok')
    const { end } = await mine(environment, [tx.payload])
    expect(end.burnedByRule).toEqual({ ubulk: 21_000n * 7n })
  })

  it('refuses malformed adapter options', async () => {
    const base = { id: 'evm', chainId: 31337n, denom: 'wei', allocations: {}, store: createMemoryStore() }
    await expect(createEnvironment({ ...base, options: { baseFeePerGas: 'lots' } })).rejects.toBeInstanceOf(InvalidArgumentError)
    await expect(createEnvironment({ ...base, options: { accounts: { [bob.address]: { code: 'beef' } } } })).rejects.toBeInstanceOf(InvalidArgumentError)
  })
})
