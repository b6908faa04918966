import type { Client } from 'viem'
import { bulkheadRequest } from '../bulkhead-request.js'
import { quantityToBigInt } from '../from-json.js'
import type { BulkheadEnvironment } from '../types/bulkhead-environment.js'

type EnvironmentJSON = Omit<BulkheadEnvironment, 'head' | 'limits' | 'counters'> & {
  readonly head: { readonly height: string; readonly stateRoot: `0x${string}` }
  readonly limits: (Omit<NonNullable<BulkheadEnvironment['limits']>, 'transactionGasLimit' | 'blockGasLimit'> & { transactionGasLimit: string; blockGasLimit: string }) | null
  readonly counters: (Omit<NonNullable<BulkheadEnvironment['counters']>, 'gasUsed'> & { gasUsed: string }) | null
}

/** `bulkhead_environments`: every environment with its kind, status, head, limits and counters. */
export async function getEnvironments(client: Client): Promise<readonly BulkheadEnvironment[]> {
  const environments = await bulkheadRequest<readonly EnvironmentJSON[]>(client, 'bulkhead_environments', [])
  return environments.map((environment) => ({
    ...environment,
    head: { height: BigInt(environment.head.height), stateRoot: environment.head.stateRoot },
    limits:
      environment.limits === null
        ? null
        : { ...environment.limits, transactionGasLimit: BigInt(environment.limits.transactionGasLimit), blockGasLimit: BigInt(environment.limits.blockGasLimit) },
    counters: environment.counters === null ? null : { ...environment.counters, gasUsed: quantityToBigInt(environment.counters.gasUsed) },
  }))
}
