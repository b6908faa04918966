import type { MerkleStateManager } from '@ethereumjs/statemanager'

/**
 * How many state checkpoints are open. @ethereumjs keeps the count in a protected field of
 * `MerkleStateManager` (10.1.3, pinned); the environment's tests fail if that ever changes.
 */
export function checkpointDepth(stateManager: MerkleStateManager): number {
  const count = (stateManager as unknown as { readonly _checkpointCount?: unknown })._checkpointCount
  if (typeof count !== 'number') throw new Error('@ethereumjs/statemanager no longer exposes its checkpoint count')
  return count
}
