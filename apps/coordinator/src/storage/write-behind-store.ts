import { StorageError, bytesToHex, type KeyValueOperation, type KeyValueStore } from '@bulkhead/core'

/**
 * A store whose `batch` resolves as soon as the operations are readable here, writing them to
 * `inner` right after (in order, one batch at a time). For an environment of an in-memory
 * devnet: its disk store exists only so that a restarted worker can resume, and waiting for
 * LevelDB on every block was the largest part of a block's latency there.
 *
 * What that gives up, and why it is acceptable there: `batch` no longer means durable. The
 * write is started in the next turn of the event loop, before the worker handles its next
 * request, so a worker that fails while running a later block has its writes on disk; one that
 * dies within that fraction of a millisecond resumes a block behind, and the node says so.
 * A failed write is kept and thrown by every later call: nothing is silently lost.
 */
export function createWriteBehindStore(inner: KeyValueStore): KeyValueStore {
  const queue: WriteQueue = { tail: Promise.resolve(), failure: undefined }
  return view(inner, queue)
}

interface WriteQueue {
  tail: Promise<void>
  failure: unknown
}

function view(inner: KeyValueStore, queue: WriteQueue): KeyValueStore {
  /** Written here, not yet on `inner`: key (hex) -> value (null: deleted), one object per write. */
  const overlay = new Map<string, { readonly value: Uint8Array | null }>()
  const throwIfFailed = () => {
    if (queue.failure !== undefined) {
      throw new StorageError('An earlier write behind failed; the store is unusable', { cause: queue.failure })
    }
  }
  return {
    async get(key) {
      throwIfFailed()
      const pending = overlay.get(bytesToHex(key))
      if (pending !== undefined) return pending.value ?? undefined
      return inner.get(key)
    },
    async batch(operations: readonly KeyValueOperation[]) {
      throwIfFailed()
      if (operations.length === 0) return
      const written = operations.map((operation) => [bytesToHex(operation.key), { value: operation.type === 'put' ? operation.value : null }] as const)
      for (const [key, entry] of written) overlay.set(key, entry)
      const previous = queue.tail
      queue.tail = (async () => {
        await previous
        // The next turn: the caller's answer goes out before the write's own work starts.
        await new Promise<void>((resolve) => setImmediate(resolve))
        try {
          await inner.batch(operations)
        } catch (error) {
          queue.failure ??= error
          return
        }
        // Drop what reached `inner`, unless a later batch wrote the key again.
        for (const [key, entry] of written) if (overlay.get(key) === entry) overlay.delete(key)
      })()
    },
    async *entries(range) {
      // Rare (log and history queries): read a settled store rather than merge the overlay.
      await queue.tail
      throwIfFailed()
      yield* inner.entries(range)
    },
    namespace(name) {
      return view(inner.namespace(name), queue)
    },
    async close() {
      await queue.tail
      await inner.close()
      throwIfFailed()
    },
  }
}
