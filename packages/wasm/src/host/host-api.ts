import {
  bytesToBigInt,
  bytesToHex,
  hexToBytes,
  isEnvironmentId,
  uint256ToBytes,
  type Address,
  type BlockContext,
  type EnvironmentEvent,
  type EnvironmentId,
  type Hash,
  type OutboundMessage,
} from '@bulkhead/core'
import { ExecutionHalt } from '../execution/execution-halt.js'
import type { HostLimits } from '../execution/host-limits.js'
import type { GasSchedule } from '../metering/gas-schedule.js'
import type { Ledger } from '../state/ledger.js'
import { stateKeys } from '../state/state-keys.js'

/** Everything a host function may see or change during one execution. */
export interface HostContext {
  readonly ledger: Ledger
  readonly environment: EnvironmentId
  readonly denom: string
  readonly block: BlockContext
  readonly self: Address
  /** 20 bytes: the transaction sender, or the remote sender of a ContractCall. */
  readonly caller: Address
  readonly value: bigint
  readonly input: Uint8Array
  readonly transactionHash: Hash
  readonly schedule: GasSchedule
  readonly limits: HostLimits
  /** Messages this transaction may still send. */
  readonly messageBudget: number
}

/** What a finished execution produced; kept only if it succeeded. */
export interface HostEffects {
  returnData: Uint8Array
  readonly events: EnvironmentEvent[]
  readonly messages: OutboundMessage[]
}

/** How host functions reach the running instance. */
export interface HostRuntime {
  memory(): Uint8Array
  charge(amount: bigint): void
  gasLeft(): bigint
}

const decoder = new TextDecoder()
const NOT_FOUND = -1

/**
 * The `env` module: the host API. Every pointer/length pair is checked against the
 * instance's memory before use; sizes are checked against {@link HostLimits}; gas is charged
 * before any work. A fault is a deterministic trap of the contract, never a host error.
 *
 * Status codes of functions that return one: 0 ok, 1 insufficient funds, 2 message refused
 * (limit or unknown destination).
 */
export function createHostFunctions(context: HostContext, effects: HostEffects, runtime: HostRuntime) {
  const { schedule, limits, ledger } = context
  const state = ledger.state

  const range = (pointer: number, length: number, what: string): [number, number] => {
    const start = pointer >>> 0
    const size = length >>> 0
    if (start + size > runtime.memory().length) throw new ExecutionHalt('trapped', `host: ${what} out of bounds (${start}+${size})`)
    return [start, size]
  }
  const read = (pointer: number, length: number, what: string, max: number): Uint8Array => {
    if (length >>> 0 > max) throw new ExecutionHalt('trapped', `host: ${what} is ${length >>> 0} bytes; the limit is ${max}`)
    const [start, size] = range(pointer, length, what)
    runtime.charge(BigInt(size) * schedule.hostByte)
    return runtime.memory().slice(start, start + size)
  }
  const write = (pointer: number, bytes: Uint8Array, what: string): void => {
    const [start] = range(pointer, bytes.length, what)
    runtime.charge(BigInt(bytes.length) * schedule.hostByte)
    runtime.memory().set(bytes, start)
  }
  const address = (pointer: number, what: string): Address => bytesToHex(read(pointer, 20, what, 20))
  const amount = (pointer: number): bigint => bytesToBigInt(read(pointer, 32, 'amount', 32))
  const destination = (pointer: number, length: number): EnvironmentId | undefined => {
    const id = decoder.decode(read(pointer, length, 'destination', 32))
    return isEnvironmentId(id) && id !== context.environment ? id : undefined
  }
  const call = (extra = 0n) => runtime.charge(schedule.hostCall + extra)
  const send = (destinationId: EnvironmentId, body: OutboundMessage['body']) => {
    effects.messages.push({ destination: destinationId, timeoutHeight: 0n, originTransaction: context.transactionHash, body })
  }
  const messageRoom = () => effects.messages.length < context.messageBudget

  return {
    input_size: () => {
      call()
      return context.input.length
    },
    input_read: (pointer: number) => {
      call()
      write(pointer, context.input, 'input buffer')
    },
    return_data: (pointer: number, length: number) => {
      call()
      effects.returnData = read(pointer, length, 'return data', limits.maxDataBytes)
    },
    storage_get: (keyPointer: number, keyLength: number, outPointer: number, outCapacity: number) => {
      call()
      const key = read(keyPointer, keyLength, 'storage key', limits.maxKeyBytes)
      const value = state.get(stateKeys.storage(context.self, key))
      if (value === undefined) return NOT_FOUND
      runtime.charge(BigInt(key.length + value.length) * schedule.storageReadByte)
      const [start, capacity] = range(outPointer, outCapacity, 'storage output buffer')
      runtime.memory().set(value.subarray(0, capacity), start)
      return value.length
    },
    storage_set: (keyPointer: number, keyLength: number, valuePointer: number, valueLength: number) => {
      call(schedule.storageWrite)
      const key = read(keyPointer, keyLength, 'storage key', limits.maxKeyBytes)
      const value = read(valuePointer, valueLength, 'storage value', limits.maxValueBytes)
      runtime.charge(BigInt(key.length + value.length) * schedule.storageWriteByte)
      // An empty value is a removal: the trie cannot hold one.
      state.set(stateKeys.storage(context.self, key), value)
    },
    storage_remove: (keyPointer: number, keyLength: number) => {
      call(schedule.storageWrite)
      const key = read(keyPointer, keyLength, 'storage key', limits.maxKeyBytes)
      runtime.charge(BigInt(key.length) * schedule.storageWriteByte)
      state.delete(stateKeys.storage(context.self, key))
    },
    caller: (pointer: number) => {
      call()
      write(pointer, hexToBytes(context.caller), 'caller buffer')
    },
    self_address: (pointer: number) => {
      call()
      write(pointer, hexToBytes(context.self), 'address buffer')
    },
    value: (pointer: number) => {
      call()
      write(pointer, uint256ToBytes(context.value), 'value buffer')
    },
    block_height: () => {
      call()
      return context.block.height
    },
    block_timestamp: () => {
      call()
      return context.block.timestamp
    },
    gas_left: () => {
      call()
      return runtime.gasLeft()
    },
    balance: (addressPointer: number, outPointer: number) => {
      call()
      write(outPointer, uint256ToBytes(ledger.balance(address(addressPointer, 'address'), context.denom)), 'balance buffer')
    },
    transfer: (addressPointer: number, amountPointer: number) => {
      call(schedule.storageWrite)
      const to = address(addressPointer, 'address')
      return ledger.transfer(context.self, to, context.denom, amount(amountPointer)) ? 0 : 1
    },
    emit_event: (topicsPointer: number, topicCount: number, dataPointer: number, dataLength: number) => {
      call(schedule.event)
      if (topicCount >>> 0 > 4) throw new ExecutionHalt('trapped', `host: an event has at most 4 topics, got ${topicCount >>> 0}`)
      if (effects.events.length >= limits.maxEvents) throw new ExecutionHalt('trapped', `host: more than ${limits.maxEvents} events`)
      const topicBytes = read(topicsPointer, (topicCount >>> 0) * 32, 'event topics', 128)
      const topics: Hash[] = []
      for (let index = 0; index < topicCount >>> 0; index++) topics.push(bytesToHex(topicBytes.subarray(index * 32, index * 32 + 32)))
      effects.events.push({ address: context.self, topics, data: read(dataPointer, dataLength, 'event data', limits.maxDataBytes) })
    },
    send_asset: (destinationPointer: number, destinationLength: number, receiverPointer: number, receiverLength: number, amountPointer: number) => {
      call(schedule.message)
      const target = destination(destinationPointer, destinationLength)
      const receiver = bytesToHex(read(receiverPointer, receiverLength, 'receiver', 64))
      const value = amount(amountPointer)
      if (target === undefined || value === 0n || !messageRoom()) return 2
      // Escrowed at send: the value leaves this environment's supply now and comes back only as a refund.
      if (!ledger.burn(context.self, context.denom, value)) return 1
      send(target, { kind: 'asset_transfer', denom: context.denom, amount: value, sender: context.self, receiver, memo: '' })
      return 0
    },
    send_call: (
      destinationPointer: number,
      destinationLength: number,
      contractPointer: number,
      contractLength: number,
      dataPointer: number,
      dataLength: number,
      gasLimit: bigint,
    ) => {
      call(schedule.message)
      const target = destination(destinationPointer, destinationLength)
      const contract = bytesToHex(read(contractPointer, contractLength, 'contract', 64))
      const data = read(dataPointer, dataLength, 'call data', limits.maxDataBytes)
      if (target === undefined || gasLimit <= 0n || !messageRoom()) return 2
      send(target, { kind: 'contract_call', sender: context.self, contract, data, gasLimit: BigInt.asUintN(64, gasLimit) })
      return 0
    },
    publish_state: (destinationPointer: number, destinationLength: number, keyPointer: number, keyLength: number, valuePointer: number, valueLength: number) => {
      call(schedule.message + schedule.storageWrite)
      const target = destination(destinationPointer, destinationLength)
      const key = read(keyPointer, keyLength, 'state key', limits.maxKeyBytes)
      const value = read(valuePointer, valueLength, 'state value', limits.maxValueBytes)
      if (target === undefined || !messageRoom()) return 2
      const versionKey = stateKeys.published(context.self, key)
      const previous = state.get(versionKey)
      const version = (previous === undefined ? 0n : bytesToBigInt(previous)) + 1n
      state.set(versionKey, uint256ToBytes(version))
      send(target, { kind: 'state_sync', publisher: context.self, key, value, version })
      return 0
    },
    mirror_read: (
      sourcePointer: number,
      sourceLength: number,
      publisherPointer: number,
      publisherLength: number,
      keyPointer: number,
      keyLength: number,
      outPointer: number,
      outCapacity: number,
    ) => {
      call()
      const source = decoder.decode(read(sourcePointer, sourceLength, 'source', 32))
      const publisher = read(publisherPointer, publisherLength, 'publisher', 64)
      const key = read(keyPointer, keyLength, 'mirror key', limits.maxKeyBytes)
      const record = state.get(stateKeys.mirror(source, publisher, key))
      if (record === undefined) return NOT_FOUND
      const value = record.subarray(32)
      runtime.charge(BigInt(value.length) * schedule.storageReadByte)
      const [start, capacity] = range(outPointer, outCapacity, 'mirror output buffer')
      runtime.memory().set(value.subarray(0, capacity), start)
      return value.length
    },
    abort: (pointer: number, length: number) => {
      call()
      const data = read(pointer, length, 'abort reason', limits.maxDataBytes)
      throw new ExecutionHalt('reverted', decoder.decode(data.subarray(0, 256)), data)
    },
  }
}
