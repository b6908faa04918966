import type { Address, EnvironmentId } from '@bulkhead/core'
import type { RouterEvent } from '../telemetry/router-event.js'
import type { ContractTelemetry } from '../telemetry/router-telemetry.js'

export interface CircuitBreakerSettings {
  readonly failures: number
  readonly window: number
  readonly quarantine: number
}

/** A failure to count: a `trapped` or `out_of_gas` receipt of a call to `contract`. */
export interface ContractFailure {
  readonly environment: EnvironmentId
  readonly contract: Address
}

interface ContractRecord {
  /** Heights of failures, oldest first (one entry per failure). */
  heights: bigint[]
  total: number
  until?: bigint
  /** Set when governance imposed the quarantine. */
  reason?: string
}

/**
 * Counts contract failures per committed block and quarantines a contract that fails
 * `failures` times within `window` blocks, for `quarantine` blocks. It only ever sees
 * committed blocks, so it is a deterministic function of the chain.
 */
/**
 * One contract's breaker state, as plain data: what a node stores with each block and hands
 * back after a restart, so quarantines survive it (and replay sees the same decisions).
 */
export interface CircuitBreakerRecord {
  readonly environment: EnvironmentId
  readonly contract: Address
  /** Heights of its failures still inside the window. */
  readonly heights: readonly bigint[]
  readonly total: number
  /** Last quarantined height, while quarantined. */
  readonly until?: bigint
  /** Why, when governance quarantined it rather than the breaker. */
  readonly reason?: string
}

export function createCircuitBreaker(settings: CircuitBreakerSettings) {
  const records = new Map<string, ContractRecord>()
  const keyOf = (environment: EnvironmentId, contract: Address) => `${environment}\u0000${contract.toLowerCase()}`
  return {
    /** Applies block `height`'s failures; returns the quarantines it started and ended. */
    commit(height: bigint, failures: readonly ContractFailure[]): RouterEvent[] {
      const events: RouterEvent[] = []
      for (const [key, record] of records) {
        if (record.until !== undefined && height > record.until) {
          const [environment, contract] = key.split('\u0000') as [EnvironmentId, Address]
          delete record.until
          delete record.reason
          events.push({ kind: 'released', environment, contract, height })
        }
      }
      const oldest = height - BigInt(settings.window) + 1n
      for (const failure of failures) {
        const key = keyOf(failure.environment, failure.contract)
        let record = records.get(key)
        if (record === undefined) records.set(key, (record = { heights: [], total: 0 }))
        record.heights.push(height)
        record.total++
      }
      for (const [key, record] of records) {
        record.heights = record.heights.filter((failed) => failed >= oldest)
        if (record.until === undefined && record.heights.length >= settings.failures) {
          const [environment, contract] = key.split('\u0000') as [EnvironmentId, Address]
          record.until = height + BigInt(settings.quarantine)
          const reason = `contract ${contract} in environment "${environment}" is quarantined until block ${record.until}: ${record.heights.length} trapped or out-of-gas calls within ${settings.window} blocks (limit ${settings.failures})`
          record.heights = []
          events.push({ kind: 'quarantined', environment, contract, height, until: record.until, reason })
        }
      }
      return events
    },
    /** Quarantines a contract up to and including block `until` (governance), with `reason`. */
    impose(environment: EnvironmentId, contract: Address, until: bigint, reason: string): void {
      const key = keyOf(environment, contract)
      const record = records.get(key) ?? { heights: [], total: 0 }
      record.until = until
      record.reason = reason
      records.set(key, record)
    },
    /** Ends a contract's quarantine now (governance). */
    lift(environment: EnvironmentId, contract: Address): void {
      const record = records.get(keyOf(environment, contract))
      if (record === undefined) return
      delete record.until
      delete record.reason
    },
    /** Every record, in key order. */
    snapshot(): CircuitBreakerRecord[] {
      return [...records]
        .sort(([left], [right]) => (left < right ? -1 : 1))
        .map(([key, record]) => {
          const [environment, contract] = key.split('\u0000') as [EnvironmentId, Address]
          return {
            environment,
            contract,
            heights: [...record.heights],
            total: record.total,
            ...(record.until === undefined ? {} : { until: record.until }),
            ...(record.reason === undefined ? {} : { reason: record.reason }),
          }
        })
    },
    /** Replaces every record with `snapshot`'s. */
    restore(snapshot: readonly CircuitBreakerRecord[]): void {
      records.clear()
      for (const record of snapshot) {
        records.set(keyOf(record.environment, record.contract), {
          heights: [...record.heights],
          total: record.total,
          ...(record.until === undefined ? {} : { until: record.until }),
          ...(record.reason === undefined ? {} : { reason: record.reason }),
        })
      }
    },
    /** Contracts of `environment` quarantined at block `height`, with the reason their callers get. */
    quarantined(environment: EnvironmentId, height: bigint): Record<string, string> {
      const result: Record<string, string> = {}
      for (const [key, record] of records) {
        const [recordEnvironment, contract] = key.split('\u0000') as [EnvironmentId, Address]
        if (recordEnvironment === environment && record.until !== undefined && height <= record.until) {
          result[contract] =
            record.reason === undefined
              ? `contract ${contract} is quarantined in environment "${environment}" until block ${record.until} after repeated traps or out-of-gas`
              : `contract ${contract} is quarantined in environment "${environment}" until block ${record.until} by governance: ${record.reason}`
        }
      }
      return result
    },
    telemetry(height: bigint): ContractTelemetry[] {
      return [...records]
        .map(([key, record]) => {
          const [environment, contract] = key.split('\u0000') as [EnvironmentId, Address]
          const entry: { -readonly [K in keyof ContractTelemetry]: ContractTelemetry[K] } = {
            environment,
            contract,
            recentFailures: record.heights.filter((failed) => failed > height - BigInt(settings.window)).length,
            totalFailures: record.total,
          }
          if (record.until !== undefined && record.until > height) entry.quarantinedUntil = record.until
          return entry as ContractTelemetry
        })
        .sort((a, b) => (a.environment + a.contract < b.environment + b.contract ? -1 : 1))
    },
  }
}

export type CircuitBreaker = ReturnType<typeof createCircuitBreaker>
