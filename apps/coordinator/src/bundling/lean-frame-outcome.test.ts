import { createEVM } from '@ethereumjs/evm'
import { Account, createAddressFromString } from '@ethereumjs/util'
import { hexToBytes } from '@bulkhead/core'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { importEngineInterpreter, wrapRun } from '../__fixtures__/engine-interpreter.js'
import { leanFrameOutcome, type FrameOutcomeHost } from './lean-frame-outcome.js'

const Interpreter = await importEngineInterpreter<FrameOutcomeHost>()

const { upstream: upstreamRun, wrapped: leanRun } = wrapRun(Interpreter, leanFrameOutcome)

const caller = createAddressFromString('0x00000000000000000000000000000000000ca11e')
const contract = createAddressFromString('0x00000000000000000000000000000000000c0de0')

/** A call into `code` through the engine's message path, as runTx makes it; `listen` attaches a message listener. */
async function call(run: FrameOutcomeHost['run'], code: Uint8Array, listen = false) {
  Interpreter.prototype.run = run
  const evm = await createEVM()
  await evm.stateManager.putAccount(caller, new Account(0n, 10n ** 18n))
  await evm.stateManager.putAccount(contract, new Account())
  await evm.stateManager.putCode(contract, code)
  if (listen) evm.events.on('afterMessage', () => undefined)
  try {
    const { execResult, createdAddress } = await evm.runCall({ caller, to: contract, gasLimit: 200_000n, value: 1n })
    return { execResult, createdAddress }
  } catch (error) {
    return { thrown: (error as Error).message }
  }
}

/** Everything of a call's outcome but the run state this wrapper leaves out. */
function withoutRunState(outcome: Awaited<ReturnType<typeof call>>) {
  if (!('execResult' in outcome)) return outcome
  const { runState: _, ...execResult } = outcome.execResult
  return { ...outcome, execResult }
}

const op = (hex: string) => Array.from(hexToBytes(`0x${hex}`))

/** Pushes, arithmetic, memory, storage, logs, jumps, a nested call to itself, ends. */
const piece = fc.oneof(
  fc.integer({ min: 0, max: 255 }).map((value) => [0x60, value]),
  fc.constantFrom(
    op('01'), op('03'), op('80'), op('50'), op('5a'), op('600052'), op('600051'), op('6001600155'), op('600154'),
    op('60206000a0'), op('602060006001a1'), op('5b'), op('600456'), op('60206000f3'), op('60006000fd'), op('00'), op('fe'),
    op('6000600060006000600030611000f150'), op('33ff'),
  ),
)
const program = fc.array(piece, { maxLength: 30 }).map((pieces) => Uint8Array.from(pieces.flat()))

describe('lean frame outcome (wrapped around the engine’s interpreter in the bundled program)', () => {
  it('leaves every part of a call’s result as upstream does, for any code, nested calls included', async () => {
    await fc.assert(
      fc.asyncProperty(program, async (code) => {
        expect(withoutRunState(await call(leanRun, code))).toEqual(withoutRunState(await call(upstreamRun, code)))
      }),
      { numRuns: 200 },
    )
  })

  it('hands back only the fields runInterpreter reads, and upstream’s whole run state to listeners', async () => {
    // SSTORE, a log, RETURN.
    const code = Uint8Array.from(op('600160015560206000a060206000f3'))
    const lean = await call(leanRun, code)
    const upstream = await call(upstreamRun, code)
    const listened = await call(leanRun, code, true)
    if (!('execResult' in lean) || !('execResult' in upstream) || !('execResult' in listened)) throw new Error('the call threw')
    expect(Object.keys(upstream.execResult.runState ?? {})).toContain('stack')
    expect(lean.execResult.runState).not.toHaveProperty('stack')
    expect(lean.execResult.runState).not.toHaveProperty('address')
    expect(lean.execResult.runState?.gasLeft).toBe(upstream.execResult.runState?.gasLeft)
    expect(Object.keys(listened.execResult.runState ?? {}).sort()).toEqual(Object.keys(upstream.execResult.runState ?? {}).sort())
  })

  it('refuses a prototype without run', () => {
    expect(() => leanFrameOutcome({} as FrameOutcomeHost)).toThrow(/no run to wrap/)
  })
})
