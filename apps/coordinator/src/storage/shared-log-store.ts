import {
  StorageError,
  concatBytes,
  namespacePrefix,
  type KeyValueOperation,
  type KeyValueRange,
  type KeyValueStore,
} from '@bulkhead/core'
import { createOffHeapIndex, type OffHeapIndex } from './off-heap-index.js'

/**
 * Bytes reserved (not allocated) for one log, V8's limit for a growable SharedArrayBuffer:
 * memory is taken only as the log grows. About a million transfers per environment.
 */
const DEFAULT_MAX_BYTES = 4 * 1024 ** 3
/** Where records start: the first 8 bytes hold the committed length. */
const HEADER_BYTES = 8
const PUT = 1
const DELETE = 2

/**
 * Allocates the log of a {@link createSharedLogStore}. The creator keeps it and hands the same
 * buffer to every incarnation of the store's worker, which is what makes its state outlive one.
 */
export function createSharedLog(maxBytes: number = DEFAULT_MAX_BYTES): SharedArrayBuffer {
  const log = new SharedArrayBuffer(64 * 1024, { maxByteLength: maxBytes })
  Atomics.store(new BigInt64Array(log, 0, 1), 0, BigInt(HEADER_BYTES))
  return log
}

/**
 * An in-memory {@link KeyValueStore} whose every batch is appended to `log`, a growable
 * SharedArrayBuffer owned by the thread that created it (see {@link createSharedLog}).
 *
 * For an in-memory devnet's environment worker: a worker that crashes or is terminated takes
 * its heap with it, not `log`, so the next worker opens the store again from the same buffer
 * and resumes at the last committed batch. A batch is committed when the log's length word is
 * advanced past it, after its bytes are written; a worker killed halfway leaves a tail that
 * the next one ignores. Keys and values stay off the worker's heap (the index is typed arrays
 * too), so its heap cap is not spent on state.
 *
 * One writer at a time: the log must not be opened by a second live worker. `entries` scans
 * the whole index and sorts (environments never iterate; only keep it for occasional reads).
 */
export function createSharedLogStore(log: SharedArrayBuffer): KeyValueStore {
  if (!log.growable) throw new StorageError('A shared log store needs a growable SharedArrayBuffer (createSharedLog)')
  const state: LogState = {
    log,
    bytes: new Uint8Array(log),
    view: new DataView(log),
    committed: new BigInt64Array(log, 0, 1),
    // The index keeps positions only; keys are read back from the log.
    index: createOffHeapIndex((offset) => keyAt(state, offset)),
    closed: false,
  }
  replay(state)
  return createView(state, new Uint8Array(0))
}

interface LogState {
  readonly log: SharedArrayBuffer
  /** Length-tracking views: they follow the buffer as it grows. */
  readonly bytes: Uint8Array
  readonly view: DataView
  readonly committed: BigInt64Array
  readonly index: OffHeapIndex
  closed: boolean
}

/** Indexes every committed record, in order: the latest operation on each key wins. */
function replay(state: LogState): void {
  const end = committedEnd(state)
  for (let offset = HEADER_BYTES; offset < end; ) offset = indexRecord(state, offset)
}

/** Indexes the operations of the record (one batch) at `offset`; returns where the next starts. */
function indexRecord(state: LogState, offset: number): number {
  const recordEnd = offset + 4 + state.view.getUint32(offset)
  for (let at = offset + 4; at < recordEnd; ) {
    const key = keyAt(state, at)
    state.index.set(key, at)
    const next = at + 5 + key.length
    at = state.bytes[at] === PUT ? next + 4 + state.view.getUint32(next) : next
  }
  return recordEnd
}

function committedEnd(state: LogState): number {
  return Number(Atomics.load(state.committed, 0))
}

function keyAt(state: LogState, offset: number): Uint8Array {
  const length = state.view.getUint32(offset + 1)
  return state.bytes.subarray(offset + 5, offset + 5 + length)
}

/** The value of the operation at `offset`, copied out of the log; undefined for a delete. */
function valueAt(state: LogState, offset: number): Uint8Array | undefined {
  if (state.bytes[offset] !== PUT) return undefined
  const valueLengthAt = offset + 5 + state.view.getUint32(offset + 1)
  const start = valueLengthAt + 4
  return state.bytes.slice(start, start + state.view.getUint32(valueLengthAt))
}

function append(state: LogState, operations: readonly { readonly type: number; readonly key: Uint8Array; readonly value?: Uint8Array }[]): void {
  let size = 4
  for (const operation of operations) size += 5 + operation.key.length + (operation.type === PUT ? 4 + (operation.value as Uint8Array).length : 0)
  const start = committedEnd(state)
  const end = start + size
  if (end > state.log.byteLength) grow(state, end)
  const { bytes, view } = state
  view.setUint32(start, size - 4)
  let offset = start + 4
  for (const operation of operations) {
    bytes[offset] = operation.type
    view.setUint32(offset + 1, operation.key.length)
    bytes.set(operation.key, offset + 5)
    offset += 5 + operation.key.length
    if (operation.type === PUT) {
      const value = operation.value as Uint8Array
      view.setUint32(offset, value.length)
      bytes.set(value, offset + 4)
      offset += 4 + value.length
    }
  }
  // The commit point: only now can a later incarnation see the batch.
  Atomics.store(state.committed, 0, BigInt(end))
  indexRecord(state, start)
}

function grow(state: LogState, needed: number): void {
  const { log } = state
  if (needed > log.maxByteLength) {
    throw new StorageError(`The in-memory store is full (${log.maxByteLength} bytes)`, {
      details: ['Nothing of this batch was written. Use a data directory for a chain this large.'],
    })
  }
  log.grow(Math.min(log.maxByteLength, Math.max(needed, log.byteLength * 2)))
}

function createView(state: LogState, prefix: Uint8Array): KeyValueStore {
  const keyOf = (key: Uint8Array) => (prefix.length === 0 ? key : concatBytes(prefix, key))
  const ensureOpen = () => {
    if (state.closed) throw new StorageError('The in-memory store is closed')
  }
  return {
    async get(key) {
      ensureOpen()
      const offset = state.index.get(keyOf(key))
      return offset === undefined ? undefined : valueAt(state, offset)
    },
    async batch(operations: readonly KeyValueOperation[]) {
      ensureOpen()
      if (operations.length === 0) return
      append(
        state,
        operations.map((operation) =>
          operation.type === 'put'
            ? { type: PUT, key: keyOf(operation.key), value: operation.value }
            : { type: DELETE, key: keyOf(operation.key) },
        ),
      )
    },
    async *entries(range: KeyValueRange = {}) {
      ensureOpen()
      const start = keyOf(range.prefix ?? new Uint8Array(0))
      const matching: number[] = []
      state.index.forEach((offset) => {
        if (state.bytes[offset] === PUT && startsWith(keyAt(state, offset), start)) matching.push(offset)
      })
      // Unsigned byte order, as the KeyValueStore contract says.
      matching.sort((left, right) => Buffer.compare(keyAt(state, left), keyAt(state, right)))
      if (range.reverse === true) matching.reverse()
      const limited = range.limit === undefined ? matching : matching.slice(0, range.limit)
      for (const offset of limited) {
        yield [keyAt(state, offset).slice(prefix.length), valueAt(state, offset) as Uint8Array] as const
      }
    },
    namespace(name) {
      return createView(state, namespacePrefix(prefix, name))
    },
    async close() {
      // Closing the root ends this incarnation's use of the log; the log itself stays intact.
      if (prefix.length === 0) state.closed = true
    },
  }
}

function startsWith(bytes: Uint8Array, prefix: Uint8Array): boolean {
  if (bytes.length < prefix.length) return false
  for (let index = 0; index < prefix.length; index++) if (bytes[index] !== prefix[index]) return false
  return true
}
