/** One write in an atomic {@link KeyValueStore.batch}. */
export type KeyValueOperation =
  | { readonly type: 'put'; readonly key: Uint8Array; readonly value: Uint8Array }
  | { readonly type: 'delete'; readonly key: Uint8Array }

export interface KeyValueRange {
  /** Only keys that start with these bytes; default every key. */
  readonly prefix?: Uint8Array
  /** Descending key order instead of ascending; default `false`. */
  readonly reverse?: boolean
  /** At most this many entries; default unlimited. */
  readonly limit?: number
}

/**
 * The storage every environment and the coordinator write through: a sorted byte-keyed map
 * with atomic batches. `@bulkhead/core` ships an in-memory one; `@bulkhead/storage` a
 * LevelDB one. Keys sort as unsigned bytes.
 */
export interface KeyValueStore {
  /** The value at `key`, or `undefined`. */
  get(key: Uint8Array): Promise<Uint8Array | undefined>
  /** Applies every operation or none of them, durably once the promise resolves. */
  batch(operations: readonly KeyValueOperation[]): Promise<void>
  /** Entries in key order (see {@link KeyValueRange}). */
  entries(range?: KeyValueRange): AsyncIterable<readonly [key: Uint8Array, value: Uint8Array]>
  /**
   * A view of this store under a name: its keys are invisible to other namespaces and to
   * the parent's other names. One namespace per environment keeps state apart down to disk.
   * Names are non-empty and contain no `/`.
   */
  namespace(name: string): KeyValueStore
  /** Releases the underlying handle. Closing a namespace view closes nothing. */
  close(): Promise<void>
}
