/**
 * The seam between the environment and a WASI implementation, so the provider can be
 * swapped (another library, or a hand-written subset) without touching execution.
 */
export interface WasiProvider {
  /** One WASI instance for one contract execution. */
  createSession(module: WebAssembly.Module, context: WasiSessionContext): WasiSession
}

export interface WasiSessionContext {
  /** Block time in nanoseconds, what every clock reads. */
  readonly timeNanoseconds: bigint
  /** Seed of `random_get`'s byte stream (the transaction hash). */
  readonly randomSeed: Uint8Array
  /** Charges gas; throws to stop the contract when it runs out. */
  readonly charge: (amount: bigint) => void
  /** Gas per byte written to stdout/stderr. */
  readonly debugByteGas: bigint
  /** Where stdout/stderr bytes go (the capped debug log). */
  readonly onOutput: (bytes: Uint8Array) => void
  /** `proc_exit`: throws to stop the contract with this exit code. */
  readonly onExit: (code: number) => never
}

export interface WasiSession {
  /** The `wasi_snapshot_preview1` namespace to link. */
  readonly imports: Record<string, (...args: never[]) => unknown>
  /** Binds the session to the instantiated module's memory. */
  bind(instance: WebAssembly.Instance): void
  /** Releases the provider's resources. */
  close(): void
}
