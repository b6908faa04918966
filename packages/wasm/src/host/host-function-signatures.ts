// Value-type bytes of the Wasm binary format.
const i32 = 0x7f
const i64 = 0x7e

export interface HostSignature {
  readonly params: readonly number[]
  readonly results: readonly number[]
}

/**
 * The `env` host API a contract may import, with the exact signature each must be imported
 * with. Checked at upload, so a contract never fails to link at call time.
 */
export const HOST_FUNCTIONS: Readonly<Record<string, HostSignature>> = Object.freeze({
  input_size: { params: [], results: [i32] },
  input_read: { params: [i32], results: [] },
  return_data: { params: [i32, i32], results: [] },
  storage_get: { params: [i32, i32, i32, i32], results: [i32] },
  storage_set: { params: [i32, i32, i32, i32], results: [] },
  storage_remove: { params: [i32, i32], results: [] },
  caller: { params: [i32], results: [] },
  self_address: { params: [i32], results: [] },
  value: { params: [i32], results: [] },
  block_height: { params: [], results: [i64] },
  block_timestamp: { params: [], results: [i64] },
  gas_left: { params: [], results: [i64] },
  balance: { params: [i32, i32], results: [] },
  transfer: { params: [i32, i32], results: [i32] },
  emit_event: { params: [i32, i32, i32, i32], results: [] },
  send_asset: { params: [i32, i32, i32, i32, i32], results: [i32] },
  send_call: { params: [i32, i32, i32, i32, i32, i32, i64], results: [i32] },
  publish_state: { params: [i32, i32, i32, i32, i32, i32], results: [i32] },
  mirror_read: { params: [i32, i32, i32, i32, i32, i32, i32, i32], results: [i32] },
  abort: { params: [i32, i32], results: [] },
})

/** The WASI preview1 subset a contract may import (no files, sockets or polling). */
export const WASI_FUNCTIONS: Readonly<Record<string, HostSignature>> = Object.freeze({
  args_get: { params: [i32, i32], results: [i32] },
  args_sizes_get: { params: [i32, i32], results: [i32] },
  environ_get: { params: [i32, i32], results: [i32] },
  environ_sizes_get: { params: [i32, i32], results: [i32] },
  clock_time_get: { params: [i32, i64, i32], results: [i32] },
  random_get: { params: [i32, i32], results: [i32] },
  fd_write: { params: [i32, i32, i32, i32], results: [i32] },
  fd_fdstat_get: { params: [i32, i32], results: [i32] },
  fd_close: { params: [i32], results: [i32] },
  fd_seek: { params: [i32, i64, i32, i32], results: [i32] },
  proc_exit: { params: [i32], results: [] },
  sched_yield: { params: [], results: [i32] },
})

export const HOST_MODULE = 'env'
export const WASI_MODULE = 'wasi_snapshot_preview1'
