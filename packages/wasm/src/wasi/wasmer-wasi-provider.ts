import { WASI, init } from '@wasmer/wasi'
import { WASI_FUNCTIONS } from '../host/host-function-signatures.js'
import { createDeterministicRandom } from './deterministic-random.js'
import type { WasiProvider, WasiSession, WasiSessionContext } from './wasi-provider.js'

const ERRNO_SUCCESS = 0
const ERRNO_FAULT = 21
const ERRNO_INVAL = 28

let ready: Promise<void> | undefined

/**
 * WASI through @wasmer/wasi with no preopens, no arguments and no environment. The parts
 * that would read the host are replaced: clocks read the block time, `random_get` reads a
 * stream seeded by the transaction hash, `proc_exit` stops the contract, and `fd_write`
 * pays gas per byte before wasmer sees it; its output goes to the capped debug log.
 */
export async function createWasmerWasiProvider(): Promise<WasiProvider> {
  // wasmer-js ships its own wasm; it is compiled once per process.
  ready ??= init().then(() => undefined)
  await ready
  return { createSession }
}

function createSession(module: WebAssembly.Module, context: WasiSessionContext): WasiSession {
  const wasi = new WASI({ args: [], env: {} })
  const all = (wasi.getImports(module as never) as Record<string, Record<string, (...args: never[]) => unknown>>)
    .wasi_snapshot_preview1 ?? {}
  let memory: WebAssembly.Memory | undefined
  const view = () => {
    if (memory === undefined) throw new Error('WASI used before bind')
    return new DataView(memory.buffer)
  }
  const random = createDeterministicRandom(context.randomSeed)
  const drain = () => {
    const out = wasi.getStdoutBuffer()
    if (out.length > 0) context.onOutput(out)
    const err = wasi.getStderrBuffer()
    if (err.length > 0) context.onOutput(err)
  }
  const overrides: Record<string, (...args: never[]) => unknown> = {
    clock_time_get: ((_clock: number, _precision: bigint, out: number) => {
      if (!inBounds(view(), out, 8)) return ERRNO_FAULT
      view().setBigUint64(out, context.timeNanoseconds, true)
      return ERRNO_SUCCESS
    }) as never,
    random_get: ((pointer: number, length: number) => {
      if (!inBounds(view(), pointer, length)) return ERRNO_FAULT
      context.charge(BigInt(length) * context.debugByteGas)
      new Uint8Array(memory!.buffer, pointer, length).set(random(length))
      return ERRNO_SUCCESS
    }) as never,
    proc_exit: ((code: number) => context.onExit(code)) as never,
    fd_write: ((fd: number, iovs: number, count: number, written: number) => {
      if (fd !== 1 && fd !== 2) return ERRNO_INVAL
      const data = view()
      if (count > 1024 || !inBounds(data, iovs, count * 8) || !inBounds(data, written, 4)) return ERRNO_FAULT
      let total = 0n
      for (let index = 0; index < count; index++) {
        const buffer = data.getUint32(iovs + index * 8, true)
        const length = data.getUint32(iovs + index * 8 + 4, true)
        // Checked here so wasmer never sees a pointer it could fault (and panic) on.
        if (!inBounds(data, buffer, length)) return ERRNO_FAULT
        total += BigInt(length)
      }
      context.charge(total * context.debugByteGas)
      const result = (all.fd_write as unknown as (...args: number[]) => number)(fd, iovs, count, written)
      drain()
      return result
    }) as never,
    // The rest go to wasmer once every pointer they write through is known to be in bounds.
    args_sizes_get: checked('args_sizes_get', (first: number, second: number) => inBounds(view(), first, 4) && inBounds(view(), second, 4)),
    environ_sizes_get: checked('environ_sizes_get', (first: number, second: number) => inBounds(view(), first, 4) && inBounds(view(), second, 4)),
    fd_fdstat_get: checked('fd_fdstat_get', (_fd: number, out: number) => inBounds(view(), out, 24)),
    fd_seek: checked('fd_seek', (_fd: number, _offset: bigint, _whence: number, out: number) => inBounds(view(), out, 8)),
  }
  function checked(name: string, valid: (...args: never[]) => boolean): (...args: never[]) => unknown {
    return ((...args: never[]) => (valid(...args) ? (all[name] as (...values: never[]) => unknown)(...args) : ERRNO_FAULT)) as never
  }
  const imports: Record<string, (...args: never[]) => unknown> = {}
  for (const name of Object.keys(WASI_FUNCTIONS)) {
    const implementation = overrides[name] ?? all[name]
    if (implementation !== undefined) imports[name] = implementation
  }
  return {
    imports,
    bind(instance) {
      memory = instance.exports.memory as WebAssembly.Memory
      wasi.instantiate(instance, {})
    },
    close() {
      wasi.free()
    },
  }
}

function inBounds(view: DataView, pointer: number, length: number): boolean {
  return pointer >= 0 && length >= 0 && pointer + length <= view.byteLength
}
