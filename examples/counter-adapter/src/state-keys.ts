import type { Address } from '@bulkhead/core'

/**
 * The counter VM's whole state is a flat map of string keys to string values. One function per
 * key shape keeps the layout in one place (and the state root depends on it, so changing a key
 * is a consensus change).
 */
export const stateKeys = Object.freeze({
  balance: (account: Address) => `account/${account}/balance`,
  nonce: (account: Address) => `account/${account}/nonce`,
  counter: (contract: Address) => `contract/${contract}/count`,
  /** The last StateSync version a contract published under `count`. */
  published: (contract: Address) => `contract/${contract}/published`,
  /** `<version>:<value hex>` of a mirrored StateSync entry. */
  mirror: (source: string, publisher: string, key: string) => `mirror/${source}/${publisher}/${key}`,
  /** The last inbound sequence applied from `source` (no replay, no gaps). */
  inboundSequence: (source: string) => `channel/${source}/inbound`,
  /** Marks a sent message as settled by an acknowledgement or timeout (exactly once). */
  settled: (destination: string, sequence: bigint) => `channel/${destination}/settled/${sequence}`,
  supply: (denom: string) => `supply/${denom}`,
})
