import type { EnvironmentFactory } from '@bulkhead/core'
import { createCounterEnvironment } from './create-counter-environment.js'

/**
 * The entry point a Bulkhead node loads when a genesis file names this package as an
 * environment's adapter: it maps the node's factory options onto the counter VM's own.
 * Adapter options from genesis: `limits` (overrides of DEFAULT_COUNTER_LIMITS, numbers).
 */
export const createEnvironment: EnvironmentFactory = async ({ id, denom, allocations, options, store }) => {
  const limits = (options.limits ?? {}) as Record<string, number | string>
  return createCounterEnvironment({
    id,
    denom,
    store,
    genesis: { balances: allocations },
    limits: Object.fromEntries(
      Object.entries(limits).map(([name, value]) => [name, name.endsWith('GasLimit') ? BigInt(value) : Number(value)]),
    ),
  })
}
