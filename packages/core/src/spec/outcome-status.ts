/**
 * The one status vocabulary every environment uses for transactions, deliveries and queries.
 *
 * - `ok`: executed and committed to the block's state.
 * - `reverted`: the program asked to undo its effects (EVM `REVERT`, a WASM contract's abort);
 *   state and outbound messages are unchanged, gas is charged.
 * - `out_of_gas`: the gas limit ran out; state and messages unchanged, the whole limit charged.
 * - `trapped`: the VM stopped the program (invalid opcode, unreachable, out-of-bounds memory,
 *   call depth exceeded); state and messages unchanged, gas charged.
 * - `rejected`: refused before execution (bad encoding, signature, nonce, funds, permissions,
 *   quarantine); nothing changed, no nonce consumed, no gas charged.
 * - `timed_out`: a wall-clock backstop or message timeout fired; nothing of it was committed.
 */
export type OutcomeStatus = 'ok' | 'reverted' | 'out_of_gas' | 'trapped' | 'rejected' | 'timed_out'

/** Every {@link OutcomeStatus}, in documentation order. */
export const OUTCOME_STATUSES: readonly OutcomeStatus[] = Object.freeze([
  'ok',
  'reverted',
  'out_of_gas',
  'trapped',
  'rejected',
  'timed_out',
])

/** Whether `value` is one of the {@link OUTCOME_STATUSES}. */
export function isOutcomeStatus(value: unknown): value is OutcomeStatus {
  return typeof value === 'string' && (OUTCOME_STATUSES as readonly string[]).includes(value)
}
