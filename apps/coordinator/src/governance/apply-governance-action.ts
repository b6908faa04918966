import type { GovernanceAction } from '@bulkhead/proto'
import type { GovernanceState } from './governance-state.js'

/**
 * The state after `action`, taken in block `height` (effective from the next block), and a
 * one-line description for the audit log. Pure: the node pushes the new state to the router.
 */
export function applyGovernanceAction(state: GovernanceState, action: GovernanceAction, height: bigint): { state: GovernanceState; detail: string } {
  switch (action.kind) {
    case 'set_block_gas_weight':
      return { state: { ...state, weights: new Map(state.weights).set(action.environment, action.weight) }, detail: `${action.environment} weight ${action.weight}` }
    case 'set_permissions':
      return {
        state: { ...state, permissions: new Map(state.permissions).set(action.environment, action.permissions) },
        detail: `${action.environment} permissions ${JSON.stringify(action.permissions)}`,
      }
    case 'pause_environment':
      return { state: { ...state, paused: new Map(state.paused).set(action.environment, action.reason) }, detail: `${action.environment} paused: ${action.reason || 'no reason given'}` }
    case 'resume_environment': {
      const paused = new Map(state.paused)
      paused.delete(action.environment)
      return { state: { ...state, paused }, detail: `${action.environment} resumed` }
    }
    case 'quarantine_contract': {
      // Taken in block `height`, effective from the next: quarantined for `blocks` blocks from there.
      const until = height + action.blocks
      const quarantines = new Map(state.quarantines).set(`${action.environment}/${action.contract}`, {
        environment: action.environment,
        contract: action.contract,
        until,
        reason: action.reason,
      })
      return { state: { ...state, quarantines }, detail: `${action.environment} ${action.contract} quarantined until block ${until}: ${action.reason || 'no reason given'}` }
    }
    case 'release_contract': {
      const quarantines = new Map(state.quarantines)
      quarantines.delete(`${action.environment}/${action.contract}`)
      return { state: { ...state, quarantines }, detail: `${action.environment} ${action.contract} released` }
    }
    case 'set_block_gas_limit':
      return { state: { ...state, blockGasLimit: action.gasLimit }, detail: `block gas limit ${action.gasLimit}` }
  }
}
