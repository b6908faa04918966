import { createEVM } from '@ethereumjs/evm'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { importEngineInterpreter } from '../__fixtures__/engine-interpreter.js'
import { cacheJumpAnalysis, type InterpreterLike, type JumpAnalysisHost } from './cached-jump-analysis.js'

const Interpreter = await importEngineInterpreter<JumpAnalysisHost>()

/** A real engine's opcode table (what the interpreter reads through `_evm`). */
const engineOpcodeMap = async () => ((await createEVM()) as unknown as InterpreterLike['_evm'])._opcodeMap

/** An interpreter on `prototype` as far as the analysis looks: its engine's opcode table, no extra EIPs. */
const interpreterOn = (prototype: JumpAnalysisHost, opcodeMap: object) =>
  Object.assign(Object.create(prototype) as JumpAnalysisHost & InterpreterLike, {
    _evm: { _opcodeMap: opcodeMap },
    common: { isActivatedEIP: () => false },
  })

/** A cached prototype of its own (upstream's stays as it is) and interpreters built on it. */
function cachedInterpreters() {
  const prototype = Object.create(Interpreter.prototype) as JumpAnalysisHost
  cacheJumpAnalysis(prototype)
  return (opcodeMap: object) => interpreterOn(prototype, opcodeMap)
}

/** Upstream's analysis of `code`, computed afresh. */
const upstreamAnalysis = (opcodeMap: object, code: Uint8Array) => interpreterOn(Interpreter.prototype, opcodeMap)._getValidJumpDestinations(code)

/** Code rich in what the analysis looks at: PUSH1..PUSH32 (also cut short at the end), JUMPDEST, JUMP. */
const code = fc
  .array(fc.oneof(fc.integer({ min: 0x60, max: 0x7f }), fc.constantFrom(0x5b, 0x56, 0x57, 0x00, 0x01), fc.integer({ min: 0, max: 255 })), {
    maxLength: 300,
  })
  .map((bytes) => Uint8Array.from(bytes))

describe('cached jump analysis (wrapped around the engine’s interpreter in the bundled program)', () => {
  it('finds the upstream method it wraps', () => {
    expect(typeof Interpreter.prototype._getValidJumpDestinations).toBe('function')
  })

  it('answers exactly what upstream computes, for any code', async () => {
    const opcodeMap = await engineOpcodeMap()
    const interpreter = cachedInterpreters()(opcodeMap)
    fc.assert(
      fc.property(code, (bytes) => {
        expect(interpreter._getValidJumpDestinations(bytes)).toEqual(upstreamAnalysis(opcodeMap, bytes))
        // And again from the cache, through a different array with the same bytes.
        expect(interpreter._getValidJumpDestinations(bytes.slice())).toEqual(upstreamAnalysis(opcodeMap, bytes))
      }),
      { numRuns: 500 },
    )
  })

  it('shares one analysis per code and opcode table, and keeps its own copy of the code', async () => {
    const opcodeMap = await engineOpcodeMap()
    const interpreters = cachedInterpreters()
    const bytes = Uint8Array.of(0x60, 0x04, 0x56, 0x00, 0x5b, 0x00)
    const first = interpreters(opcodeMap)._getValidJumpDestinations(bytes)
    expect(interpreters(opcodeMap)._getValidJumpDestinations(Uint8Array.from(bytes))).toBe(first)

    // Another engine (another hardfork, say) has another table: analysed afresh.
    expect(interpreters({ ...opcodeMap })._getValidJumpDestinations(bytes)).not.toBe(first)

    // The caller's array changes afterwards: the cached entry does not.
    bytes[4] = 0x00
    const changed = interpreters(opcodeMap)._getValidJumpDestinations(bytes)
    expect(changed).not.toBe(first)
    expect(changed).toEqual(upstreamAnalysis(opcodeMap, bytes))
    expect(interpreters(opcodeMap)._getValidJumpDestinations(Uint8Array.of(0x60, 0x04, 0x56, 0x00, 0x5b, 0x00))).toBe(first)
  })

  it('tells apart codes of the same length', async () => {
    const opcodeMap = await engineOpcodeMap()
    const interpreter = cachedInterpreters()(opcodeMap)
    const jumpdest = interpreter._getValidJumpDestinations(Uint8Array.of(0x5b, 0x00)) as { jumps: Uint8Array }
    const stop = interpreter._getValidJumpDestinations(Uint8Array.of(0x00, 0x00)) as { jumps: Uint8Array }
    expect([...jumpdest.jumps]).toEqual([1, 0])
    expect([...stop.jumps]).toEqual([0, 0])
  })
})
