import type { BlockProducer } from '../../devnet/block-producer.js'
import type { DevnetClock } from '../../devnet/devnet-clock.js'
import type { BulkheadNode } from '../../node/create-node.js'
import { JsonRpcError, RPC_ERROR } from '../json-rpc-error.js'
import { defineMethod, type RpcMethods } from '../rpc-method.js'
import { atMost, quantity, toQuantity } from '../rpc-params.js'

export interface EvmNamespaceContext {
  readonly node: BulkheadNode
  readonly producer: BlockProducer
  readonly clock: DevnetClock
}

/**
 * The `evm_` test methods Hardhat and Anvil users script against: snapshots are block heights;
 * reverting to one removes every later block (and the snapshots taken after it).
 */
export function createEvmNamespace(context: EvmNamespaceContext): RpcMethods {
  const snapshots = new Map<bigint, bigint>()
  let nextSnapshot = 1n
  const optionalQuantity = (raw: readonly unknown[], index: number) => (raw[index] === undefined ? undefined : quantity(raw, index))
  return {
    evm_snapshot: defineMethod({
      params: (raw) => atMost(raw, 0),
      handler: () =>
        context.producer.exclusive(async () => {
          const id = nextSnapshot++
          snapshots.set(id, context.node.head().height)
          return toQuantity(id)
        }),
    }),
    evm_revert: defineMethod({
      params: (raw) => {
        atMost(raw, 1)
        return quantity(raw, 0)
      },
      handler: (id) =>
        context.producer.exclusive(async () => {
          const height = snapshots.get(id)
          if (height === undefined) return false
          await context.node.revertTo(height)
          // Like Hardhat: a snapshot is used up by reverting to it, and later ones go with it.
          for (const key of [...snapshots.keys()]) if (key >= id) snapshots.delete(key)
          return true
        }),
    }),
    evm_mine: defineMethod({
      params: (raw) => {
        atMost(raw, 1)
        return optionalQuantity(raw, 0)
      },
      handler: async (timestamp) => {
        await context.producer.mine(timestamp === undefined ? {} : { timestamp })
        return '0x0'
      },
    }),
    evm_increaseTime: defineMethod({
      params: (raw) => {
        atMost(raw, 1)
        const value = raw[0]
        if (typeof value === 'number' && Number.isSafeInteger(value) && value >= 0) return BigInt(value)
        return quantity(raw, 0)
      },
      handler: (seconds) => toQuantity(context.clock.increase(seconds)),
    }),
    evm_setNextBlockTimestamp: defineMethod({
      params: (raw) => {
        atMost(raw, 1)
        const value = raw[0]
        if (typeof value === 'number' && Number.isSafeInteger(value) && value >= 0) return BigInt(value)
        return quantity(raw, 0)
      },
      handler: (timestamp) => {
        const parent = context.node.head().header?.timestamp ?? 0n
        if (timestamp < parent) {
          throw new JsonRpcError(RPC_ERROR.invalidParams, `Timestamp ${timestamp} is before the latest block's (${parent})`)
        }
        context.clock.setNext(timestamp)
        return null
      },
    }),
  }
}
