import {
  type Acknowledgement,
  type DeliveryResult,
  type Hash,
  type InboundDelivery,
  type OutboundMessage,
  type OutcomeStatus,
  type ResourceLimits,
  hexToBytes,
  keccak256,
  keccak256Hex,
} from '@bulkhead/core'
import type { Block } from '@ethereumjs/block'
import type { EVM } from '@ethereumjs/evm'
import type { MerkleStateManager } from '@ethereumjs/statemanager'
import { Account, type Address as EngineAddress, createAddressFromString } from '@ethereumjs/util'
import { isAddress } from '../encoding/is-address.js'
import { outcomeStatusOf } from '../execution/outcome-status.js'
import { runSystemCall } from '../execution/system-call.js'
import { reasonOf, toEvent } from '../execution/transaction-rules.js'
import { encodeAbi, utf8 } from './abi-codec.js'
import { SYSTEM_ADDRESS, XENV_ADDRESS } from './xenv-address.js'
import { settlePending } from './pending-transfers.js'
import { type EngineLog, messagesFromLogs } from './xenv-messages.js'

/** What a delivery may touch: the environment's engine and identity. */
export interface DeliveryTarget {
  readonly id: string
  readonly denom: string
  readonly limits: ResourceLimits
  readonly evm: EVM
  readonly stateManager: MerkleStateManager
}

/** The open block a delivery is applied in. */
export interface DeliveryBlock {
  readonly gasLimit: bigint
  gasUsed: bigint
  readonly block: Block
  readonly messages: OutboundMessage[]
  /** Value minted by deliveries (inbound transfers, refunds): supply grows by it. */
  minted: bigint
}

const XENV = createAddressFromString(XENV_ADDRESS)
const SYSTEM = createAddressFromString(SYSTEM_ADDRESS)
/** Gas the environment gives itself to write a mirror entry (a 16 KiB value takes ~11.5M). */
const MIRROR_WRITE_GAS = 15_000_000n
const WRITE_MIRROR_SELECTOR = hexToBytes(`0x${keccak256Hex(utf8('writeMirror(string,bytes,bytes,bytes,uint64)')).slice(2, 10)}`)

async function mint(target: DeliveryTarget, address: EngineAddress, amount: bigint): Promise<void> {
  const account = (await target.stateManager.getAccount(address)) ?? new Account()
  account.balance += amount
  await target.stateManager.putAccount(address, account)
}

function deliveryOrigin(message: { source: string; destination: string; sequence: bigint }): Hash {
  // Until @bulkhead/proto gives messages a canonical hash: a hash of the channel position,
  // which is unique per message.
  return keccak256Hex(utf8(`${message.source}/${message.destination}/${message.sequence}`))
}

const INBOUND_SOURCE_SLOT = keccak256(utf8('bulkhead.xenv.inbound.source'))
const INBOUND_SENDER_SLOT = keccak256(utf8('bulkhead.xenv.inbound.sender'))

/** The storage slot `base + offset` (slots are 256-bit big-endian numbers). */
function slotAt(base: Uint8Array, offset: number): Uint8Array {
  const slot = base.slice()
  let carry = offset
  for (let index = 31; index >= 0 && carry > 0; index--) {
    const sum = (slot[index] as number) + carry
    slot[index] = sum & 0xff
    carry = sum >> 8
  }
  return slot
}

/** A left-aligned 32-byte word of `bytes[start, start + 32)`. */
function wordOf(bytes: Uint8Array, start: number): Uint8Array {
  const word = new Uint8Array(32)
  word.set(bytes.subarray(start, start + 32))
  return word
}

/** XEnv's inbound-context slots (see contracts/XEnv.sol); empty inputs clear them. */
async function writeInboundContext(target: DeliveryTarget, source: Uint8Array, sender: Uint8Array): Promise<void> {
  const length = new Uint8Array(32)
  length[31] = sender.length
  await target.stateManager.putStorage(XENV, INBOUND_SOURCE_SLOT, wordOf(source, 0))
  await target.stateManager.putStorage(XENV, INBOUND_SENDER_SLOT, length)
  await target.stateManager.putStorage(XENV, slotAt(INBOUND_SENDER_SLOT, 1), wordOf(sender, 0))
  await target.stateManager.putStorage(XENV, slotAt(INBOUND_SENDER_SLOT, 2), wordOf(sender, 32))
}

/** A message body that could not be applied: nothing changed, the source learns why. */
function failed(status: OutcomeStatus, reason: string, gasUsed = 0n): DeliveryResult {
  const acknowledgement: Acknowledgement = { kind: 'acknowledgement', success: false, result: new Uint8Array(0), error: reason }
  return { status, reason, gasUsed, events: [], acknowledgement }
}

function succeeded(result: Uint8Array, gasUsed: bigint, events: DeliveryResult['events']): DeliveryResult {
  return { status: 'ok', gasUsed, events, acknowledgement: { kind: 'acknowledgement', success: true, result, error: '' } }
}

/**
 * Applies one inbound delivery inside the open block. Failures of the body are results with an
 * error acknowledgement; `rejected` means the delivery itself was not for us and nothing changed.
 */
export async function applyDelivery(target: DeliveryTarget, block: DeliveryBlock, delivery: InboundDelivery): Promise<DeliveryResult> {
  const { id, denom, limits } = target
  const rejected = (reason: string): DeliveryResult => ({ status: 'rejected', reason, gasUsed: 0n, events: [] })
  if (delivery.kind === 'message') {
    const { message } = delivery
    if (message.destination !== id) {
      return rejected(`message for environment "${message.destination}" delivered to "${id}"`)
    }
    const body = message.body
    switch (body.kind) {
      case 'asset_transfer': {
        if (body.denom !== denom) {
          return failed('reverted', `unknown denom "${body.denom}"; this environment holds "${denom}"`)
        }
        if (!isAddress(body.receiver)) {
          return failed('reverted', `receiver must be a 20-byte address; got ${(body.receiver.length - 2) / 2} bytes`)
        }
        if (body.amount <= 0n) {
          return failed('reverted', 'amount must be positive')
        }
        await mint(target, createAddressFromString(body.receiver), body.amount)
        block.minted += body.amount
        return succeeded(new Uint8Array(0), 0n, [])
      }
      case 'contract_call': {
        if (!isAddress(body.contract)) {
          return failed('reverted', `contract must be a 20-byte address; got ${(body.contract.length - 2) / 2} bytes`)
        }
        const left = block.gasLimit - block.gasUsed
        if (body.gasLimit > left || body.gasLimit > limits.transactionGasLimit) {
          return failed(
            'rejected',
            `call gas limit ${body.gasLimit} is above what is left for this environment in the block (${left}) or the transaction gas limit`,
          )
        }
        const sender = hexToBytes(body.sender)
        if (sender.length > 64) return failed('reverted', `sender must be at most 64 bytes; got ${sender.length}`)
        // IXEnv.inboundContext() reads these during the call; cleared right after, so they
        // never reach a state root.
        await writeInboundContext(target, utf8(message.source), sender)
        const result = await runSystemCall(target.evm, {
          caller: XENV,
          to: createAddressFromString(body.contract),
          data: body.data,
          gasLimit: body.gasLimit,
          block: block.block,
        }).finally(() => writeInboundContext(target, new Uint8Array(0), new Uint8Array(0)))
        const gasUsed = result.execResult.executionGasUsed
        block.gasUsed += gasUsed
        const error = result.execResult.exceptionError?.error
        const status = outcomeStatusOf(error)
        if (status !== 'ok') return failed(status, reasonOf(error, result.execResult.returnValue), gasUsed)
        const logs = (result.execResult.logs ?? []) as EngineLog[]
        block.messages.push(...messagesFromLogs(logs, { denom, origin: deliveryOrigin(message) }))
        return succeeded(result.execResult.returnValue, gasUsed, logs.map(toEvent))
      }
      case 'state_sync': {
        const data = new Uint8Array([
          ...WRITE_MIRROR_SELECTOR,
          ...encodeAbi([
            { type: 'bytes', value: utf8(message.source) },
            { type: 'bytes', value: hexToBytes(body.publisher) },
            { type: 'bytes', value: body.key },
            { type: 'bytes', value: body.value },
            { type: 'uint', value: body.version },
          ]),
        ])
        const result = await runSystemCall(target.evm, { caller: SYSTEM, to: XENV, data, gasLimit: MIRROR_WRITE_GAS, block: block.block })
        const error = result.execResult.exceptionError?.error
        // Mirror writes are the environment's own work: not metered against the block.
        if (error !== undefined) return failed(outcomeStatusOf(error), reasonOf(error, result.execResult.returnValue))
        return succeeded(new Uint8Array(0), 0n, [])
      }
      default:
        return rejected(`unknown message body kind "${(body as { kind?: unknown }).kind}"`)
    }
  }
  if (delivery.kind === 'acknowledgement' || delivery.kind === 'timeout') {
    const { message } = delivery
    if (message.source !== id) {
      return rejected(`${delivery.kind} for a message sent by "${message.source}" delivered to "${id}"`)
    }
    const body = message.body
    if (body.kind !== 'asset_transfer') return { status: 'ok', gasUsed: 0n, events: [], refunded: 0n }
    // Exactly once: only a transfer this environment sent and has not settled yet.
    if (!(await settlePending(target.stateManager, { ...message, body }))) {
      return rejected(`no unsettled transfer matches this ${delivery.kind}: never sent by "${id}" or already settled`)
    }
    const refund = delivery.kind === 'timeout' || !delivery.acknowledgement.success
    if (!refund) return { status: 'ok', gasUsed: 0n, events: [], refunded: 0n }
    await mint(target, createAddressFromString(body.sender), body.amount)
    block.minted += body.amount
    return { status: 'ok', gasUsed: 0n, events: [], refunded: body.amount }
  }
  return rejected(`unknown delivery kind "${(delivery as { kind?: unknown }).kind}"`)
}

