import {
  StorageError,
  type CrossEnvironmentMessage,
  type Hash,
  type KeyValueOperation,
  type KeyValueStore,
  type Receipt,
  type TransactionEnvelope,
} from '@bulkhead/core'
import { decodeBlockHeader, encodeBlockHeader, type BlockHeader } from '@bulkhead/proto'
import type { DenomLedger, LedgerTotals } from '../ledger/conservation-ledger.js'
import type { MessageBookSnapshot } from '../messages/message-book.js'
import type { MessageRecord } from '../messages/message-record.js'
import type { GovernanceState } from '../governance/governance-state.js'
import type { CircuitBreakerRecord } from '@bulkhead/router'
import type { AuditEntry } from './audit-entry.js'
import { fromTaggedJSON, toTaggedJSON } from './tagged-json.js'

/** Layout version of the chain namespace; a directory of another version is refused, never rewritten. */
export const CHAIN_FORMAT = 'bulkhead-chain/1'

/** How one environment's segment went in a committed block. */
export interface SegmentSummary {
  readonly environment: string
  readonly status: 'ok' | 'timed_out' | 'rejected'
  readonly reason?: string
}

/** Everything a committed block carries besides its header. */
export interface BlockBody {
  readonly transactions: readonly TransactionEnvelope[]
  readonly receipts: readonly Receipt[]
  readonly messages: readonly CrossEnvironmentMessage[]
  readonly ledger: readonly DenomLedger[]
  readonly segments: readonly SegmentSummary[]
}

export interface StoredBlock extends BlockBody {
  readonly header: BlockHeader
  readonly hash: Hash
}

/** What the node resumes from, written with every block. */
export interface ChainState {
  readonly messageBook: MessageBookSnapshot
  readonly ledger: LedgerTotals
  /** What governance has changed since genesis. */
  readonly governance: GovernanceState
  /** The router's circuit-breaker records, so quarantines survive a restart. */
  readonly circuitBreaker: readonly CircuitBreakerRecord[]
}

export interface ChainHead {
  readonly height: bigint
  readonly hash: Hash
  readonly header: BlockHeader
}

const encoder = new TextEncoder()
const decoder = new TextDecoder()
const key = (...parts: string[]) => encoder.encode(parts.join('/'))
const heightKey = (height: bigint) => height.toString().padStart(20, '0')

/**
 * Blocks, receipts, messages, the ledger and the audit log in the node's `chain` namespace.
 * A block is written in one atomic batch together with the head pointer and the state to
 * resume from, so a crash leaves either the whole block or none of it.
 */
export interface ChainStore {
  /** The head, or undefined for a chain that has no block yet. Checks the directory first. */
  open(genesisHash: Hash): Promise<ChainHead | undefined>
  commitBlock(
    block: StoredBlock,
    state: ChainState,
    changes: { readonly records: readonly MessageRecord[]; readonly audit: readonly AuditEntry[] },
  ): Promise<void>
  /** The state to resume from at the head; undefined before the first block. */
  state(): Promise<ChainState | undefined>
  /**
   * Makes committed block `height` the head again, in one atomic batch: later blocks, their
   * index entries, audit lines and message transitions are removed, and messages are restored to
   * what they were at `height` (0 reverts to genesis).
   */
  revertTo(height: bigint): Promise<void>
  block(height: bigint): Promise<StoredBlock | undefined>
  blockByHash(hash: Hash): Promise<StoredBlock | undefined>
  /** Where a transaction (by its environment's hash) was included. */
  transactionLocation(hash: Hash): Promise<{ height: bigint; index: number } | undefined>
  message(source: string, destination: string, sequence: bigint): Promise<MessageRecord | undefined>
  /** Messages of one channel, or all, in (channel, sequence) order. */
  messages(channel?: { source: string; destination: string }): AsyncIterable<MessageRecord>
  /** The audit log from `fromHeight` (default 0), oldest first. */
  audit(fromHeight?: bigint): AsyncIterable<AuditEntry>
}

export function createChainStore(store: KeyValueStore): ChainStore {
  const read = async <T>(path: Uint8Array, what: string): Promise<T | undefined> => {
    const bytes = await store.get(path)
    if (bytes === undefined) return undefined
    try {
      return fromTaggedJSON<T>(decoder.decode(bytes))
    } catch (error) {
      throw new StorageError(`The data directory is corrupt: ${what} cannot be read`, { cause: error, details: [`key: ${decoder.decode(path)}`] })
    }
  }

  const readBlock = async (height: bigint): Promise<StoredBlock | undefined> => {
    const headerBytes = await store.get(key('header', heightKey(height)))
    if (headerBytes === undefined) return undefined
    let header: BlockHeader
    try {
      header = decodeBlockHeader(headerBytes)
    } catch (error) {
      throw new StorageError(`The data directory is corrupt: the header of block ${height} does not decode`, { cause: error })
    }
    const body = await read<BlockBody & { hash: Hash }>(key('body', heightKey(height)), `the body of block ${height}`)
    if (body === undefined) throw new StorageError(`The data directory is corrupt: block ${height} has a header but no body`)
    return { ...body, header }
  }

  return {
    async open(genesisHash) {
      const format = await store.get(key('format'))
      if (format === undefined) {
        for await (const _ of store.entries({ limit: 1 })) {
          throw new StorageError('The data directory holds data but no format marker', {
            details: ['It is half-written or not a bulkhead data directory; nothing was changed.'],
          })
        }
        await store.batch([
          { type: 'put', key: key('format'), value: encoder.encode(CHAIN_FORMAT) },
          { type: 'put', key: key('genesis'), value: encoder.encode(genesisHash) },
        ])
        return undefined
      }
      if (decoder.decode(format) !== CHAIN_FORMAT) {
        throw new StorageError(`The data directory has format "${decoder.decode(format)}", this node reads "${CHAIN_FORMAT}"`)
      }
      const storedGenesis = decoder.decode((await store.get(key('genesis'))) ?? new Uint8Array(0))
      if (storedGenesis !== genesisHash) {
        throw new StorageError('The data directory belongs to another chain', {
          details: [`its genesis hash: ${storedGenesis || '(missing)'}`, `this genesis hash: ${genesisHash}`],
        })
      }
      const head = await read<{ height: bigint; hash: Hash }>(key('head'), 'the head pointer')
      if (head === undefined) return undefined
      const block = await readBlock(head.height)
      if (block === undefined) throw new StorageError(`The data directory is corrupt: the head points at block ${head.height}, which is missing`)
      if (block.hash !== head.hash) {
        throw new StorageError(`The data directory is corrupt: block ${head.height} has hash ${block.hash}, the head says ${head.hash}`)
      }
      return { height: head.height, hash: head.hash, header: block.header }
    },

    async commitBlock(block, state, changes) {
      const height = heightKey(block.header.height)
      const { header, ...body } = block
      const operations: KeyValueOperation[] = [
        { type: 'put', key: key('header', height), value: encodeBlockHeader(header) },
        { type: 'put', key: key('body', height), value: encoder.encode(toTaggedJSON(body)) },
        { type: 'put', key: key('hash', block.hash), value: encoder.encode(height) },
        ...block.receipts.map((receipt, index): KeyValueOperation => ({
          type: 'put',
          key: key('tx', receipt.transactionHash),
          value: encoder.encode(toTaggedJSON({ height: block.header.height, index })),
        })),
        ...changes.records.map((record): KeyValueOperation => ({
          type: 'put',
          key: key('msg', record.message.source, record.message.destination, heightKey(record.message.sequence)),
          value: encoder.encode(toTaggedJSON(record)),
        })),
        ...changes.audit.map((entry, index): KeyValueOperation => ({
          type: 'put',
          key: key('audit', height, index.toString().padStart(8, '0')),
          value: encoder.encode(toTaggedJSON(entry)),
        })),
        // Per height, so that a revert can resume from any committed block.
        { type: 'put', key: key('state', height), value: encoder.encode(toTaggedJSON(serializeState(state))) },
        // Last in the batch for readers' sake; the batch is atomic either way.
        { type: 'put', key: key('head'), value: encoder.encode(toTaggedJSON({ height: block.header.height, hash: block.hash })) },
      ]
      await store.batch(operations)
    },

    async state() {
      const head = await read<{ height: bigint; hash: Hash }>(key('head'), 'the head pointer')
      if (head === undefined) return undefined
      const state = await read<ReturnType<typeof serializeState>>(key('state', heightKey(head.height)), `the resume state of block ${head.height}`)
      if (state === undefined) return undefined
      return {
        messageBook: { nextSequences: new Map(state.messageBook.nextSequences), open: state.messageBook.open },
        ledger: {
          genesis: new Map(state.ledger.genesis),
          mintedByRule: new Map(state.ledger.mintedByRule),
          burnedByRule: new Map(state.ledger.burnedByRule),
        },
        governance: {
          nonces: new Map(state.governance.nonces),
          blockGasLimit: state.governance.blockGasLimit,
          paused: new Map(state.governance.paused),
          weights: new Map(state.governance.weights),
          permissions: new Map(state.governance.permissions),
          quarantines: new Map(state.governance.quarantines),
        },
        circuitBreaker: state.circuitBreaker,
      }
    },

    block: readBlock,

    async revertTo(target) {
      const head = await read<{ height: bigint; hash: Hash }>(key('head'), 'the head pointer')
      if (head === undefined || target >= head.height) return
      const operations: KeyValueOperation[] = []
      const touched = new Map<string, { source: string; destination: string; sequence: bigint }>()
      for (let height = head.height; height > target; height--) {
        const block = await readBlock(height)
        if (block === undefined) throw new StorageError(`Cannot revert: block ${height} is missing`)
        const padded = heightKey(height)
        operations.push(
          { type: 'delete', key: key('header', padded) },
          { type: 'delete', key: key('body', padded) },
          { type: 'delete', key: key('hash', block.hash) },
          { type: 'delete', key: key('state', padded) },
          ...block.receipts.map((receipt): KeyValueOperation => ({ type: 'delete', key: key('tx', receipt.transactionHash) })),
        )
        for await (const [auditKey, value] of store.entries({ prefix: key('audit', padded, '') })) {
          operations.push({ type: 'delete', key: key('audit', decoder.decode(auditKey).slice('audit/'.length)) })
          const entry = fromTaggedJSON<AuditEntry>(decoder.decode(value))
          if (entry.kind === 'message') touched.set(`${entry.source}/${entry.destination}/${entry.sequence}`, entry)
        }
      }
      for (const { source, destination, sequence } of touched.values()) {
        const recordKey = key('msg', source, destination, heightKey(sequence))
        const record = await read<MessageRecord>(recordKey, 'a message record')
        if (record === undefined) continue
        const history = record.history.filter((step) => step.height <= target)
        const last = history.at(-1)
        if (last === undefined) {
          operations.push({ type: 'delete', key: recordKey })
          continue
        }
        const { acknowledgement, ...rest } = record
        const restored: MessageRecord = {
          ...rest,
          status: last.status,
          history,
          ...(acknowledgement !== undefined && history.some((step) => step.status === 'delivered') ? { acknowledgement } : {}),
        }
        operations.push({ type: 'put', key: recordKey, value: encoder.encode(toTaggedJSON(restored)) })
      }
      if (target === 0n) operations.push({ type: 'delete', key: key('head') })
      else {
        const block = await readBlock(target)
        if (block === undefined) throw new StorageError(`Cannot revert: block ${target} is missing`)
        operations.push({ type: 'put', key: key('head'), value: encoder.encode(toTaggedJSON({ height: target, hash: block.hash })) })
      }
      await store.batch(operations)
    },

    async blockByHash(hash) {
      const height = await store.get(key('hash', hash))
      return height === undefined ? undefined : readBlock(BigInt(decoder.decode(height)))
    },

    async transactionLocation(hash) {
      return read<{ height: bigint; index: number }>(key('tx', hash), `the location of transaction ${hash}`)
    },

    async message(source, destination, sequence) {
      return read<MessageRecord>(key('msg', source, destination, heightKey(sequence)), 'a message record')
    },

    async *messages(channel) {
      const prefix = channel === undefined ? key('msg', '') : key('msg', channel.source, channel.destination, '')
      for await (const [, value] of store.entries({ prefix })) yield fromTaggedJSON<MessageRecord>(decoder.decode(value))
    },

    async *audit(fromHeight = 0n) {
      for await (const [entryKey, value] of store.entries({ prefix: key('audit', '') })) {
        const height = BigInt(decoder.decode(entryKey).split('/')[1] as string)
        if (height < fromHeight) continue
        yield fromTaggedJSON<AuditEntry>(decoder.decode(value))
      }
    },
  }
}

/** Maps become entry lists: JSON has no maps. */
function serializeState(state: ChainState) {
  return {
    messageBook: { nextSequences: [...state.messageBook.nextSequences], open: state.messageBook.open },
    ledger: {
      genesis: [...state.ledger.genesis],
      mintedByRule: [...state.ledger.mintedByRule],
      burnedByRule: [...state.ledger.burnedByRule],
    },
    governance: {
      nonces: [...state.governance.nonces],
      blockGasLimit: state.governance.blockGasLimit,
      paused: [...state.governance.paused],
      weights: [...state.governance.weights],
      permissions: [...state.governance.permissions],
      quarantines: [...state.governance.quarantines],
    },
    circuitBreaker: state.circuitBreaker,
  }
}
