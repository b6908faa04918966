import { keccak256Hex, type Address, type EnvironmentId, type OutboundBody, type OutcomeStatus } from '@bulkhead/core'
import { encodeMessage } from '@bulkhead/proto'
import type { CounterOperation } from './counter-transaction.js'
import { GAS } from './gas-schedule.js'
import { GasMeter, OutOfGas, Revert, Trap } from './gas-meter.js'
import { stateKeys } from './state-keys.js'
import type { Overlay } from './state-view.js'

/** A message emitted during execution; it exists only if the execution ends `ok`. */
export interface EmittedMessage {
  readonly destination: EnvironmentId
  readonly body: OutboundBody
}

export interface OperationContext {
  /** The calling account (the transaction's sender, or an inbound call's remote sender). */
  readonly caller: Address
  /** The caller's nonce before this transaction, for contract addresses. */
  readonly nonce: bigint
  readonly self: EnvironmentId
  readonly denom: string
  readonly maxMessages: number
}

export interface OperationOutcome {
  readonly status: Extract<OutcomeStatus, 'ok' | 'reverted' | 'out_of_gas' | 'trapped'>
  readonly reason?: string
  readonly returnData: Uint8Array
  readonly contractAddress?: Address
  readonly messages: readonly EmittedMessage[]
}

const encoder = new TextEncoder()
const ZERO_HASH = `0x${'00'.repeat(32)}` as const

/**
 * Runs one operation against `state` (a transaction's own overlay), charging `meter`. On a
 * non-`ok` outcome the caller drops the overlay and the messages: nothing here needs to
 * clean up after itself, which is the point of journaling.
 */
export async function runOperation(operation: CounterOperation, state: Overlay, meter: GasMeter, context: OperationContext): Promise<OperationOutcome> {
  const messages: EmittedMessage[] = []
  const emit = (message: EmittedMessage) => {
    meter.charge(GAS.message)
    if (messages.length >= context.maxMessages) throw new Trap(`more than ${context.maxMessages} messages in one transaction`)
    if (message.destination === context.self) throw new Trap('an environment cannot send a message to itself')
    // A message the wire cannot carry (bad destination id, memo too long, amount over 256
    // bits) would only fail later, at the coordinator, for the whole block. Failing the
    // transaction here keeps it one deterministic trap.
    try {
      encodeMessage({ source: context.self, destination: message.destination, sequence: 1n, timeoutHeight: 0n, originTransaction: ZERO_HASH, body: message.body })
    } catch (error) {
      throw new Trap(`message cannot be sent: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`)
    }
    messages.push(message)
  }
  try {
    const returnData = await apply()
    const contractAddress = operation.type === 'deploy' ? contractAddressOf(context.caller, context.nonce) : undefined
    return { status: 'ok', returnData, messages, ...(contractAddress ? { contractAddress } : {}) }
  } catch (signal) {
    const failed = { returnData: new Uint8Array(0), messages: [] }
    if (signal instanceof OutOfGas) return { status: 'out_of_gas', reason: signal.reason, ...failed }
    if (signal instanceof Revert) return { status: 'reverted', reason: signal.reason, ...failed, returnData: encoder.encode(signal.reason) }
    if (signal instanceof Trap) return { status: 'trapped', reason: signal.reason, ...failed }
    throw signal // a bug or a storage fault: not an outcome
  }

  async function apply(): Promise<Uint8Array> {
    switch (operation.type) {
      case 'deploy': {
        meter.charge(GAS.deploy)
        const contract = contractAddressOf(context.caller, context.nonce)
        // A deployed counter always has a key, even at 0, so `code` and existence checks work.
        state.set(stateKeys.counter(contract), operation.initial.toString())
        return encoder.encode(contract)
      }
      case 'increment':
        return encoder.encode((await add(operation.contract, operation.by)).toString())
      case 'revert':
        await add(operation.contract, 1n)
        throw new Revert('counter: revert requested')
      case 'spin':
        await add(operation.contract, 1n)
        for (let step = 0n; step < operation.steps; step++) meter.charge(GAS.spinStep)
        return new Uint8Array(0)
      case 'send':
      case 'send_then_revert': {
        await escrow(operation.amount)
        emit({
          destination: operation.destination,
          body: { kind: 'asset_transfer', denom: context.denom, amount: operation.amount, sender: context.caller, receiver: operation.receiver, memo: '' },
        })
        if (operation.type === 'send_then_revert') throw new Revert('counter: send then revert')
        return new Uint8Array(0)
      }
      case 'publish': {
        const count = await read(operation.contract)
        const version = (await state.getBigInt(stateKeys.published(operation.contract))) + 1n
        meter.charge(GAS.write)
        state.setBigInt(stateKeys.published(operation.contract), version)
        emit({
          destination: operation.destination,
          body: { kind: 'state_sync', publisher: operation.contract, key: encoder.encode('count'), value: encoder.encode(count.toString()), version },
        })
        return new Uint8Array(0)
      }
      case 'write_mirror':
        // Mirrors belong to their publisher; contracts here may read them, never write.
        throw new Trap('mirrors are read-only')
    }
  }

  async function read(contract: Address): Promise<bigint> {
    const value = await state.get(stateKeys.counter(contract))
    if (value === undefined) throw new Revert(`no counter at ${contract}`)
    return BigInt(value)
  }

  async function add(contract: Address, by: bigint): Promise<bigint> {
    const next = (await read(contract)) + by
    meter.charge(GAS.write)
    state.set(stateKeys.counter(contract), next.toString())
    return next
  }

  /** An asset leaving the environment is burned at send; refunds mint it back. */
  async function escrow(amount: bigint): Promise<void> {
    if (amount === 0n) throw new Revert('cannot send 0')
    const balance = await state.getBigInt(stateKeys.balance(context.caller))
    if (balance < amount) throw new Revert(`insufficient balance: ${balance} < ${amount}`)
    state.setBigInt(stateKeys.balance(context.caller), balance - amount)
    state.setBigInt(stateKeys.supply(context.denom), (await state.getBigInt(stateKeys.supply(context.denom))) - amount)
  }
}

/** The address of the contract `deployer` creates with `nonce`: the last 20 bytes of a hash. */
export function contractAddressOf(deployer: Address, nonce: bigint): Address {
  return `0x${keccak256Hex(encoder.encode(`counter:${deployer}:${nonce}`)).slice(-40)}`
}
