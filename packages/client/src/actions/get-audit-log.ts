import type { Client } from 'viem'
import { bulkheadRequest } from '../bulkhead-request.js'
import { toQuantity } from '../from-json.js'
import type { BulkheadAuditEntry } from '../types/bulkhead-audit-entry.js'

export interface GetAuditLogParameters {
  readonly fromHeight?: bigint
  readonly kind?: BulkheadAuditEntry['kind']
  /** At most this many (1 to 1,000); default 100. */
  readonly limit?: number
}

/** `bulkhead_getAuditLog`: message transitions, governance actions and router events, oldest first. */
export async function getAuditLog(client: Client, parameters: GetAuditLogParameters = {}): Promise<readonly BulkheadAuditEntry[]> {
  const { fromHeight, ...rest } = parameters
  const entries = await bulkheadRequest<readonly (Record<string, unknown> & { height: string; sequence?: string })[]>(client, 'bulkhead_getAuditLog', [
    { ...rest, ...(fromHeight === undefined ? {} : { fromHeight: toQuantity(fromHeight) }) },
  ])
  return entries.map(
    (entry) =>
      ({
        ...entry,
        height: BigInt(entry.height),
        ...(entry.sequence === undefined ? {} : { sequence: BigInt(entry.sequence) }),
      }) as unknown as BulkheadAuditEntry,
  )
}
