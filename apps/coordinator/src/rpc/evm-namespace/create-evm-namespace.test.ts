import { createMemoryStore } from '@bulkhead/core'
import { describe, expect, it } from 'vitest'
import { openCounterChain } from '../../__fixtures__/counter-chain.js'
import { createBlockProducer } from '../../devnet/block-producer.js'
import { createDevnetClock } from '../../devnet/devnet-clock.js'
import { createRpcDispatcher } from '../rpc-dispatcher.js'
import { createEvmNamespace } from './create-evm-namespace.js'

async function devnet() {
  const { node } = await openCounterChain(createMemoryStore())
  let wallClock = 1_800_000_000n
  const clock = createDevnetClock(() => wallClock)
  const producer = createBlockProducer(node, (parent) => clock.next(parent))
  const dispatcher = createRpcDispatcher({ methods: createEvmNamespace({ node, producer, clock }) })
  let id = 0
  const call = async (method: string, ...params: unknown[]) => {
    const response = (await dispatcher.dispatch({ jsonrpc: '2.0', id: ++id, method, params }, { admin: false })) as { result?: unknown; error?: { code: number; message: string } }
    if (response.error) throw Object.assign(new Error(response.error.message), { code: response.error.code })
    return response.result
  }
  return { node, call, tick: (seconds: bigint) => (wallClock += seconds) }
}

describe(createEvmNamespace.name, () => {
  it('mines, snapshots and reverts like Hardhat', async () => {
    const { node, call } = await devnet()
    await call('evm_mine')
    const snapshot = await call('evm_snapshot')
    expect(snapshot).toBe('0x1')
    await call('evm_mine')
    await call('evm_mine')
    const later = await call('evm_snapshot')
    expect(node.head().height).toBe(3n)
    expect(await call('evm_revert', snapshot)).toBe(true)
    expect(node.head().height).toBe(1n)
    expect(await call('evm_revert', later)).toBe(false) // taken after the one reverted to: gone
    expect(await call('evm_revert', snapshot)).toBe(false) // used up
    await call('evm_mine')
    expect(node.head().height).toBe(2n)
  })

  it('moves block time with increaseTime and setNextBlockTimestamp, never backwards', async () => {
    const { node, call } = await devnet()
    await call('evm_mine')
    const first = node.head().header?.timestamp ?? 0n
    expect(await call('evm_increaseTime', 3_600)).toBe('0xe10')
    await call('evm_mine')
    expect((node.head().header?.timestamp ?? 0n) - first).toBe(3_600n)
    await call('evm_setNextBlockTimestamp', '0x77359400') // 2,000,000,000
    await call('evm_mine')
    expect(node.head().header?.timestamp).toBe(2_000_000_000n)
    await expect(call('evm_setNextBlockTimestamp', 5)).rejects.toMatchObject({ code: -32602, message: expect.stringMatching(/before the latest block's/) })
    await call('evm_mine', '0x77359500')
    expect(node.head().header?.timestamp).toBe(2_000_000_256n)
  })
})
