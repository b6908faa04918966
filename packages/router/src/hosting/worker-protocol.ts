/** Main thread → worker. `id` pairs the answer with its call. */
export interface WorkerRequest {
  readonly id: number
  readonly method: string
  readonly args: readonly unknown[]
}

/** An error as it crosses the thread boundary (class identity does not survive cloning). */
export interface SerializedError {
  readonly name: string
  readonly message: string
  /** Set only for a `BulkheadError` (Node's own errors have a `code` too, e.g. `ERR_MODULE_NOT_FOUND`). */
  readonly code?: string
  readonly shortMessage?: string
  readonly details?: readonly string[]
}

/** Worker → main thread. An `interim` answer (an admit-first check) comes before the call's final one. */
export type WorkerResponse =
  | { readonly id: number; readonly interim: true; readonly value: unknown }
  | { readonly id: number; readonly ok: true; readonly value: unknown }
  | { readonly id: number; readonly ok: false; readonly error: SerializedError }

/** What the worker builds the environment from (`workerData`). */
export interface WorkerBootstrap {
  readonly module: string
  readonly export: string
  readonly options: unknown
}
