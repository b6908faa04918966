import {
  InvalidArgumentError,
  merkleRoot,
  type Address,
  type BlockContext,
  type Hash,
  type KeyValueStore,
  type TransactionCheck,
  type TransactionEnvelope,
} from '@bulkhead/core'
import { blockHash, encodeMessage, encodeTransactionEnvelope, genesisHash, type BlockHeader } from '@bulkhead/proto'
import type { Router } from '@bulkhead/router'
import type { AuditEntry } from '../chain/audit-entry.js'
import { createChainStore, type ChainHead, type ChainState, type ChainStore } from '../chain/chain-store.js'
import type { ChainGenesis } from '../genesis/chain-genesis.js'
import { genesisToProto } from '../genesis/genesis-to-proto.js'
import { checkGovernanceTransaction } from '../governance/check-governance-transaction.js'
import { GOVERNANCE_ENVIRONMENT, initialGovernanceState, type GovernanceState } from '../governance/governance-state.js'
import { runGovernanceTransactions } from '../governance/run-governance-transactions.js'
import { checkConservation, type LedgerTotals } from '../ledger/conservation-ledger.js'
import { createMessageBook, type MessageBook } from '../messages/message-book.js'
import { alignEnvironments } from './align-environments.js'
import type { ProducedBlock } from './produced-block.js'

export interface NodeOptions {
  readonly genesis: ChainGenesis
  /** The environments, composed; the node drives it block by block. */
  readonly router: Router
  /** The node's storage; it uses the `chain` namespace. Environments keep their own. */
  readonly store: KeyValueStore
  /** Block time source in seconds; default the wall clock. Blocks never go back in time. */
  readonly clock?: () => bigint
  /** Who receives priority fees; default the zero address. */
  readonly proposer?: Address
}

/** A running chain: produces blocks from the router's queues and keeps their record. */
export interface BulkheadNode {
  readonly genesisHash: Hash
  readonly chain: ChainStore
  /** The last committed block, or the genesis head (height 0) before the first block. */
  head(): ChainHead | GenesisHead
  /**
   * Admission check and queueing of a transaction for the next block. Transactions for the
   * `governance` environment are signed governance actions, run by the node itself.
   */
  submit(transaction: TransactionEnvelope): Promise<TransactionCheck>
  /**
   * Produces and commits the next block from the queues, or from exactly `transactions` (replay).
   * Throws, committing nothing, when the block breaks conservation.
   */
  produceBlock(options?: ProduceBlockOptions): Promise<ProducedBlock>
  /**
   * Automine's path: checks `transaction` and, when admitted, produces the next block with it,
   * as `submit` then `produceBlock` would; `onAdmitted` hears the check as soon as it is known,
   * while the block goes on. With nothing else queued, the check runs inside the block's own
   * round trip to the environment. Resolves `undefined`, producing nothing, when it is refused.
   */
  admitAndProduceBlock(
    transaction: TransactionEnvelope,
    onAdmitted: (check: TransactionCheck) => void,
    options?: Omit<ProduceBlockOptions, 'transactions'>,
  ): Promise<ProducedBlock | undefined>
  /** Messages not yet settled, and amounts in flight per denom. */
  readonly messages: Pick<MessageBook, 'open' | 'inFlight' | 'snapshot'>
  /** What governance has changed since genesis (paused environments, block gas, nonces). */
  governance(): GovernanceState
  /**
   * Returns the chain to committed block `height` (a devnet snapshot): later blocks are removed
   * and every environment rolls back. Not for a chain others follow.
   */
  revertTo(height: bigint): Promise<void>
  close(): Promise<void>
}

export interface ProduceBlockOptions {
  /** Block time; default the clock (never before the parent's). */
  readonly timestamp?: bigint
  /** Run these transactions instead of taking the queues' (replay re-runs a block's own). */
  readonly transactions?: readonly TransactionEnvelope[]
}

export interface GenesisHead {
  readonly height: 0n
  readonly hash: Hash
  readonly header: undefined
}

const ZERO_HASH = `0x${'00'.repeat(32)}` as Hash
const ZERO_ADDRESS = `0x${'00'.repeat(20)}` as Address

/**
 * Opens (or starts) a chain over `store`, with every environment at the chain's head (see
 * `alignEnvironments`).
 */
export async function createNode(options: NodeOptions): Promise<BulkheadNode> {
  const { genesis, router } = options
  const clock = options.clock ?? (() => BigInt(Math.floor(Date.now() / 1000)))
  const proposer = options.proposer ?? ZERO_ADDRESS
  const hashOfGenesis = genesisHash(genesisToProto(genesis))
  const chain = createChainStore(options.store.namespace('chain'))
  let head: ChainHead | GenesisHead = (await chain.open(hashOfGenesis)) ?? { height: 0n, hash: hashOfGenesis, header: undefined }
  const state: ChainState = (await chain.state()) ?? initialState(genesis)
  let book = createMessageBook({ defaultTimeout: genesis.defaultMessageTimeout, snapshot: state.messageBook })
  let ledger: LedgerTotals = state.ledger
  let governance = state.governance
  const governanceQueue: TransactionEnvelope[] = []
  pushGovernance(router, initialGovernanceState(genesis.blockGasLimit), governance)
  router.restoreCircuitBreaker(state.circuitBreaker)

  await alignEnvironments(router, chain, head.height, governance.blockGasLimit)

  /** Head, message book, ledger, governance and circuit breaker as the chain last stored them. */
  const restoreFromChain = async () => {
    const restored = (await chain.state()) ?? initialState(genesis)
    head = (await chain.open(hashOfGenesis)) ?? { height: 0n, hash: hashOfGenesis, header: undefined }
    book = createMessageBook({ defaultTimeout: genesis.defaultMessageTimeout, snapshot: restored.messageBook })
    ledger = restored.ledger
    pushGovernance(router, governance, restored.governance)
    governance = restored.governance
    router.restoreCircuitBreaker(restored.circuitBreaker)
  }

  /**
   * Produces the next block (see `produceBlock`); with `admit`, checks that transaction first
   * and answers `undefined`, producing nothing, when it is refused.
   */
  const produce = async (
    produceOptions: ProduceBlockOptions,
    admit?: { readonly transaction: TransactionEnvelope; readonly onAdmitted: (check: TransactionCheck) => void },
  ): Promise<ProducedBlock | undefined> => {
    const height = head.height + 1n
    const parentTimestamp = head.header?.timestamp ?? genesis.timestamp
    const timestamp = produceOptions.timestamp ?? clock()
    if (timestamp < parentTimestamp) {
      throw new InvalidArgumentError(`Block ${height} cannot be earlier than its parent`, {
        details: [`parent timestamp ${parentTimestamp}, asked for ${timestamp}`],
      })
    }
    const gasLimit = governance.blockGasLimit
    const context: BlockContext = { height, timestamp, parentHash: head.header === undefined ? ZERO_HASH : head.hash, gasLimit, proposer }
    const deliveries = book.planDeliveries(height, (environment) => governance.paused.has(environment))
    // Admitting inside the block's own round trip needs it to be the block's only transaction:
    // a refusal then abandons the block, and nothing taken from the queues may go with it.
    const alone =
      admit !== undefined &&
      produceOptions.transactions === undefined &&
      admit.transaction.environment !== GOVERNANCE_ENVIRONMENT &&
      governanceQueue.length === 0 &&
      router.queuedTransactions() === 0
    if (admit !== undefined && !alone) {
      const check = await node.submit(admit.transaction)
      admit.onAdmitted(check)
      if (check.status !== 'ok') return undefined
    }
    const queued = produceOptions.transactions ?? [...governanceQueue.splice(0), ...router.takeBlock({ gasLimit })]
    const governanceTransactions = queued.filter((transaction) => transaction.environment === GOVERNANCE_ENVIRONMENT)
    const transactions = queued.filter((transaction) => transaction.environment !== GOVERNANCE_ENVIRONMENT)
    const ruled = runGovernanceTransactions(governanceTransactions, genesis, governance, height)
    // Environments commit in the same round trip as they run (they always commit before the
    // chain); a block the checks below refuse is undone by rolling them back to the head.
    const input = { context, deliveries, transactions }
    const output = alone
      ? await router.admitAndCommitBlock(input, admit.transaction, admit.onAdmitted)
      : await router.runAndCommitBlock(input)
    if ('refused' in output) return undefined
    if (alone) transactions.push(admit.transaction)

    try {
      const segments = Object.values(output.end.environments)
      const update = book.settleBlock(
        height,
        deliveries,
        output.deliveries,
        segments.map((segment) => ({ source: segment.environment, messages: segment.end.messages })),
      )
      const checked = checkConservation(
        ledger,
        segments.map((segment) => ({
          environment: segment.environment,
          supply: segment.end.supply,
          mintedByRule: segment.end.mintedByRule,
          burnedByRule: segment.end.burnedByRule,
        })),
        book.inFlight(update),
      )

      // Governance first, then the environments' transactions, as they ran.
      const allTransactions = [...governanceTransactions, ...transactions]
      const allReceipts = [...ruled.receipts, ...output.receipts]
      const included = allTransactions.filter((_, index) => allReceipts[index]?.status !== 'rejected')
      const receipts = allReceipts.filter((receipt) => receipt.status !== 'rejected')
      const header: BlockHeader = {
        height,
        parentHash: context.parentHash,
        timestamp,
        stateRoots: segments.map((segment) => ({ environment: segment.environment, stateRoot: segment.end.stateRoot })),
        messageRoot: merkleRoot(update.committed.map(encodeMessage)),
        transactionRoot: merkleRoot(included.map(encodeTransactionEnvelope)),
        proposer,
      }
      const block = {
        header,
        hash: blockHash(header),
        transactions: included,
        receipts,
        messages: update.committed,
        ledger: checked.denoms,
        segments: segments.map((segment) => ({
          environment: segment.environment,
          status: segment.status,
          ...(segment.reason === undefined ? {} : { reason: segment.reason }),
        })),
      }
      const audit: AuditEntry[] = [...ruled.audit, ...update.transitions.map(({ record, transition }): AuditEntry => ({
        kind: 'message',
        height,
        source: record.message.source,
        destination: record.message.destination,
        sequence: record.message.sequence,
        hash: record.hash,
        status: transition.status,
        ...(transition.detail === undefined ? {} : { detail: transition.detail }),
      }))]
      book.apply(update)
      ledger = checked.totals
      await chain.commitBlock(
        block,
        { messageBook: book.snapshot(), ledger, governance: ruled.state, circuitBreaker: router.circuitBreakerState() },
        { records: update.records, audit },
      )
      head = { height, hash: block.hash, header }
      pushGovernance(router, governance, ruled.state)
      governance = ruled.state
      return {
        block,
        rejected: allReceipts.filter((receipt) => receipt.status === 'rejected'),
        ends: Object.fromEntries(segments.map((segment) => [segment.environment, segment.end])),
      }
    } catch (error) {
      // Nothing of the block may stay: environments back to the head, the node's books as stored.
      await router.rollback(head.height)
      await restoreFromChain()
      throw error
    }
  }

  const node: BulkheadNode = {
    genesisHash: hashOfGenesis,
    chain,
    head: () => head,
    governance: () => governance,

    async submit(transaction) {
      if (transaction.environment !== GOVERNANCE_ENVIRONMENT) return router.submit(transaction)
      const pending = runGovernanceTransactions(governanceQueue, genesis, governance, head.height + 1n).state
      const check = checkGovernanceTransaction(transaction.payload, genesis, pending)
      if (check.status === 'rejected') return { status: 'rejected', reason: check.reason, ...(check.hash ? { hash: check.hash } : {}) }
      governanceQueue.push(transaction)
      return { status: 'ok', hash: check.hash, sender: check.signer, nonce: check.transaction.nonce, gasLimit: 0n }
    },
    messages: {
      open: (source, destination, sequence) => book.open(source, destination, sequence),
      inFlight: (update) => book.inFlight(update),
      snapshot: () => book.snapshot(),
    },

    produceBlock: (produceOptions = {}) => produce(produceOptions) as Promise<ProducedBlock>,
    admitAndProduceBlock: (transaction, onAdmitted, produceOptions = {}) => produce(produceOptions, { transaction, onAdmitted }),

    async revertTo(height) {
      if (height < 0n || height > head.height) {
        throw new InvalidArgumentError(`Cannot revert to block ${height}: the head is block ${head.height}`)
      }
      // The chain first: a crash between the two leaves environments ahead of the chain, which
      // the next start rolls back; the other order would leave them behind it.
      await chain.revertTo(height)
      await router.rollback(height)
      await restoreFromChain()
      governanceQueue.length = 0
    },
    close: () => router.close(),
  }
  return node
}

function initialState(genesis: ChainGenesis): ChainState {
  let total = 0n
  for (const environment of genesis.environments) for (const amount of environment.allocations.values()) total += amount
  return {
    messageBook: { nextSequences: new Map(), open: [] },
    ledger: { genesis: new Map([[genesis.nativeDenom, total]]), mintedByRule: new Map(), burnedByRule: new Map() },
    governance: initialGovernanceState(genesis.blockGasLimit),
    circuitBreaker: [],
  }
}

/** Makes the router enforce what governance changed between `before` and `after`. */
function pushGovernance(router: Router, before: GovernanceState, after: GovernanceState): void {
  for (const [environment, reason] of after.paused) if (!before.paused.has(environment)) router.pause(environment, reason)
  for (const environment of before.paused.keys()) if (!after.paused.has(environment)) router.resume(environment)
  for (const [environment, weight] of after.weights) if (before.weights.get(environment) !== weight) router.setWeight(environment, weight)
  for (const [environment, permissions] of after.permissions) {
    if (before.permissions.get(environment) !== permissions) router.setPermissions(environment, permissions)
  }
  for (const [key, quarantine] of after.quarantines) {
    if (before.quarantines.get(key) !== quarantine) router.quarantine(quarantine.environment, quarantine.contract, quarantine.until, quarantine.reason)
  }
  for (const [key, quarantine] of before.quarantines) if (!after.quarantines.has(key)) router.release(quarantine.environment, quarantine.contract)
}
