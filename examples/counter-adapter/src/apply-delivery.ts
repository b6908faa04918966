import { bytesToHex, type Address, type DeliveryResult, type EnvironmentCapabilities, type InboundDelivery, type OutboundMessage } from '@bulkhead/core'
import { GAS } from './gas-schedule.js'
import { GasMeter } from './gas-meter.js'
import { runOperation } from './run-operation.js'
import { decodeInboundCall } from './inbound-call.js'
import { stateKeys } from './state-keys.js'
import { Overlay } from './state-view.js'

export interface DeliveryContext {
  readonly self: string
  readonly denom: string
  readonly capabilities: EnvironmentCapabilities
  readonly maxMessages: number
  /** Gas left in the block; an inbound call may not spend more. */
  readonly gasLeft: bigint
}

const empty = new Uint8Array(0)
const ADDRESS = /^0x[0-9a-f]{40}$/

/** A refusal: the delivery itself is invalid, nothing changes, no acknowledgement. */
function rejected(reason: string): DeliveryResult {
  return { status: 'rejected', reason, gasUsed: 0n, events: [] }
}

/**
 * Applies one inbound delivery to `block` (the block's overlay). Invalid deliveries are
 * refused with `rejected` before any write; a valid message whose body fails (an unknown
 * denom, a reverting call) is applied as a failure acknowledgement, so the source refunds.
 */
export async function applyDelivery(
  delivery: InboundDelivery,
  block: Overlay,
  context: DeliveryContext,
): Promise<{ readonly result: DeliveryResult; readonly messages: readonly OutboundMessage[] }> {
  const none = { messages: [] }
  const { message } = delivery
  if (delivery.kind !== 'message') {
    // Acknowledgements and timeouts answer messages this environment sent.
    if (message.source !== context.self) return { result: rejected(`${delivery.kind} for a message sent by ${message.source}, not ${context.self}`), ...none }
    const settled = stateKeys.settled(message.destination, message.sequence)
    if ((await block.get(settled)) !== undefined) return { result: rejected(`message ${message.destination}#${message.sequence} is already settled`), ...none }
    block.set(settled, '1')
    const refund = delivery.kind === 'timeout' || !delivery.acknowledgement.success
    const refunded = refund && message.body.kind === 'asset_transfer' ? message.body.amount : 0n
    if (refunded > 0n && message.body.kind === 'asset_transfer') {
      // Refunds never fail: the amount left supply at send, so minting it back is always possible.
      await credit(block, message.body.sender, refunded, context.denom)
    }
    return { result: { status: 'ok', gasUsed: 0n, refunded, events: [] }, ...none }
  }

  if (message.destination !== context.self) return { result: rejected(`message is for ${message.destination}, this is ${context.self}`), ...none }
  const kind = (message.body as { kind?: unknown }).kind
  if (kind !== 'asset_transfer' && kind !== 'contract_call' && kind !== 'state_sync') {
    return { result: rejected(`unknown message body kind ${JSON.stringify(kind)}`), ...none }
  }
  if (!context.capabilities.receives.includes(kind)) return { result: rejected(`${context.self} does not receive ${kind}`), ...none }
  const channel = stateKeys.inboundSequence(message.source)
  const expected = (await block.getBigInt(channel)) + 1n
  if (message.sequence !== expected) return { result: rejected(`sequence ${message.sequence} from ${message.source}, expected ${expected} (no replay, no gaps)`), ...none }
  block.setBigInt(channel, expected)

  const failed = (status: 'reverted' | 'out_of_gas' | 'trapped', reason: string, gasUsed = 0n): DeliveryResult => ({
    status,
    reason,
    gasUsed,
    acknowledgement: { kind: 'acknowledgement', success: false, result: empty, error: reason },
    events: [],
  })
  const succeeded = (result: Uint8Array, gasUsed = 0n): DeliveryResult => ({
    status: 'ok',
    gasUsed,
    acknowledgement: { kind: 'acknowledgement', success: true, result, error: '' },
    events: [],
  })

  const { body } = message
  switch (body.kind) {
    case 'asset_transfer': {
      if (body.denom !== context.denom) return { result: failed('reverted', `unknown denom ${body.denom}`), ...none }
      // Addresses of other environments may be checksummed; state keys are lower-case.
      const receiver = body.receiver.toLowerCase() as Address
      if (!ADDRESS.test(receiver)) return { result: failed('reverted', `receiver ${body.receiver} is not a 20-byte address`), ...none }
      await credit(block, receiver, body.amount, context.denom)
      return { result: succeeded(empty), ...none }
    }
    case 'state_sync': {
      const key = stateKeys.mirror(message.source, body.publisher.toLowerCase(), bytesToHex(body.key))
      const current = await block.get(key)
      // A mirror keeps the highest version; an older one is acknowledged and ignored.
      if (current === undefined || BigInt(current.split(':')[0] as string) < body.version) block.set(key, `${body.version}:${bytesToHex(body.value)}`)
      return { result: succeeded(empty), ...none }
    }
    case 'contract_call': {
      const operation = decodeInboundCall(body.data, body.contract.toLowerCase() as Address)
      if (operation === undefined) return { result: failed('reverted', 'call data is not a counter call'), ...none }
      const limit = body.gasLimit < context.gasLeft ? body.gasLimit : context.gasLeft
      const meter = new GasMeter(limit)
      const call = new Overlay(block)
      try {
        meter.charge(GAS.inboundCall)
      } catch {
        return { result: failed('out_of_gas', 'out of gas', meter.used), ...none }
      }
      const outcome = await runOperation(operation, call, meter, {
        caller: body.sender as Address,
        nonce: 0n,
        self: context.self,
        denom: context.denom,
        maxMessages: context.maxMessages,
      })
      if (outcome.status !== 'ok') return { result: failed(outcome.status, outcome.reason ?? outcome.status, meter.used), ...none }
      call.mergeInto(block)
      return { result: succeeded(outcome.returnData, meter.used), ...none }
    }
  }
}

async function credit(block: Overlay, account: Address, amount: bigint, denom: string): Promise<void> {
  block.setBigInt(stateKeys.balance(account), (await block.getBigInt(stateKeys.balance(account))) + amount)
  block.setBigInt(stateKeys.supply(denom), (await block.getBigInt(stateKeys.supply(denom))) + amount)
}
