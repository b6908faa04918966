import {
  BlockPhaseError,
  BulkheadError,
  EnvironmentClosedError,
  InvalidArgumentError,
  isEnvironmentId,
  runBlockInSteps,
  type Address,
  type BlockContext,
  type CommittedHead,
  type DeliveryResult,
  type EndBlockResult,
  type EnvironmentCapabilities,
  type ExecutionEnvironment,
  type InboundDelivery,
  type KeyValueStore,
  type OutboundMessage,
  type QueryRequest,
  type QueryResult,
  type Receipt,
  type ResourceLimits,
  type TransactionCheck,
  type TransactionEnvelope,
} from '@bulkhead/core'
import { answerQuery } from './answer-query.js'
import { applyDelivery } from './apply-delivery.js'
import { CommittedState } from './committed-state.js'
import { counterTransactionHash, decodeCounterTransaction, type CounterOperation, type CounterTransaction } from './counter-transaction.js'
import { intrinsicGas } from './gas-schedule.js'
import { GasMeter } from './gas-meter.js'
import { runOperation } from './run-operation.js'
import { stateKeys } from './state-keys.js'
import { Overlay, type StateView } from './state-view.js'

export interface CounterEnvironmentOptions {
  /** Where committed state lives; pass the environment's own namespace of the node's store. */
  readonly store: KeyValueStore
  /** Default `counter`. */
  readonly id?: string
  /** The native denom; default `ucount`. */
  readonly denom?: string
  /** Balances at height 0, used only when the store is empty. */
  readonly genesis?: { readonly balances: Readonly<Record<Address, bigint>> }
  /** Overrides of {@link DEFAULT_COUNTER_LIMITS}. */
  readonly limits?: Partial<ResourceLimits>
}

/** The counter VM's limits. It has no nested calls, so its call depth is 1. */
export const DEFAULT_COUNTER_LIMITS: ResourceLimits = Object.freeze({
  transactionGasLimit: 1_000_000n,
  blockGasLimit: 10_000_000n,
  maxTransactionBytes: 4_096,
  maxCallDepth: 1,
  maxMessagesPerTransaction: 16,
  vm: Object.freeze({}),
})

type Phase =
  | { readonly name: 'idle' }
  | { readonly name: 'open' | 'ended'; readonly block: OpenBlock }

interface OpenBlock {
  readonly context: BlockContext
  readonly state: Overlay
  readonly messages: OutboundMessage[]
  gasLeft: bigint
  gasUsed: bigint
  burned: bigint
  executed: number
  end?: EndBlockResult
}

/**
 * A counter VM as an ExecutionEnvironment: counters you deploy and increment, native balances
 * and nonces, gas, AssetTransfer and StateSync messages, read-only mirrors, and commit /
 * rollback / restart through a KeyValueStore. Built only from `@bulkhead/core` and `@bulkhead/proto`.
 */
export async function createCounterEnvironment(options: CounterEnvironmentOptions): Promise<ExecutionEnvironment> {
  const id = options.id ?? 'counter'
  if (!isEnvironmentId(id)) throw new InvalidArgumentError('Environment id must match /^[a-z][a-z0-9-]{0,31}$/', { details: [`got: ${JSON.stringify(id)}`] })
  const denom = options.denom ?? 'ucount'
  const limits: ResourceLimits = { ...DEFAULT_COUNTER_LIMITS, ...options.limits }
  const capabilities: EnvironmentCapabilities = {
    receives: ['asset_transfer', 'contract_call', 'state_sync'],
    sends: ['asset_transfer', 'state_sync'],
    denoms: [denom],
    // An empty block writes nothing: its root is the committed one, whatever its context.
    emptyBlocksKeepState: true,
  }
  const committed = await CommittedState.open(options.store)
  let head = (await committed.head()) ?? (await writeGenesis(committed, denom, options.genesis?.balances ?? {}))
  let phase: Phase = { name: 'idle' }
  let closed = false

  const assertOpen = () => {
    if (closed) throw new EnvironmentClosedError(`Environment ${id} is closed`)
  }
  const blockIn = (...names: readonly ('open' | 'ended')[]): OpenBlock => {
    assertOpen()
    if (phase.name === 'idle' || !names.includes(phase.name)) {
      throw new BlockPhaseError(`Expected a block in phase ${names.join(' or ')}, but the environment is ${phase.name}`, {
        details: ['order: beginBlock -> deliver* -> execute* -> endBlock -> commit'],
      })
    }
    return phase.block
  }

  /** Everything admission checks, against `state` (committed state, or the open block). */
  const admit = async (transaction: TransactionEnvelope, state: StateView): Promise<{ readonly check: TransactionCheck; readonly decoded?: CounterTransaction }> => {
    const reject = (reason: string, extra: Partial<TransactionCheck> = {}) => ({ check: { status: 'rejected' as const, reason, ...extra } })
    if (transaction.environment !== id) return reject(`transaction is for ${transaction.environment}, this is ${id}`)
    if (transaction.payload.length > limits.maxTransactionBytes) return reject(`payload is ${transaction.payload.length} bytes, over maxTransactionBytes ${limits.maxTransactionBytes}`)
    const hash = counterTransactionHash(transaction.payload)
    let decoded: CounterTransaction
    try {
      decoded = decodeCounterTransaction(transaction.payload)
    } catch (error) {
      // isInstance, not instanceof: a second copy of @bulkhead/core must still match.
      if (!(BulkheadError.isInstance(error) && error.code === 'DECODE_FAILED')) throw error
      return reject(error.message, { hash })
    }
    const known = { hash, sender: decoded.from, nonce: decoded.nonce, gasLimit: decoded.gasLimit, ...targetOf(decoded.operation) }
    if (decoded.gasLimit > limits.transactionGasLimit) return reject(`gas limit ${decoded.gasLimit} is over transactionGasLimit ${limits.transactionGasLimit}`, known)
    const intrinsic = intrinsicGas(transaction.payload.length)
    if (decoded.gasLimit < intrinsic) return reject(`gas limit ${decoded.gasLimit} is below the intrinsic gas ${intrinsic}`, known)
    const nonce = BigInt((await state.get(stateKeys.nonce(decoded.from))) ?? '0')
    if (decoded.nonce !== nonce) return reject(`nonce ${decoded.nonce}, expected ${nonce}`, known)
    const balance = BigInt((await state.get(stateKeys.balance(decoded.from))) ?? '0')
    if (balance < decoded.gasLimit) return reject(`balance ${balance} cannot pay for gas limit ${decoded.gasLimit}`, known)
    return { check: { status: 'ok', ...known }, decoded }
  }

  const executeOne = async (block: OpenBlock, transaction: TransactionEnvelope, index: number): Promise<Receipt> => {
    const base = { transactionHash: counterTransactionHash(transaction.payload), environment: id, index, returnData: new Uint8Array(0), events: [], messageCount: 0 }
    const { check, decoded } = await admit(transaction, block.state)
    if (decoded === undefined) return { ...base, status: 'rejected', reason: check.reason ?? 'rejected', gasUsed: 0n }
    if (decoded.gasLimit > block.gasLeft) {
      return { ...base, status: 'rejected', reason: `gas limit ${decoded.gasLimit} does not fit in the ${block.gasLeft} gas left in the block`, sender: decoded.from, gasUsed: 0n }
    }
    const { from, gasLimit } = decoded
    // Like Ethereum: take the whole gas limit up front, refund what is left afterwards, so the
    // operation can never spend the gas money.
    block.state.setBigInt(stateKeys.balance(from), (await block.state.getBigInt(stateKeys.balance(from))) - gasLimit)
    block.state.setBigInt(stateKeys.nonce(from), decoded.nonce + 1n)
    const meter = new GasMeter(gasLimit, intrinsicGas(transaction.payload.length))
    const journal = new Overlay(block.state)
    const outcome = await runOperation(decoded.operation, journal, meter, { caller: from, nonce: decoded.nonce, self: id, denom, maxMessages: limits.maxMessagesPerTransaction })
    if (outcome.status === 'ok') journal.mergeInto(block.state) // otherwise the journal is simply dropped
    const gasUsed = outcome.status === 'out_of_gas' ? gasLimit : meter.used
    block.state.setBigInt(stateKeys.balance(from), (await block.state.getBigInt(stateKeys.balance(from))) + gasLimit - gasUsed)
    // Fees are burned (there is no proposer reward in this VM): a documented rule, reported in burnedByRule.
    block.state.setBigInt(stateKeys.supply(denom), (await block.state.getBigInt(stateKeys.supply(denom))) - gasUsed)
    block.burned += gasUsed
    block.gasLeft -= gasUsed
    block.gasUsed += gasUsed
    for (const message of outcome.messages) block.messages.push({ ...message, timeoutHeight: 0n, originTransaction: base.transactionHash })
    return {
      ...base,
      status: outcome.status,
      ...(outcome.reason === undefined ? {} : { reason: outcome.reason }),
      sender: from,
      ...(outcome.contractAddress === undefined ? {} : { contractAddress: outcome.contractAddress }),
      gasUsed,
      returnData: outcome.returnData,
      messageCount: outcome.messages.length,
    }
  }

  const environment: ExecutionEnvironment = {
    specificationVersion: 'v1',
    id,
    vm: 'counter',
    limits,
    capabilities,

    async head() {
      assertOpen()
      return head
    },
    async health() {
      assertOpen()
      return { status: 'healthy', head }
    },
    async checkTransaction(transaction) {
      assertOpen()
      return (await admit(transaction, committed)).check
    },

    async beginBlock(context) {
      assertOpen()
      if (phase.name !== 'idle') throw new BlockPhaseError(`beginBlock while block ${phase.block.context.height} is ${phase.name}`)
      if (context.height !== head.height + 1n) {
        throw new BlockPhaseError(`beginBlock at height ${context.height}, expected ${head.height + 1n}`, { details: [`head: ${head.height}`] })
      }
      const gasLeft = context.gasLimit < limits.blockGasLimit ? context.gasLimit : limits.blockGasLimit
      phase = { name: 'open', block: { context, state: new Overlay(committed), messages: [], gasLeft, gasUsed: 0n, burned: 0n, executed: 0 } }
    },

    async deliver(deliveries: readonly InboundDelivery[]) {
      const block = blockIn('open')
      if (block.executed > 0) throw new BlockPhaseError('deliver after execute: deliveries come before transactions in a block')
      const results: DeliveryResult[] = []
      for (const delivery of deliveries) {
        const { result, messages } = await applyDelivery(delivery, block.state, { self: id, denom, capabilities, maxMessages: limits.maxMessagesPerTransaction, gasLeft: block.gasLeft })
        block.gasLeft -= result.gasUsed
        block.gasUsed += result.gasUsed
        block.messages.push(...messages)
        results.push(result)
      }
      return results
    },

    async execute(transactions) {
      const block = blockIn('open')
      const receipts: Receipt[] = []
      for (const transaction of transactions) receipts.push(await executeOne(block, transaction, block.executed++))
      return receipts
    },

    async endBlock() {
      const block = blockIn('open')
      block.end = {
        height: block.context.height,
        stateRoot: committed.rootWith(block.state.writes),
        messages: [...block.messages],
        gasUsed: block.gasUsed,
        supply: { [denom]: await block.state.getBigInt(stateKeys.supply(denom)) },
        burnedByRule: block.burned === 0n ? {} : { [denom]: block.burned },
        mintedByRule: {},
      }
      phase = { name: 'ended', block }
      return block.end
    },

    async commit() {
      const block = blockIn('ended')
      const next: CommittedHead = { height: block.context.height, stateRoot: (block.end as EndBlockResult).stateRoot }
      await committed.commit(next, block.state.writes)
      head = next
      phase = { name: 'idle' }
      return head
    },

    async rollback(height) {
      assertOpen()
      // Validate the height before discarding anything: a refused rollback changes nothing.
      if (height !== undefined) head = await committed.rollback(height)
      phase = { name: 'idle' }
      return head
    },

    runBlock(input) {
      return runBlockInSteps(environment, input)
    },

    async query<TRequest extends QueryRequest>(request: TRequest): Promise<QueryResult<TRequest>> {
      assertOpen()
      return (await answerQuery(request, committed, denom)) as QueryResult<TRequest>
    },

    async close() {
      closed = true
      phase = { name: 'idle' }
    },
  }

  return environment
}

async function writeGenesis(committed: CommittedState, denom: string, balances: Readonly<Record<Address, bigint>>): Promise<CommittedHead> {
  const writes = new Map<string, string | undefined>()
  let supply = 0n
  for (const [account, balance] of Object.entries(balances).sort(([left], [right]) => (left < right ? -1 : 1))) {
    writes.set(stateKeys.balance(account as Address), balance.toString())
    supply += balance
  }
  writes.set(stateKeys.supply(denom), supply.toString())
  const head: CommittedHead = { height: 0n, stateRoot: committed.rootWith(writes) }
  await committed.commit(head, writes)
  return head
}

function targetOf(operation: CounterOperation): { readonly to?: Address } {
  return 'contract' in operation ? { to: operation.contract } : {}
}
