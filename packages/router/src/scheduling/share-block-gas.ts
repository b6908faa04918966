import { InvalidArgumentError, type EnvironmentId } from '@bulkhead/core'

/**
 * Splits `gasLimit` among environments in proportion to their weights (floor of
 * `gasLimit * weight / total`), so each environment's share is fixed however full the others'
 * queues are. The remainder of the division is left unused: shares must not depend on order.
 */
export function shareBlockGas(
  gasLimit: bigint,
  weights: Readonly<Record<EnvironmentId, number>>,
): Record<EnvironmentId, bigint> {
  const entries = Object.entries(weights)
  for (const [id, weight] of entries) {
    if (!Number.isSafeInteger(weight) || weight <= 0) {
      throw new InvalidArgumentError(`weight of environment "${id}" must be a positive integer`, {
        details: [`got: ${weight}`],
      })
    }
  }
  const total = entries.reduce((sum, [, weight]) => sum + BigInt(weight), 0n)
  return Object.fromEntries(
    entries.map(([id, weight]) => [id, total === 0n ? 0n : (gasLimit * BigInt(weight)) / total]),
  )
}
