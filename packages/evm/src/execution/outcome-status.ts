import type { OutcomeStatus } from '@bulkhead/core'

const outOfGas = new Set(['out of gas', 'code store out of gas'])

/**
 * The unified status of an engine halt. Everything that is neither a revert nor gas
 * exhaustion is the VM stopping the program: invalid opcode, stack under/overflow (the
 * 1,024-slot stack), bad jump, static-call write, create collision, oversized code.
 */
export function outcomeStatusOf(exceptionError: string | undefined): OutcomeStatus {
  if (exceptionError === undefined) return 'ok'
  if (exceptionError === 'revert') return 'reverted'
  if (outOfGas.has(exceptionError)) return 'out_of_gas'
  return 'trapped'
}
