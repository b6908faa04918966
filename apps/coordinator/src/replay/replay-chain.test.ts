import { createMemoryStore } from '@bulkhead/core'
import { describe, expect, it } from 'vitest'
import { alice, bob, counterTransaction, openCounterChain } from '../__fixtures__/counter-chain.js'
import { replayChain } from './replay-chain.js'

async function chainWithTraffic() {
  const { node } = await openCounterChain(createMemoryStore())
  let nonce = 0n
  for (let block = 0; block < 6; block++) {
    await node.submit(counterTransaction('alpha', { from: alice, nonce: nonce++, gasLimit: 100_000n, operation: { type: 'send', destination: 'beta', receiver: bob, amount: 5n } }))
    await node.submit(counterTransaction('alpha', { from: alice, nonce: nonce++, gasLimit: 100_000n, operation: { type: 'deploy', initial: BigInt(block) } }))
    await node.produceBlock()
  }
  return node
}

describe(replayChain.name, () => {
  it('re-executes every block from genesis and finds them all equal', async () => {
    const node = await chainWithTraffic()
    const fresh = (await openCounterChain(createMemoryStore())).node
    const progress: bigint[] = []
    const result = await replayChain({ source: node.chain, toHeight: node.head().height, fresh, onProgress: (height) => progress.push(height) })
    expect(result).toEqual({ status: 'match', blocks: 6n })
    expect(progress).toEqual([1n, 2n, 3n, 4n, 5n, 6n])
  })

  it('names the first block, environment and transaction that differ', async () => {
    const node = await chainWithTraffic()
    // A replica whose beta starts with a different balance: alpha's transactions still match,
    // beta's state root differs from the first block that touches it.
    const { genesisDocument } = await import('../__fixtures__/counter-chain.js')
    const skewed = {
      ...genesisDocument,
      environments: [genesisDocument.environments[0], { ...genesisDocument.environments[1], allocations: { [bob]: '999' } }],
    }
    const fresh = (await openCounterChain(createMemoryStore(), skewed)).node
    // Different genesis, different chain: replay must still run block by block and say where it parts.
    const result = await replayChain({ source: node.chain, toHeight: node.head().height, fresh })
    expect(result).toMatchObject({ status: 'diverged', blocks: 0n, divergence: { height: 1n, what: 'state_root', environment: 'beta' } })
  })

  it('names the transaction when a receipt differs', async () => {
    const node = await chainWithTraffic()
    const { genesisDocument } = await import('../__fixtures__/counter-chain.js')
    const poorAlice = { ...genesisDocument, environments: [{ ...genesisDocument.environments[0], allocations: { [alice]: '0' } }, genesisDocument.environments[1]] }
    const fresh = (await openCounterChain(createMemoryStore(), poorAlice)).node
    const result = await replayChain({ source: node.chain, toHeight: node.head().height, fresh })
    const first = (await node.chain.block(1n))?.receipts[0]
    expect(result).toMatchObject({
      status: 'diverged',
      divergence: { height: 1n, what: 'receipt', environment: 'alpha', transactionIndex: 0, transactionHash: first?.transactionHash, actual: expect.stringMatching(/^rejected \(.+\), gas 0$/) },
    })
  })
})
