import type { EnvironmentId } from '@bulkhead/core'

/** A channel is the ordered pair (source, destination); environment ids contain no `/`. */
export function channelKey(source: EnvironmentId, destination: EnvironmentId): string {
  return `${source}/${destination}`
}

/** Identity of a message: its channel and sequence. */
export function messageKey(source: EnvironmentId, destination: EnvironmentId, sequence: bigint): string {
  return `${source}/${destination}/${sequence}`
}

/** Canonical order of messages: by source, destination, then sequence. */
export function compareChannelOrder(
  left: { readonly source: string; readonly destination: string; readonly sequence: bigint },
  right: { readonly source: string; readonly destination: string; readonly sequence: bigint },
): number {
  if (left.source !== right.source) return left.source < right.source ? -1 : 1
  if (left.destination !== right.destination) return left.destination < right.destination ? -1 : 1
  return left.sequence < right.sequence ? -1 : left.sequence > right.sequence ? 1 : 0
}
