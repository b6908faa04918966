import binaryen from 'binaryen'
import { describe, expect, it } from 'vitest'
import { compileWat } from '../__fixtures__/compile-wat.js'
import { WasmValidationError } from '../errors/wasm-validation-error.js'
import { GAS_SCHEDULE_V2 } from './gas-schedule.js'
import { LOCALS_PER_STACK_UNIT, instrumentModule } from './instrument-module.js'
import { METERING_EXPORTS, METERING_STATUS } from './metering-exports.js'

const options = { schedule: GAS_SCHEDULE_V2, maxMemoryPages: 4, maxCallDepth: 1_024, maxExpressionDepth: 1_024 }

type Exports = Record<string, unknown>

function instantiate(source: string): Exports {
  const metered = instrumentModule(compileWat(source), options)
  return new WebAssembly.Instance(new WebAssembly.Module(metered), {}).exports as Exports
}

/** Runs `name` with `gas`; returns the gas used, or the trap status. */
function run(exports: Exports, name: string, gas: bigint, ...args: number[]): { gasUsed: bigint; result?: unknown; status?: number; error?: unknown } {
  const gasGlobal = exports[METERING_EXPORTS.gas] as WebAssembly.Global
  const status = exports[METERING_EXPORTS.status] as WebAssembly.Global
  gasGlobal.value = gas
  status.value = 0
  ;(exports[METERING_EXPORTS.depth] as WebAssembly.Global).value = 0
  try {
    const result = (exports[name] as (...values: number[]) => unknown)(...args)
    return { gasUsed: gas - (gasGlobal.value as bigint), result }
  } catch (error) {
    return { gasUsed: gas - (gasGlobal.value as bigint), status: status.value as number, error }
  }
}

const loops = `(module (memory 1)
  (func (export "sum") (param $n i32) (result i32) (local $acc i32)
    (block $done (loop $next
      (br_if $done (i32.eqz (local.get $n)))
      (local.set $acc (i32.add (local.get $acc) (local.get $n)))
      (local.set $n (i32.sub (local.get $n) (i32.const 1)))
      (br $next)))
    (local.get $acc))
  (func (export "forever") (loop $again (br $again)))
  (func (export "fill") (param $size i32) (memory.fill (i32.const 0) (i32.const 7) (local.get $size)))
  (func (export "grow") (param $pages i32) (result i32) (memory.grow (local.get $pages)))
  (func (export "pages") (result i32) (memory.size))
  (func $early (export "early") (param i32) (result i32)
    (if (local.get 0) (then (return (i32.const 5))))
    (i32.const 7)))`

describe(instrumentModule.name, () => {
  it('charges the exact gas of schedule v2 (golden values)', () => {
    const exports = instantiate(loops)
    expect(run(exports, 'sum', 1_000n, 0)).toEqual({ gasUsed: 17n, result: 0 })
    expect(run(exports, 'sum', 1_000n, 10)).toEqual({ gasUsed: 147n, result: 55 })
    expect(run(exports, 'early', 1_000n, 1)).toEqual({ gasUsed: 6n, result: 5 })
    expect(run(exports, 'early', 1_000n, 0)).toEqual({ gasUsed: 6n, result: 7 })
    // Each loop iteration costs the same: the loop body's node count.
    const perIteration = run(exports, 'sum', 10_000n, 11).gasUsed - run(exports, 'sum', 10_000n, 10).gasUsed
    expect(perIteration).toBe(13n)
  })

  it('traps with the out-of-gas status in an infinite loop', () => {
    const outcome = run(instantiate(loops), 'forever', 1_000_000n)
    expect(outcome.status).toBe(METERING_STATUS.outOfGas)
    expect(outcome.error).toBeInstanceOf(WebAssembly.RuntimeError)
  })

  it('charges memory.fill by size and memory.grow by page, and caps growth', () => {
    const exports = instantiate(loops)
    const small = run(exports, 'fill', 1_000n, 8).gasUsed
    const large = run(exports, 'fill', 1_000n, 800).gasUsed
    expect(large - small).toBe(99n)
    expect(run(exports, 'grow', 100_000n, 2)).toEqual({ gasUsed: 2n * GAS_SCHEDULE_V2.memoryGrowPage + 2n, result: 1 })
    // Past the 4-page cap: -1, nothing allocated, only the check paid.
    expect(run(exports, 'grow', 100_000n, 2)).toEqual({ gasUsed: 2n, result: -1 })
    expect(run(exports, 'grow', 100_000n, 0x7fff_ffff).result).toBe(-1)
    expect(run(exports, 'pages', 100n).result).toBe(3)
    // Not enough gas for the pages: out of gas before growing.
    expect(run(exports, 'grow', 100n, 1).status).toBe(METERING_STATUS.outOfGas)
    expect(run(exports, 'pages', 100n).result).toBe(3)
  })

  it('bounds recursion with a deterministic trap before the engine stack overflows', () => {
    const small = instantiate(`(module (memory 1)
      (func $down (export "down") (param i32) (result i32)
        (if (result i32) (i32.eqz (local.get 0)) (then (i32.const 0))
          (else (i32.add (i32.const 1) (call $down (i32.sub (local.get 0) (i32.const 1))))))))`)
    expect(run(small, 'down', 10_000_000n, 1_000).result).toBe(1_000)
    const deep = run(small, 'down', 10_000_000n, 1_000_000)
    expect(deep.status).toBe(METERING_STATUS.callDepth)
    expect(deep.error).toBeInstanceOf(WebAssembly.RuntimeError)

    // Frames as large as the per-unit allowance, and frames with 2,000 locals: still the depth trap.
    for (const locals of [LOCALS_PER_STACK_UNIT - 2, 2_000]) {
      const wide = instantiate(`(module (memory 1)
        (func $down (export "down") (param i32) (result i64) (local ${'i64 '.repeat(locals)})
          (if (result i64) (i32.eqz (local.get 0)) (then (i64.const 0))
            (else (i64.add (local.get 1) (call $down (i32.sub (local.get 0) (i32.const 1))))))))`)
      const outcome = run(wide, 'down', 100_000_000n, 1_000_000)
      expect(outcome.status).toBe(METERING_STATUS.callDepth)
      expect(outcome.error).toBeInstanceOf(WebAssembly.RuntimeError)
    }
  })

  it('moves the start function to an export so it runs metered', () => {
    const exports = instantiate('(module (memory 1) (global $g (mut i32) (i32.const 0)) (func $s (global.set $g (i32.const 1))) (start $s) (func (export "g") (result i32) (global.get $g)))')
    expect(run(exports, 'g', 100n).result).toBe(0)
    expect(run(exports, METERING_EXPORTS.start, 100n).gasUsed).toBeGreaterThan(0n)
    expect(run(exports, 'g', 100n).result).toBe(1)
  })

  it('is deterministic: the same input gives the same bytes', () => {
    const code = compileWat(loops)
    expect(instrumentModule(code, options)).toEqual(instrumentModule(code, options))
  })
})

describe(`${instrumentModule.name}: float determinism`, () => {
  it('canonicalizes NaNs produced by arithmetic, and leaves bit operations alone', () => {
    const exports = instantiate(`(module (memory 1)
      (func (export "div") (result i32) (i32.reinterpret_f32 (f32.div (f32.const 0) (f32.const 0))))
      (func (export "add") (result i64) (i64.reinterpret_f64 (f64.add (f64.const nan:0x4) (f64.const 1))))
      (func (export "neg") (result i32) (i32.reinterpret_f32 (f32.neg (f32.const nan:0x200001))))
      (func (export "sum") (result f64) (f64.add (f64.const 1.5) (f64.const 2.25))))`)
    expect(run(exports, 'div', 100n).result).toBe(0x7fc0_0000)
    expect(run(exports, 'add', 100n).result).toBe(0x7ff8_0000_0000_0000n)
    expect(run(exports, 'neg', 100n).result).toBe(0xffa0_0001 | 0)
    expect(run(exports, 'sum', 100n).result).toBe(3.75)
  })
})

describe(`${instrumentModule.name}: stack frames`, () => {
  // Flat (stack-style) text: wabt's folded-expression parser itself overflows on deep nesting.
  const deepRecursion = (values: number) => `(module (memory 1)
    (func $down (export "down") (param i32) (result i64)
      ${'i64.const 1 '.repeat(values)}
      (if (result i64) (i32.eqz (local.get 0)) (then (i64.const 0)) (else (call $down (i32.sub (local.get 0) (i32.const 1)))))
      ${'i64.add '.repeat(values)}))`

  it('counts deep operand stacks in the frame size, so recursion with them still ends in the depth trap', () => {
    const outcome = run(instantiate(deepRecursion(1_000)), 'down', 1_000_000_000n, 1_000_000)
    expect(outcome.error).toBeInstanceOf(WebAssembly.RuntimeError)
    expect(outcome.status).toBe(METERING_STATUS.callDepth)
    expect(run(instantiate(deepRecursion(1_000)), 'down', 1_000_000_000n, 10).result).toBe(11_000n)
  })

  it('refuses expressions nested deeper than the limit, before any stack could overflow', () => {
    const code = compileWat(deepRecursion(5_000))
    expect(() => instrumentModule(code, options)).toThrow(WasmValidationError)
    expect(() => instrumentModule(code, options)).toThrow(/nest deeper than 1024/)
  })
})

describe(`${instrumentModule.name}: gas and depth threaded through calls`, () => {
  function instantiateWith(source: string, env: Record<string, unknown>): Exports {
    const metered = instrumentModule(compileWat(source), options)
    return new WebAssembly.Instance(new WebAssembly.Module(metered), { env } as never).exports as Exports
  }

  const probed = `(module (import "env" "probe" (func $probe (param i32) (result i32))) (memory 1)
    (func $inner (param i32) (result i32) (call $probe (i32.add (local.get 0) (i32.const 1))))
    (func (export "run") (result i32) (i32.add (call $inner (i32.const 1)) (call $inner (i32.const 2)))))`

  it('shows host functions the exact gas left and keeps what they charge', () => {
    const seen: bigint[] = []
    let hostCharge = 0n
    let exports: Exports = {}
    exports = instantiateWith(probed, {
      probe: (value: number) => {
        const gas = exports[METERING_EXPORTS.gas] as WebAssembly.Global
        seen.push(gas.value as bigint)
        gas.value = (gas.value as bigint) - hostCharge
        return value
      },
    })
    const free = run(exports, 'run', 1_000n)
    // Golden: run's body is 5 nodes, inner's 4, each charged on entry.
    expect(free).toEqual({ gasUsed: 13n, result: 5 })
    // What each host call sees: run and the first inner paid (9); then the second inner (13).
    expect(seen).toEqual([1_000n - 9n, 1_000n - 13n])
    seen.length = 0
    hostCharge = 100n
    expect(run(exports, 'run', 1_000n)).toEqual({ gasUsed: 213n, result: 5 })
    expect(seen).toEqual([1_000n - 9n, 1_000n - 113n])
    // A host charge that exhausts the gas is seen by the code that follows.
    hostCharge = 1_000n - 9n
    expect(run(exports, 'run', 1_000n).status).toBe(METERING_STATUS.outOfGas)
  })

  it('leaves the depth global as it found it, across direct and indirect calls', () => {
    const exports = instantiate(`(module (memory 1) (table 1 funcref) (elem (i32.const 0) $leaf)
      (func $leaf (param i32) (result i32) (i32.mul (local.get 0) (i32.const 3)))
      (func $mid (param i32) (result i32) (call_indirect (param i32) (result i32) (local.get 0) (i32.const 0)))
      (func (export "run") (param i32) (result i32) (i32.add (call $mid (local.get 0)) (call $mid (i32.const 1)))))`)
    const depth = exports[METERING_EXPORTS.depth] as WebAssembly.Global
    expect(run(exports, 'run', 1_000n, 4)).toMatchObject({ result: 15 })
    expect(depth.value).toBe(0)
    depth.value = 7
    ;(exports[METERING_EXPORTS.gas] as WebAssembly.Global).value = 1_000n
    expect((exports.run as (value: number) => number)(2)).toBe(9)
    expect(depth.value).toBe(7)
  })

  it('ends recursion through call_indirect in the depth trap, not the engine stack', () => {
    for (const locals of [0, 2_000]) {
      const exports = instantiate(`(module (memory 1) (table 1 funcref) (elem (i32.const 0) $b)
        (func $a (param i32) (result i64) (local ${'i64 '.repeat(locals)})
          (if (result i64) (i32.eqz (local.get 0)) (then (i64.const 0))
            (else (call_indirect (param i32) (result i64) (i32.sub (local.get 0) (i32.const 1)) (i32.const 0)))))
        (func $b (param i32) (result i64) (i64.add (i64.const 1) (call $a (local.get 0))))
        (export "down" (func $a)))`)
      expect(run(exports, 'down', 100_000_000n, 10).result).toBe(10n)
      const outcome = run(exports, 'down', 1_000_000_000n, 1_000_000)
      expect(outcome.status).toBe(METERING_STATUS.callDepth)
      expect(outcome.error).toBeInstanceOf(WebAssembly.RuntimeError)
    }
  })

  it('skips depth accounting in leaf functions, and deep recursion calling a huge leaf still ends in the depth trap', () => {
    const exports = instantiate(`(module (memory 1)
      (func $leaf (param i64) (result i64) (local ${'i64 '.repeat(2_000)}) (local.set 5 (local.get 0)) (i64.add (local.get 5) (i64.const 1)))
      (func $down (export "down") (param i32) (result i64)
        (if (result i64) (i32.eqz (local.get 0)) (then (call $leaf (i64.const 0)))
          (else (call $leaf (call $down (i32.sub (local.get 0) (i32.const 1))))))))`)
    // Leaves take no depth units: the budget of 1,024 units is exactly 1,024 levels of $down.
    expect(run(exports, 'down', 100_000_000n, 1_023).result).toBe(1_024n)
    const outcome = run(exports, 'down', 100_000_000n, 1_024)
    expect(outcome.status).toBe(METERING_STATUS.callDepth)
    expect(outcome.error).toBeInstanceOf(WebAssembly.RuntimeError)
    expect(run(exports, 'down', 1_000_000_000n, 1_000_000).status).toBe(METERING_STATUS.callDepth)
  })

  it('keeps only the entries something outside the code can reach', () => {
    const metered = instrumentModule(
      compileWat(`(module (memory 1) (func $helper (param i32) (result i32) (i32.add (local.get 0) (i32.const 1)))
        (func (export "run") (param i32) (result i32) (call $helper (local.get 0))))`),
      options,
    )
    const compiled = new WebAssembly.Module(metered)
    expect(WebAssembly.Module.exports(compiled).filter((entry) => entry.kind === 'function').map((entry) => entry.name)).toEqual(['run'])
    // Three functions: run's entry, run's metered body and helper's (helper has no entry).
    const module = binaryen.readBinary(metered)
    expect(module.getNumFunctions()).toBe(3)
    module.dispose()
  })
})
