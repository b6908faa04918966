import type { Address } from '@bulkhead/core'
import { createRouter } from '../create-router.js'
import type { RoutedEnvironmentOptions, RouterOptions } from '../router-options.js'
import { createLedgerEnvironment } from './ledger-environment.js'

/** A router over in-process ledger environments `ids`, each with `genesis`. */
export async function ledgerRouter(
  ids: readonly string[],
  genesis: Readonly<Record<Address, bigint>>,
  options: Partial<RouterOptions> & {
    readonly perEnvironment?: Readonly<Record<string, Partial<RoutedEnvironmentOptions>>>
  } = {},
) {
  const { perEnvironment = {}, ...rest } = options
  const environments = await Promise.all(
    ids.map(async (id) => ({ id, environment: await createLedgerEnvironment({ id, genesis }), ...perEnvironment[id] })),
  )
  return createRouter({ ...rest, environments })
}
