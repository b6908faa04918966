/** Read access to state: committed state, or committed state under pending writes. */
export interface StateView {
  get(key: string): Promise<string | undefined>
}

/**
 * Copy-on-write writes over a parent view. A block is an overlay over committed state; each
 * transaction is an overlay over its block. A transaction that fails is dropped with its
 * overlay, so its writes, its events and its messages never existed (the journal the spec
 * asks for); one that succeeds is merged into the block.
 */
export class Overlay implements StateView {
  private readonly parent: StateView
  /** `undefined` values are deletions. */
  readonly writes = new Map<string, string | undefined>()

  constructor(parent: StateView) {
    this.parent = parent
  }

  async get(key: string): Promise<string | undefined> {
    return this.writes.has(key) ? this.writes.get(key) : this.parent.get(key)
  }

  set(key: string, value: string | undefined): void {
    this.writes.set(key, value)
  }

  async getBigInt(key: string): Promise<bigint> {
    return BigInt((await this.get(key)) ?? '0')
  }

  setBigInt(key: string, value: bigint): void {
    this.set(key, value === 0n ? undefined : value.toString())
  }

  /** Moves this overlay's writes into `target` (its parent). */
  mergeInto(target: Overlay): void {
    for (const [key, value] of this.writes) target.set(key, value)
  }
}
