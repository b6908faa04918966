import {
  InvalidArgumentError,
  StorageError,
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
import { checkConservation, type LedgerTotals } from '../ledger/conservation-ledger.js'
import { createMessageBook, type MessageBook } from '../messages/message-book.js'
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
  /** Admission check and queueing of a transaction for the next block. */
  submit(transaction: TransactionEnvelope): Promise<TransactionCheck>
  /**
   * Produces and commits the next block from the queues, or from exactly `transactions` (replay).
   * Throws, committing nothing, when the block breaks conservation.
   */
  produceBlock(options?: ProduceBlockOptions): Promise<ProducedBlock>
  /** Messages not yet settled, and amounts in flight per denom. */
  readonly messages: Pick<MessageBook, 'open' | 'inFlight' | 'snapshot'>
  /** Governance: hold an environment's transactions and deliveries from the next block on. */
  pause(environment: string, reason?: string): void
  resume(environment: string): void
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
 * Opens (or starts) a chain over `store`. Environments that are ahead of the chain (a crash
 * after they flushed but before the block was written) are rolled back to the chain's head;
 * an environment behind it means its data is missing, and the node refuses to start rather
 * than reset anything.
 */
export async function createNode(options: NodeOptions): Promise<BulkheadNode> {
  const { genesis, router } = options
  const clock = options.clock ?? (() => BigInt(Math.floor(Date.now() / 1000)))
  const proposer = options.proposer ?? ZERO_ADDRESS
  const hashOfGenesis = genesisHash(genesisToProto(genesis))
  const chain = createChainStore(options.store.namespace('chain'))
  let head: ChainHead | GenesisHead = (await chain.open(hashOfGenesis)) ?? { height: 0n, hash: hashOfGenesis, header: undefined }
  const state: ChainState = (await chain.state()) ?? initialState(genesis)
  const book = createMessageBook({ defaultTimeout: genesis.defaultMessageTimeout, snapshot: state.messageBook })
  let ledger: LedgerTotals = state.ledger
  const paused = new Set(state.paused)
  for (const environment of paused) router.pause(environment, 'paused before restart')

  await alignEnvironments(router, head.height)

  return {
    genesisHash: hashOfGenesis,
    chain,
    head: () => head,
    submit: (transaction) => router.submit(transaction),
    messages: book,

    async produceBlock(produceOptions = {}) {
      const height = head.height + 1n
      const parentTimestamp = head.header?.timestamp ?? genesis.timestamp
      const timestamp = produceOptions.timestamp ?? clock()
      if (timestamp < parentTimestamp) {
        throw new InvalidArgumentError(`Block ${height} cannot be earlier than its parent`, {
          details: [`parent timestamp ${parentTimestamp}, asked for ${timestamp}`],
        })
      }
      const context: BlockContext = { height, timestamp, parentHash: head.header === undefined ? ZERO_HASH : head.hash, gasLimit: genesis.blockGasLimit, proposer }
      const deliveries = book.planDeliveries(height, (environment) => paused.has(environment))
      const transactions = produceOptions.transactions ?? router.takeBlock({ gasLimit: genesis.blockGasLimit })
      const output = await router.runBlock({ context, deliveries, transactions })

      const segments = Object.values(output.end.environments)
      const update = book.settleBlock(
        height,
        deliveries,
        output.deliveries,
        segments.map((segment) => ({ source: segment.environment, messages: segment.end.messages })),
      )
      let checked
      try {
        checked = checkConservation(
          ledger,
          segments.map((segment) => ({
            environment: segment.environment,
            supply: segment.end.supply,
            mintedByRule: segment.end.mintedByRule,
            burnedByRule: segment.end.burnedByRule,
          })),
          book.inFlight(update),
        )
      } catch (error) {
        await router.rollback(head.height)
        throw error
      }

      await router.commit()
      const included = transactions.filter((_, index) => output.receipts[index]?.status !== 'rejected')
      const receipts = output.receipts.filter((receipt) => receipt.status !== 'rejected')
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
      const audit: AuditEntry[] = update.transitions.map(({ record, transition }) => ({
        kind: 'message',
        height,
        source: record.message.source,
        destination: record.message.destination,
        sequence: record.message.sequence,
        hash: record.hash,
        status: transition.status,
        ...(transition.detail === undefined ? {} : { detail: transition.detail }),
      }))
      book.apply(update)
      ledger = checked.totals
      await chain.commitBlock(block, { messageBook: book.snapshot(), ledger, paused: [...paused].sort() }, { records: update.records, audit })
      head = { height, hash: block.hash, header }
      return { block, rejected: output.receipts.filter((receipt) => receipt.status === 'rejected') }
    },

    pause(environment, reason) {
      router.pause(environment, reason)
      paused.add(environment)
    },
    resume(environment) {
      router.resume(environment)
      paused.delete(environment)
    },
    close: () => router.close(),
  }
}

function initialState(genesis: ChainGenesis): ChainState {
  let total = 0n
  for (const environment of genesis.environments) for (const amount of environment.allocations.values()) total += amount
  return {
    messageBook: { nextSequences: new Map(), open: [] },
    ledger: { genesis: new Map([[genesis.nativeDenom, total]]), mintedByRule: new Map(), burnedByRule: new Map() },
    paused: [],
  }
}

async function alignEnvironments(router: Router, chainHeight: bigint): Promise<void> {
  for (const id of router.environmentIds) {
    const environmentHead = await router.environment(id).head()
    if (environmentHead.height < chainHeight) {
      throw new StorageError(`Environment "${id}" is at height ${environmentHead.height}, the chain at ${chainHeight}`, {
        details: ['Its state is missing or older than the chain; restore its data directory. Nothing was reset.'],
      })
    }
  }
  const heights = await Promise.all(router.environmentIds.map((id) => router.environment(id).head()))
  if (heights.some((environmentHead) => environmentHead.height > chainHeight)) await router.rollback(chainHeight)
}
