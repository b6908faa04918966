import { StorageError, type BlockContext, type EnvironmentId } from '@bulkhead/core'
import type { Router } from '@bulkhead/router'
import type { ChainStore } from '../chain/chain-store.js'

/**
 * Brings every environment to the chain's height when the node opens. One ahead of the chain
 * (a crash after it committed, before the block was written) is rolled back. One behind it may
 * only lack empty blocks its worker host had answered and not run yet, which is possible only
 * when its capabilities say empty blocks keep its state: it runs them now, from the chain's
 * headers, and the chain must have recorded the root it still has. Anything else behind the
 * chain is missing data: the node refuses to start rather than reset anything.
 */
export async function alignEnvironments(router: Router, chain: ChainStore, chainHeight: bigint, gasLimit: bigint): Promise<void> {
  const heads = await Promise.all(router.environmentIds.map((id) => router.environment(id).head()))
  for (const [index, environmentHead] of heads.entries()) {
    if (environmentHead.height >= chainHeight) continue
    const id = router.environmentIds[index] as EnvironmentId
    const { capabilities } = await router.environment(id).describe()
    const missing = () =>
      new StorageError(`Environment "${id}" is at height ${environmentHead.height}, the chain at ${chainHeight}`, {
        details: ['Its state is missing or older than the chain; restore its data directory. Nothing was reset.'],
      })
    if (capabilities.emptyBlocksKeepState !== true) throw missing()
    const contexts: BlockContext[] = []
    for (let height = environmentHead.height + 1n; height <= chainHeight; height++) {
      const block = await chain.block(height)
      const recorded = block?.header.stateRoots.find((root) => root.environment === id)?.stateRoot
      if (block === undefined || recorded !== environmentHead.stateRoot) throw missing()
      const { timestamp, parentHash, proposer } = block.header
      // The context cannot change an empty block of such an environment; the gas limit is today's.
      contexts.push({ height, timestamp, parentHash, gasLimit, proposer })
    }
    heads[index] = await router.catchUpEnvironment(id, contexts)
  }
  if (heads.some((environmentHead) => environmentHead.height > chainHeight)) await router.rollback(chainHeight)
}
