import { createEVM } from '@ethereumjs/evm'
import { Account, createAddressFromString } from '@ethereumjs/util'
import { hexToBytes } from '@bulkhead/core'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { importEngineInterpreter, wrapRun } from '../__fixtures__/engine-interpreter.js'
import { syncInterpreterSteps, type InterpreterSteppingHost } from './sync-interpreter-steps.js'

const Interpreter = await importEngineInterpreter<InterpreterSteppingHost & { runStep: (...args: unknown[]) => Promise<void> }>()

// The engine builds its interpreters from this class, so each run below picks one `run` on it.
const { upstream: upstreamRun, wrapped: syncRun } = wrapRun(Interpreter, syncInterpreterSteps)

const contract = createAddressFromString('0x00000000000000000000000000000000000c0de0')

/** What a frame left behind, in a form toEqual can compare. */
async function execute(run: InterpreterSteppingHost['run'], code: Uint8Array, watchSteps = false) {
  Interpreter.prototype.run = run
  const evm = await createEVM()
  // SSTORE needs the running contract's account to exist.
  await evm.stateManager.putAccount(contract, new Account())
  let steps = 0
  if (watchSteps) evm.events.on('step', () => void steps++)
  let result: Awaited<ReturnType<typeof evm.runCode>>
  try {
    result = await evm.runCode({ code, gasLimit: 200_000n, to: contract })
  } catch (error) {
    // Not an engine error (BASEFEE without a block, say): it must escape the same way.
    return { thrown: (error as Error).message }
  }
  return {
    error: result.exceptionError?.error,
    gasUsed: result.executionGasUsed,
    refund: result.gasRefund,
    returned: Array.from(result.returnValue),
    logs: (result.logs ?? []).map((log) => log.map((part) => (Array.isArray(part) ? part.map((topic) => Array.from(topic)) : Array.from(part)))),
    steps,
  }
}

const op = (hex: string) => Array.from(hexToBytes(`0x${hex}`))

/** Short sequences that keep random programs running a while: pushes, arithmetic, memory, storage (asynchronous gas), logs, jumps, ends. */
const piece = fc.oneof(
  fc.integer({ min: 0, max: 255 }).map((value) => [0x60, value]),
  fc.uint8Array({ minLength: 32, maxLength: 32 }).map((bytes) => [0x7f, ...bytes]),
  fc.constantFrom(
    op('01'), op('02'), op('03'), op('04'), op('0a'), op('80'), op('81'), op('90'), op('50'), op('5a'), op('58'),
    op('600052'), op('600051'), op('6000526020600020'), op('600155'), op('600154'), op('6001600155'), op('60025c'), op('6003600a5d'),
    op('60206000a0'), op('602060006001a1'), op('5b'), op('600456'), op('6001600657'), op('60206000f3'), op('60006000fd'), op('00'), op('fe'),
  ),
  fc.integer({ min: 0, max: 255 }).map((value) => [value]),
)
const program = fc.array(piece, { maxLength: 40 }).map((pieces) => Uint8Array.from(pieces.flat()))

describe('synchronous interpreter steps (wrapped around the engine’s interpreter in the bundled program)', () => {
  it('leaves exactly what upstream leaves: result, gas, refund, logs and error, for any code', async () => {
    await fc.assert(
      fc.asyncProperty(program, async (code) => {
        expect(await execute(syncRun, code)).toEqual(await execute(upstreamRun, code))
      }),
      { numRuns: 300 },
    )
  })

  it('steps plain code without upstream’s per-step method, and hands single steps to it when watched', async () => {
    const upstreamStep = Interpreter.prototype.runStep
    let upstreamSteps = 0
    Interpreter.prototype.runStep = function (...args: unknown[]) {
      upstreamSteps++
      return upstreamStep.apply(this, args)
    }
    try {
      // SSTORE (asynchronous gas and handler), a jump, a log, RETURN.
      const code = Uint8Array.from(op('6001600155600654005b60206000a060206000f3'))
      const unwatched = await execute(syncRun, code)
      expect(upstreamSteps).toBe(0)
      const watched = await execute(syncRun, code, true)
      expect(upstreamSteps).toBeGreaterThan(0)
      expect(watched.steps).toBe(upstreamSteps)
      expect({ ...watched, steps: 0 }).toEqual(unwatched)
    } finally {
      Interpreter.prototype.runStep = upstreamStep
    }
  })

  it('refuses a prototype without run', () => {
    expect(() => syncInterpreterSteps({} as InterpreterSteppingHost)).toThrow(/no run to replace/)
  })
})
