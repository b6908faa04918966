import type { RpcConnection } from '../rpc-method.js'
import type { LogFilterParams } from './parse-log-filter.js'

/** What an installed filter or subscription watches. */
export type Watch = { readonly kind: 'blocks' } | { readonly kind: 'logs'; readonly filter: LogFilterParams }

interface Filter {
  readonly watch: Watch
  /** The last height whose changes were returned. */
  lastHeight: bigint
  lastPolled: number
}

interface Subscription {
  readonly watch: Watch
  readonly connection: RpcConnection
}

/** Filters are dropped after this long without a poll (geth's default). */
const FILTER_TIMEOUT_MS = 5 * 60_000

/**
 * Installed filters (polled with eth_getFilterChanges) and WebSocket subscriptions
 * (pushed on each block), keyed by hex ids.
 */
export function createLogWatchers() {
  const filters = new Map<string, Filter>()
  const subscriptions = new Map<string, Subscription>()
  let next = 1n
  const newId = () => `0x${(next++).toString(16)}`
  const expire = () => {
    const now = Date.now()
    for (const [id, filter] of filters) if (now - filter.lastPolled > FILTER_TIMEOUT_MS) filters.delete(id)
  }
  return {
    install(watch: Watch, head: bigint): string {
      expire()
      const id = newId()
      filters.set(id, { watch, lastHeight: head, lastPolled: Date.now() })
      return id
    },
    /** The filter, marked as polled; undefined when unknown or expired. */
    poll(id: string): Filter | undefined {
      expire()
      const filter = filters.get(id)
      if (filter !== undefined) filter.lastPolled = Date.now()
      return filter
    },
    uninstall(id: string): boolean {
      return filters.delete(id) || subscriptions.delete(id)
    },
    subscribe(watch: Watch, connection: RpcConnection): string {
      const id = newId()
      subscriptions.set(id, { watch, connection })
      connection.onClose(() => subscriptions.delete(id))
      return id
    },
    subscriptions(): [string, Subscription][] {
      return [...subscriptions]
    },
  }
}
