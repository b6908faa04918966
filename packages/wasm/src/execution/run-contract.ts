import { concatBytes, hexToBytes, type OutcomeStatus } from '@bulkhead/core'
import { createHostFunctions, type HostContext, type HostEffects } from '../host/host-api.js'
import { HOST_MODULE, WASI_MODULE } from '../host/host-function-signatures.js'
import { METERING_EXPORTS, METERING_STATUS } from '../metering/metering-exports.js'
import type { WasiProvider, WasiSession } from '../wasi/wasi-provider.js'
import { ExecutionHalt } from './execution-halt.js'

export interface RunContractInput {
  /** The compiled metered module. */
  readonly module: WebAssembly.Module
  readonly usesWasi: boolean
  readonly wasi: WasiProvider
  readonly context: HostContext
  /** The export to call after the (former) start function; absent to run only the start function. */
  readonly entry?: string
  /** When the entry is missing: run nothing more (deploy's optional `init`) instead of trapping. */
  readonly entryOptional?: boolean
  readonly gasLimit: bigint
}

export interface RunContractResult {
  readonly status: Exclude<OutcomeStatus, 'rejected' | 'timed_out'>
  readonly reason?: string
  readonly gasUsed: bigint
  readonly returnData: Uint8Array
  readonly effects: HostEffects
  readonly debugLog: string
}

const textDecoder = new TextDecoder()

/**
 * Instantiates a metered contract and runs one entry point to completion, synchronously.
 * It never throws for anything the contract does: every ending is a status. State writes go
 * through the caller's journal frame, which the caller keeps or drops by the status.
 */
export function runContract(input: RunContractInput): RunContractResult {
  const { context, gasLimit } = input
  const effects: HostEffects = { returnData: new Uint8Array(0), events: [], messages: [] }
  const debug: Uint8Array[] = []
  let debugBytes = 0
  let instance: WebAssembly.Instance | undefined
  let memory: WebAssembly.Memory | undefined
  let gas: WebAssembly.Global | undefined
  let status: WebAssembly.Global | undefined
  let wasi: WasiSession | undefined

  const gasLeft = (): bigint => (gas === undefined ? gasLimit : (gas.value as bigint))
  const charge = (amount: bigint): void => {
    if (gas === undefined) return
    const left = gas.value as bigint
    if (left < amount) {
      gas.value = 0n
      throw new ExecutionHalt('out_of_gas', 'out of gas')
    }
    gas.value = left - amount
  }
  const runtime = {
    memory: () => new Uint8Array(memory!.buffer),
    charge,
    gasLeft,
  }

  // `consumeAll`: a trap inside contract code. Metered code keeps the gas left in locals and
  // writes it to the global only around host and indirect calls, so after a trap the global
  // is stale: the trap costs the whole limit, like running out of gas (see README).
  const finish = (outcome: RunContractResult['status'], reason?: string, data?: Uint8Array, consumeAll = false): RunContractResult => {
    try {
      wasi?.close()
    } catch {
      // A provider left in a bad state by a failed call leaks one session rather than failing the block.
    }
    const gasUsed = outcome === 'out_of_gas' || consumeAll ? gasLimit : gasLimit - gasLeft()
    return {
      status: outcome,
      ...(reason === undefined ? {} : { reason }),
      gasUsed,
      returnData: data ?? (outcome === 'ok' ? effects.returnData : new Uint8Array(0)),
      effects,
      debugLog: textDecoder.decode(concatBytes(...debug)),
    }
  }

  try {
    const imports: WebAssembly.Imports = {}
    const host = createHostFunctions(context, effects, runtime)
    const wanted = WebAssembly.Module.imports(input.module)
    if (wanted.some((entry) => entry.module === HOST_MODULE)) imports[HOST_MODULE] = host as never
    if (input.usesWasi) {
      wasi = input.wasi.createSession(input.module, {
        timeNanoseconds: context.block.timestamp * 1_000_000_000n,
        randomSeed: hexToBytes(context.transactionHash),
        charge,
        debugByteGas: context.schedule.debugByte,
        onOutput: (bytes) => {
          const room = context.limits.maxDebugLogBytes - debugBytes
          if (room <= 0) return
          const kept = bytes.subarray(0, room)
          debug.push(kept.slice())
          debugBytes += kept.length
        },
        onExit: (code) => {
          throw code === 0 ? new ExecutionHalt('ok', 'exit 0') : new ExecutionHalt('reverted', `exit code ${code}`)
        },
      })
      imports[WASI_MODULE] = wasi.imports as never
    }
    instance = new WebAssembly.Instance(input.module, imports)
    const exports = instance.exports
    memory = exports[METERING_EXPORTS.memory] as WebAssembly.Memory
    gas = exports[METERING_EXPORTS.gas] as WebAssembly.Global
    status = exports[METERING_EXPORTS.status] as WebAssembly.Global
    gas.value = gasLimit
    // Every execution gets a fresh instance, so its initial memory is paid for like grown pages
    // (the first page is free): a 512-page contract cannot be called at the price of a 1-page one.
    const pages = BigInt(memory.buffer.byteLength / 65_536)
    if (pages > 1n) charge((pages - 1n) * context.schedule.memoryGrowPage)
    wasi?.bind(instance)

    const start = exports[METERING_EXPORTS.start]
    if (typeof start === 'function') start()
    if (input.entry !== undefined) {
      const entry = exports[input.entry]
      if (typeof entry !== 'function') {
        if (!input.entryOptional) return finish('trapped', `contract has no exported function "${input.entry}"`)
      } else if (entry.length !== 0) {
        return finish('trapped', `exported function "${input.entry}" takes parameters; entry points take none (see the ABI)`)
      } else {
        entry()
      }
    }
    return finish('ok')
  } catch (error) {
    if (error instanceof ExecutionHalt) {
      if (error.status === 'ok') return finish('ok')
      return finish(error.status, error.reason, error.status === 'reverted' ? error.data : undefined)
    }
    const trapStatus = status?.value as number | undefined
    if (trapStatus === METERING_STATUS.outOfGas) return finish('out_of_gas', 'out of gas')
    const ranCode = instance !== undefined
    if (trapStatus === METERING_STATUS.callDepth) return finish('trapped', 'call depth exceeded', undefined, true)
    if (error instanceof WebAssembly.RuntimeError || error instanceof WebAssembly.LinkError) {
      return finish('trapped', error.message, undefined, ranCode && error instanceof WebAssembly.RuntimeError)
    }
    // V8's own stack limit: the depth budget should make this unreachable; kept as a backstop.
    if (error instanceof RangeError) return finish('trapped', `engine limit: ${error.message}`, undefined, ranCode)
    // Anything else a contract provoked in a host or WASI function: the contract fails, the
    // block goes on.
    return finish('trapped', `host fault: ${error instanceof Error ? error.message : String(error)}`)
  }
}

