import type { Address, TransactionEnvelope } from '@bulkhead/core'
import { contractAddressOf, type CounterOperation } from '@bulkhead/example-counter-adapter'
import { alice, bob, counterTransaction, governanceTransaction } from '../__fixtures__/counter-chain.js'
import type { BulkheadNode } from '../node/create-node.js'

/** A small deterministic PRNG (mulberry32): the same seed gives the same simulation anywhere. */
export function createRandom(seed: number) {
  let state = seed >>> 0
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0
    let value = state
    value = Math.imul(value ^ (value >>> 15), value | 1)
    value ^= value + Math.imul(value ^ (value >>> 7), value | 61)
    return ((value ^ (value >>> 14)) >>> 0) / 4_294_967_296
  }
  return { next, below: (limit: number) => Math.floor(next() * limit), chance: (probability: number) => next() < probability }
}

export interface SimulationStats {
  operations: number
  blocks: number
  transfers: number
  failures: number
  pauses: number
  /** Transactions refused before execution (quarantined contracts, and what followed them from the same sender). */
  rejected: number
}

/**
 * Drives `node` (a chain of two counter environments, `alpha` and `beta`) with `operations`
 * seeded random operations: deploys, increments, cross-environment transfers both ways,
 * state syncs, reverts, out-of-gas spins, sends that revert, and pauses long enough for
 * messages to time out. `afterBlock` runs after every committed block.
 */
export async function simulateChain(
  node: BulkheadNode,
  options: {
    seed: number
    operations: number
    /** The committed nonce of an account, to resynchronise after rejections. */
    nonceOf: (environment: 'alpha' | 'beta', address: Address) => Promise<bigint>
    afterBlock?: (height: bigint) => Promise<void> | void
  },
): Promise<SimulationStats> {
  const random = createRandom(options.seed)
  const accounts = { alpha: alice, beta: bob } as const
  const nonces = { alpha: 0n, beta: 0n }
  const contracts: Record<'alpha' | 'beta', Address[]> = { alpha: [], beta: [] }
  const pausedUntil: Partial<Record<'alpha' | 'beta', bigint>> = {}
  let governanceNonce = 0n
  const stats: SimulationStats = { operations: 0, blocks: 0, transfers: 0, failures: 0, pauses: 0, rejected: 0 }

  while (stats.operations < options.operations) {
    // Governance acts through signed transactions in the block, effective from the next one,
    // so replay sees the same pauses. `pausedUntil` marks the blocks in which an environment is paused.
    const height = node.head().height + 1n
    const batch: TransactionEnvelope[] = []
    const isPaused = (environment: 'alpha' | 'beta') => node.governance().paused.has(environment)
    for (const environment of ['alpha', 'beta'] as const) {
      const until = pausedUntil[environment]
      if (until !== undefined && height + 1n >= until) {
        batch.push(governanceTransaction(governanceNonce++, { kind: 'resume_environment', environment }))
        delete pausedUntil[environment]
        stats.operations++
      }
    }
    if (random.chance(0.04)) {
      const environment = random.chance(0.5) ? 'alpha' : 'beta'
      if (pausedUntil[environment] === undefined && !isPaused(environment)) {
        // Longer than the default timeout (5 blocks) now and then, so messages time out and refund.
        batch.push(governanceTransaction(governanceNonce++, { kind: 'pause_environment', environment, reason: 'simulated maintenance' }))
        pausedUntil[environment] = height + BigInt(3 + random.below(7))
        stats.pauses++
        stats.operations++
      }
    }
    const count = 1 + random.below(40)
    for (let index = 0; index < count && stats.operations < options.operations; index++) {
      const environment = random.chance(0.5) ? 'alpha' : 'beta'
      if (isPaused(environment)) continue
      const other = environment === 'alpha' ? 'beta' : 'alpha'
      const nonce = nonces[environment]
      const operation = pickOperation(random, contracts[environment], other, accounts[other])
      if (operation.type === 'deploy') contracts[environment].push(contractAddressOf(accounts[environment], nonce))
      if (operation.type === 'send') stats.transfers++
      if (operation.type === 'revert' || operation.type === 'spin' || operation.type === 'send_then_revert') stats.failures++
      batch.push(counterTransaction(environment, { from: accounts[environment], nonce, gasLimit: operation.type === 'spin' ? 40_000n : 200_000n, operation }))
      nonces[environment] = nonce + 1n
      stats.operations++
    }
    // Each block runs exactly this batch. A quarantined contract's calls are refused without
    // using a nonce, so after a refusal the sender's nonce is read back from committed state.
    const { rejected } = await node.produceBlock({ transactions: batch })
    for (const receipt of rejected) {
      if (!/quarantined|nonce/.test(receipt.reason ?? '')) throw new Error(`simulation built a transaction the chain refused: ${receipt.reason}`)
    }
    if (rejected.length > 0) {
      stats.rejected += rejected.length
      for (const environment of ['alpha', 'beta'] as const) nonces[environment] = await options.nonceOf(environment, accounts[environment])
    }
    stats.blocks++
    await options.afterBlock?.(node.head().height)
  }
  return stats
}

function pickOperation(random: ReturnType<typeof createRandom>, contracts: readonly Address[], other: string, receiver: Address): CounterOperation {
  const contract = contracts[random.below(contracts.length)]
  const roll = random.below(100)
  if (contract === undefined || roll < 10) return { type: 'deploy', initial: BigInt(random.below(1_000)) }
  if (roll < 40) return { type: 'increment', contract, by: BigInt(1 + random.below(9)) }
  if (roll < 70) return { type: 'send', destination: other, receiver, amount: BigInt(1 + random.below(10_000)) }
  if (roll < 80) return { type: 'publish', contract, destination: other }
  if (roll < 87) return { type: 'revert', contract }
  if (roll < 94) return { type: 'spin', contract, steps: 1_000_000n }
  return { type: 'send_then_revert', destination: other, receiver, amount: 5n }
}
