// Wrapped around the EVM engine's interpreter in the bundled program (program-bundling.config.ts).
// Upstream's loop awaits every opcode (`await this.runStep()`, an async method that awaits its
// gas handler too), so even PUSH1 allocates promises and waits for a microtask turn; an ERC-20
// transfer runs a few hundred opcodes. Here an opcode is stepped synchronously and awaited only
// when its gas or its handler really is asynchronous (storage, calls, logs). Anything that
// observes single steps (step listeners, debug, the profiler) or that this loop does not
// implement (EOF, stateless code chunks, EIP-7928 block access lists) takes upstream's path.
import { EVMError } from '@ethereumjs/evm'

/** One entry of the engine's opcode table (upstream's names). */
interface OpcodeEntry {
  readonly opcodeInfo: {
    readonly code: number
    readonly feeBigInt: bigint
    readonly dynamicGas: boolean
    readonly isAsync: boolean
    readonly isInvalid: boolean
  }
  readonly opHandler: (runState: RunState, common: unknown) => unknown
  readonly gasHandler: (runState: RunState, gas: bigint, common: unknown) => bigint | Promise<bigint>
}

interface RunState {
  programCounter: number
  opCode: number
  code: Uint8Array
  validJumps: unknown
  cachedPushes: unknown
  shouldDoJumpAnalysis: boolean
  readonly env: { readonly accessWitness?: unknown }
}

interface InterpreterLike {
  readonly _runState: RunState
  readonly common: { isActivatedEIP(eip: number): boolean }
  readonly _evm: { readonly DEBUG: boolean; readonly events: { listenerCount(event: string): number } }
  readonly profilerOpts?: { readonly enabled?: boolean }
  useGas(amount: bigint, context: unknown): void
  lookupOpInfo(opcode: number): OpcodeEntry
  runStep(entry?: OpcodeEntry): Promise<void>
  _getValidJumpDestinations(code: Uint8Array): { jumps: unknown; pushes: unknown; opcodesCached: OpcodeEntry[] }
}

/** The part of the interpreter's prototype this replaces. */
export interface InterpreterSteppingHost {
  run(this: InterpreterLike, code: Uint8Array, options?: { pc?: number }): Promise<unknown>
}

/**
 * EIPs whose per-step or end-of-frame work lives in upstream's loop only: EOF, stateless code
 * chunks, block access lists, state gas (upstream's loop burns a CREATE's leftover gas for it).
 */
const UPSTREAM_ONLY_EIPS = [3540, 6800, 7864, 7928, 8037]

/** Replaces `prototype.run` with a loop that awaits only asynchronous opcodes (see the file's comment). */
export function syncInterpreterSteps(prototype: InterpreterSteppingHost): void {
  const upstreamRun = prototype.run
  if (typeof upstreamRun !== 'function') throw new TypeError("the EVM engine's interpreter has no run to replace")
  prototype.run = function (this: InterpreterLike, code: Uint8Array, options: { pc?: number } = {}) {
    const runState = this._runState
    const pc = options.pc ?? runState.programCounter
    const plain =
      this.profilerOpts?.enabled !== true &&
      runState.env.accessWitness === undefined &&
      pc >= 0 &&
      (pc === 0 || pc < code.length) &&
      !UPSTREAM_ONLY_EIPS.some((eip) => this.common.isActivatedEIP(eip))
    return plain ? runPlain(this, code, pc) : upstreamRun.call(this, code, options)
  }
}

async function runPlain(interpreter: InterpreterLike, code: Uint8Array, pc: number) {
  const runState = interpreter._runState
  runState.code = code
  runState.programCounter = pc
  let error: unknown
  let table: OpcodeEntry[] | undefined
  while (runState.programCounter < code.length) {
    let entry: OpcodeEntry | undefined
    if (table === undefined) {
      const opcode = code[runState.programCounter] as number
      // As upstream: the jump analysis runs at the first JUMP, JUMPI or JUMPSUB reached.
      if (opcode === 0x56 || opcode === 0x57 || opcode === 0x5e) {
        const { jumps, pushes, opcodesCached } = interpreter._getValidJumpDestinations(code)
        runState.validJumps = jumps
        runState.cachedPushes = pushes
        runState.shouldDoJumpAnalysis = false
        table = opcodesCached
      }
      runState.opCode = opcode
    } else {
      entry = table[runState.programCounter] as OpcodeEntry
      runState.opCode = entry.opcodeInfo.code
    }
    try {
      const pending = observed(interpreter) ? interpreter.runStep(entry) : step(interpreter, entry ?? interpreter.lookupOpInfo(runState.opCode))
      if (pending !== undefined) await pending
    } catch (thrown) {
      // As upstream: engine errors end the frame (STOP is not an error), anything else is a bug.
      if (!isEngineError(thrown)) throw thrown
      if (thrown.error !== EVMError.errorMessages.STOP) error = thrown
      break
    }
  }
  return { runState, exceptionError: error }
}

/** Someone watches single steps: upstream's runStep emits them. */
function observed(interpreter: InterpreterLike): boolean {
  return interpreter._evm.DEBUG || interpreter._evm.events.listenerCount('step') > 0
}

/** One opcode: charge its gas, advance, run its handler; a promise only if some part is asynchronous. */
function step(interpreter: InterpreterLike, entry: OpcodeEntry): Promise<unknown> | undefined {
  const info = entry.opcodeInfo
  if (!info.dynamicGas) return charge(interpreter, entry, info.feeBigInt)
  const gas = entry.gasHandler(interpreter._runState, info.feeBigInt, interpreter.common)
  return typeof gas === 'bigint' ? charge(interpreter, entry, gas) : gas.then((dynamic) => charge(interpreter, entry, dynamic))
}

function charge(interpreter: InterpreterLike, entry: OpcodeEntry, gas: bigint): Promise<unknown> | undefined {
  const info = entry.opcodeInfo
  if (info.isInvalid) throw new EVMError(EVMError.errorMessages.INVALID_OPCODE)
  interpreter.useGas(gas, info)
  interpreter._runState.programCounter++
  // Called as upstream calls it: a plain function, not a method of the table entry.
  const handler = entry.opHandler
  const result = handler(interpreter._runState, interpreter.common)
  return info.isAsync ? (result as Promise<unknown>) : undefined
}

function isEngineError(thrown: unknown): thrown is { error: string } {
  return typeof thrown === 'object' && thrown !== null && (thrown as { errorType?: unknown }).errorType === 'EVMError'
}
