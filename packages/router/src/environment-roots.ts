import type { EnvironmentId, Hash } from '@bulkhead/core'
import type { RouterEndBlockResult } from './router.js'

/**
 * Each environment's state root after the block, keyed by id in id order: what the block
 * header lists. `combineStateRoots(environmentRoots(end)) === end.stateRoot`.
 */
export function environmentRoots(end: Pick<RouterEndBlockResult, 'environments'>): Record<EnvironmentId, Hash> {
  return Object.fromEntries(
    Object.keys(end.environments)
      .sort()
      .map((id) => [id, (end.environments[id] as RouterEndBlockResult['environments'][string]).end.stateRoot]),
  )
}
