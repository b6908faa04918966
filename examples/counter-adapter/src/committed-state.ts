import { NotFoundError, StorageError, type CommittedHead, type Hash, type KeyValueStore } from '@bulkhead/core'
import { StateCommitment } from './state-commitment.js'
import type { StateView } from './state-view.js'

const encoder = new TextEncoder()
const decoder = new TextDecoder()

const STATE = 'state/'
const HEAD = encoder.encode('meta/head')
const heightKey = (prefix: string, height: bigint) => encoder.encode(`${prefix}${height.toString().padStart(20, '0')}`)

/** What one height changed: each key with the value it had before (to undo it on rollback). */
type UndoLog = readonly (readonly [key: string, before: string | null])[]

/**
 * Committed state in a {@link KeyValueStore}:
 *
 * - `state/<key>`      the latest committed value of every key (queries read it directly);
 * - `undo/<height>`    what block `height` overwrote, so rollback costs O(changes), not O(state);
 * - `root/<height>`    the state root of every committed height;
 * - `meta/head`        the committed head.
 *
 * `commit` writes all of them in one atomic batch, so a crash at any instant leaves the store
 * at the previous head or the new one, never between. Undo logs are never pruned here; a
 * production adapter prunes them past its rollback window (and then throws NOT_FOUND).
 */
export class CommittedState implements StateView {
  private readonly store: KeyValueStore
  /** Mirrors `state/` in memory, so a block rehashes only the buckets it touched instead of scanning the store. */
  private readonly commitment = new StateCommitment()

  private constructor(store: KeyValueStore) {
    this.store = store
  }

  /** Opens committed state over `store`, reading every entry once to build the commitment. */
  static async open(store: KeyValueStore): Promise<CommittedState> {
    const state = new CommittedState(store)
    await state.reload()
    return state
  }

  private async reload(): Promise<void> {
    const entries: [string, string][] = []
    for await (const [key, value] of this.store.entries({ prefix: encoder.encode(STATE) })) {
      entries.push([decoder.decode(key).slice(STATE.length), decoder.decode(value)])
    }
    this.commitment.reset(entries)
  }

  async get(key: string): Promise<string | undefined> {
    const value = await this.store.get(encoder.encode(STATE + key))
    return value === undefined ? undefined : decoder.decode(value)
  }

  async head(): Promise<CommittedHead | undefined> {
    const bytes = await this.store.get(HEAD)
    if (bytes === undefined) return undefined
    const { height, stateRoot } = JSON.parse(decoder.decode(bytes)) as { height: string; stateRoot: Hash }
    return { height: BigInt(height), stateRoot }
  }

  /** The state root with `writes` applied to committed state (see {@link StateCommitment}). */
  rootWith(writes: ReadonlyMap<string, string | undefined>): Hash {
    return this.commitment.rootWith(writes)
  }

  /** Makes `writes` the state at `head`, atomically. */
  async commit(head: CommittedHead, writes: ReadonlyMap<string, string | undefined>): Promise<void> {
    const undo: [string, string | null][] = []
    const operations: Parameters<KeyValueStore['batch']>[0][number][] = []
    for (const [key, value] of [...writes].sort(([left], [right]) => (left < right ? -1 : left > right ? 1 : 0))) {
      undo.push([key, (await this.get(key)) ?? null])
      const storeKey = encoder.encode(STATE + key)
      operations.push(value === undefined ? { type: 'delete', key: storeKey } : { type: 'put', key: storeKey, value: encoder.encode(value) })
    }
    operations.push(
      { type: 'put', key: heightKey('undo/', head.height), value: encoder.encode(JSON.stringify(undo)) },
      { type: 'put', key: heightKey('root/', head.height), value: encoder.encode(head.stateRoot) },
      { type: 'put', key: HEAD, value: encoder.encode(JSON.stringify({ height: head.height.toString(), stateRoot: head.stateRoot })) },
    )
    await this.write(operations)
    this.commitment.apply(writes)
  }

  /** Undoes every height above `height`, newest first, in one atomic batch. */
  async rollback(height: bigint): Promise<CommittedHead> {
    const current = await this.head()
    const root = await this.store.get(heightKey('root/', height))
    if (current === undefined || height > current.height || height < 0n || root === undefined) {
      throw new NotFoundError(`Height ${height} is not a committed height of this environment`, {
        details: [`head: ${current?.height ?? 'none'}`],
      })
    }
    const restored = new Map<string, string | null>()
    const operations: Parameters<KeyValueStore['batch']>[0][number][] = []
    for (let undone = current.height; undone > height; undone--) {
      const log = await this.store.get(heightKey('undo/', undone))
      if (log === undefined) throw new NotFoundError(`Height ${undone} has no undo log (pruned?)`)
      // Walking down, an older "before" value overwrites a newer one: the oldest wins.
      for (const [key, before] of JSON.parse(decoder.decode(log)) as UndoLog) restored.set(key, before)
      operations.push({ type: 'delete', key: heightKey('undo/', undone) }, { type: 'delete', key: heightKey('root/', undone) })
    }
    for (const [key, before] of restored) {
      const storeKey = encoder.encode(STATE + key)
      operations.push(before === null ? { type: 'delete', key: storeKey } : { type: 'put', key: storeKey, value: encoder.encode(before) })
    }
    const head: CommittedHead = { height, stateRoot: decoder.decode(root) as Hash }
    operations.push({ type: 'put', key: HEAD, value: encoder.encode(JSON.stringify({ height: height.toString(), stateRoot: head.stateRoot })) })
    await this.write(operations)
    // Rollbacks are rare; rebuilding the commitment from the store keeps this path obvious.
    await this.reload()
    return head
  }

  private async write(operations: Parameters<KeyValueStore['batch']>[0]): Promise<void> {
    try {
      await this.store.batch(operations)
    } catch (error) {
      throw new StorageError('Could not write the counter environment state', { cause: error })
    }
  }
}
