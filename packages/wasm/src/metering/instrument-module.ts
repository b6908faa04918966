import binaryen from 'binaryen'
import { WasmValidationError } from '../errors/wasm-validation-error.js'
import { ALLOWED_FEATURES } from '../validation/validate-module.js'
import type { GasSchedule } from './gas-schedule.js'
import { METERING_EXPORTS, METERING_STATUS } from './metering-exports.js'

export interface InstrumentOptions {
  readonly schedule: GasSchedule
  /** `memory.grow` past this many pages returns -1 without growing. */
  readonly maxMemoryPages: number
  /** Budget of stack units (one per frame, more for frames with many locals). */
  readonly maxCallDepth: number
  /** Deepest expression nesting accepted; deeper modules are refused (`expression_depth`). */
  readonly maxExpressionDepth: number
}

/**
 * A frame costs one stack unit, plus one per this many parameters, locals and levels of
 * expression nesting (a proxy for the operand stack), so a chain of huge frames hits the
 * budget long before V8's native stack does (see README).
 */
export const LOCALS_PER_STACK_UNIT = 64

// binaryen.js has per-expression accessor classes and raw C functions its typings omit.
type Accessor = (...args: number[]) => number
type AccessorName = 'getIndex'|'setIndex'|'getOp'|'getBody'|'getChildAt'|'getCondition'|'getDelta'|'getDest'|'getIfFalse'|'getIfTrue'|'getLeft'|'getNumChildren'|'getNumOperands'|'getOffset'|'getOperandAt'|'getPtr'|'getRight'|'getSize'|'getSource'|'getTarget'|'getValue'|'setBody'|'setChildAt'|'setCondition'|'setDest'|'setIfFalse'|'setIfTrue'|'setLeft'|'setOffset'|'setOperandAt'|'setPtr'|'setRight'|'setSize'|'setSource'|'setTarget'|'setValue'
const classes = binaryen as unknown as Record<'Binary'|'Block'|'Break'|'Call'|'CallIndirect'|'Drop'|'Function'|'GlobalSet'|'If'|'Load'|'LocalGet'|'LocalSet'|'Loop'|'MemoryCopy'|'MemoryFill'|'MemoryGrow'|'MemoryInit'|'Return'|'Select'|'Store'|'Switch'|'Unary', Record<AccessorName, Accessor>>
const raw = binaryen as unknown as Record<'_BinaryenFunctionAddVar'|'_BinaryenGetExportByIndex'|'_BinaryenGetNumExports'|'_BinaryenSetStart', Accessor>
const callTarget = (binaryen as unknown as { Call: { getTarget(call: binaryen.ExpressionRef): string } }).Call.getTarget

/** Features of the metered output: the input's, plus multi-value for the gas-threading convention. */
const METERED_FEATURES = ALLOWED_FEATURES | binaryen.Features.Multivalue

const ids = {
  block: binaryen.BlockId,
  if: binaryen.IfId,
  loop: binaryen.LoopId,
  break: binaryen.BreakId,
  switch: binaryen.SwitchId,
  call: binaryen.CallId,
  callIndirect: binaryen.CallIndirectId,
  localGet: binaryen.LocalGetId,
  localSet: binaryen.LocalSetId,
  globalGet: binaryen.GlobalGetId,
  globalSet: binaryen.GlobalSetId,
  load: binaryen.LoadId,
  store: binaryen.StoreId,
  const: binaryen.ConstId,
  unary: binaryen.UnaryId,
  binary: binaryen.BinaryId,
  select: binaryen.SelectId,
  drop: binaryen.DropId,
  return: binaryen.ReturnId,
  memorySize: binaryen.MemorySizeId,
  memoryGrow: binaryen.MemoryGrowId,
  nop: binaryen.NopId,
  unreachable: binaryen.UnreachableId,
  memoryInit: binaryen.MemoryInitId,
  dataDrop: binaryen.DataDropId,
  memoryCopy: binaryen.MemoryCopyId,
  memoryFill: binaryen.MemoryFillId,
}

/**
 * Rewrites a validated module so it pays for itself. Adds exported globals for gas, stack
 * depth and a trap status; charges each region (function body, loop body) its IR
 * node count at entry; charges memory.grow/copy/fill/init by size; bounds call depth; moves
 * the start function to an export so it runs metered, after the host has set the gas. Inside
 * the code, gas and depth travel as extra parameters and results (see `Instrumenter`); the
 * output uses multi-value for that, the only feature it adds to the input's.
 */
export function instrumentModule(code: Uint8Array, options: InstrumentOptions): Uint8Array {
  const module = binaryen.readBinary(code)
  try {
    module.setFeatures(ALLOWED_FEATURES)
    return new Instrumenter(module, options).run()
  } finally {
    module.dispose()
  }
}

// Float operations whose NaN results may differ between CPUs (the payload bits of a NaN are
// not specified); their results are canonicalized. Bit-level ops (abs, neg, copysign,
// reinterpret, load/store) preserve NaNs exactly and need nothing.
const nanProducing = new Set<number>([
  binaryen.AddFloat32, binaryen.SubFloat32, binaryen.MulFloat32, binaryen.DivFloat32, binaryen.MinFloat32, binaryen.MaxFloat32,
  binaryen.AddFloat64, binaryen.SubFloat64, binaryen.MulFloat64, binaryen.DivFloat64, binaryen.MinFloat64, binaryen.MaxFloat64,
  binaryen.SqrtFloat32, binaryen.CeilFloat32, binaryen.FloorFloat32, binaryen.TruncFloat32, binaryen.NearestFloat32,
  binaryen.SqrtFloat64, binaryen.CeilFloat64, binaryen.FloorFloat64, binaryen.TruncFloat64, binaryen.NearestFloat64,
  binaryen.PromoteFloat32, binaryen.DemoteFloat64,
] as number[])

interface Visited {
  readonly expression: binaryen.ExpressionRef
  readonly cost: number
}

/** A defined function and the metered body it is split into. */
interface Split {
  /** Name of the metered function: the original parameters, then gas (i64) and depth (i32). */
  readonly metered: string
  /** Its results: the original result (if any), then the gas left (i64). */
  readonly results: binaryen.Type
  /** The original result type (none or one value: validation refuses multi-value). */
  readonly original: binaryen.Type
}

/**
 * The calling convention of metered code. Every defined function `f` is split in two:
 *
 * - `f` keeps its name and signature (so exports, the table and the start function still
 *   refer to it) and becomes a thin entry that reads the gas and depth globals, calls the
 *   metered body, and writes the gas left back;
 * - the metered body takes the gas left and the stack units in use as two extra parameters
 *   and returns the gas left as an extra result. Direct calls between defined functions use
 *   it, so the gas and the depth stay in registers: a call costs no global load or store,
 *   which is what made call-heavy code slow (a store per call: +30–40 % on recursive fib).
 *
 * The globals are brought up to date around everything that can observe them: calls to
 * imports (host functions charge gas and read it) and `call_indirect` (which enters a callee
 * through its entry `f`). A trap inside contract code leaves the gas global stale; the host
 * then charges the whole gas limit (see README), as it already did for running out of gas.
 */
class Instrumenter {
  private readonly gas = METERING_EXPORTS.gas
  private readonly depth = METERING_EXPORTS.depth
  private readonly status = METERING_EXPORTS.status
  private readonly splits = new Map<string, Split>()
  /** Local index of the gas parameter of the function being visited (its depth is the next). */
  private gasLocal = 0
  /** How many locals (beyond parameters) the function had before metering. */
  private originalVars = 0
  /** Scratch locals added to the metered body being built, by purpose. */
  private readonly temps = new Map<string, number>()
  private readonly tempTypes: binaryen.Type[] = []
  private frameUnits = 1
  /** Whether the function being visited calls anything; leaf functions skip depth accounting. */
  private calls = false
  private nesting = 0
  private deepest = 0

  constructor(
    private readonly module: binaryen.Module,
    private readonly options: InstrumentOptions,
  ) {}

  run(): Uint8Array {
    const { module } = this
    module.addGlobal(this.gas, binaryen.i64, true, module.i64.const(0n as never))
    module.addGlobal(this.depth, binaryen.i32, true, module.i32.const(0))
    module.addGlobal(this.status, binaryen.i32, true, module.i32.const(0))
    module.addGlobalExport(this.gas, this.gas)
    module.addGlobalExport(this.depth, this.depth)
    module.addGlobalExport(this.status, this.status)

    const start = module.getStart()
    if (start !== 0) {
      module.addFunctionExport(binaryen.getFunctionInfo(start).name, METERING_EXPORTS.start)
      raw._BinaryenSetStart(module.ptr, 0)
    }
    this.exportMemory()

    const defined: [binaryen.FunctionRef, binaryen.FunctionInfo][] = []
    const names = new Set<string>()
    for (let index = 0; index < module.getNumFunctions(); index++) {
      const func = module.getFunctionByIndex(index)
      const info = binaryen.getFunctionInfo(func)
      names.add(info.name)
      if (info.base !== '' && info.base !== null) continue // an import
      if (binaryen.expandType(info.results).length > 1) {
        throw new WasmValidationError('features', 'Module uses an instruction or type outside Wasm 1.0 + bulk-memory + sign-ext + mutable-globals', {
          details: [`function ${info.name} returns several values`],
        })
      }
      defined.push([func, info])
    }
    for (const [, info] of defined) {
      let metered = `${info.name}$metered`
      for (let suffix = 1; names.has(metered); suffix++) metered = `${info.name}$metered${suffix}`
      names.add(metered)
      const results = info.results === binaryen.none ? binaryen.i64 : binaryen.createType([info.results, binaryen.i64])
      this.splits.set(info.name, { metered, results, original: info.results })
    }
    module.setFeatures(METERED_FEATURES)
    for (const [func, info] of defined) this.instrumentFunction(func, info)
    this.removeUnreferencedEntries(defined.map(([, info]) => info.name))
    if (!module.validate()) throw new Error('metering produced an invalid module (internal error)')
    return module.emitBinary()
  }

  /**
   * Entries `f` that nothing outside the code refers to (no export, no table slot; the start
   * function is exported by now) are dropped: code calls metered bodies directly.
   */
  private removeUnreferencedEntries(defined: readonly string[]): void {
    const { module } = this
    const referenced = new Set<string>()
    const exports = raw._BinaryenGetNumExports(module.ptr) as number
    for (let index = 0; index < exports; index++) {
      const info = binaryen.getExportInfo(raw._BinaryenGetExportByIndex(module.ptr, index))
      if (info.kind === binaryen.ExternalFunction) referenced.add(info.value)
    }
    for (let index = 0; index < module.getNumElementSegments(); index++) {
      for (const name of binaryen.getElementSegmentInfo(module.getElementSegmentByIndex(index)).data) referenced.add(name)
    }
    for (const name of defined) if (!referenced.has(name)) module.removeFunction(name)
  }

  private exportMemory(): void {
    const { module } = this
    const count = raw._BinaryenGetNumExports(module.ptr) as number
    const names = new Set<string>()
    let memoryName: string | undefined
    for (let index = 0; index < count; index++) {
      const info = binaryen.getExportInfo(raw._BinaryenGetExportByIndex(module.ptr, index))
      names.add(info.name)
      if (info.kind === binaryen.ExternalMemory) memoryName = info.value
    }
    memoryName ??= '0'
    module.addMemoryExport(memoryName, METERING_EXPORTS.memory)
    // WASI providers look for an export named "memory".
    if (!names.has('memory')) module.addMemoryExport(memoryName, 'memory')
  }

  private instrumentFunction(func: binaryen.FunctionRef, info: binaryen.FunctionInfo): void {
    const { module } = this
    const split = this.splits.get(info.name)!
    const paramTypes = binaryen.expandType(info.params)
    const params = paramTypes.length
    this.gasLocal = params
    this.originalVars = info.vars.length
    this.temps.clear()
    this.tempTypes.length = 0
    this.calls = false
    this.deepest = 0
    const body = this.visit(info.body)
    this.frameUnits = 1 + Math.floor((params + info.vars.length + this.deepest) / LOCALS_PER_STACK_UNIT)
    const gasLeft = module.local.get(this.gasLocal, binaryen.i64)
    const result =
      info.results === binaryen.none
        ? module.block(null, [body.expression, gasLeft], binaryen.i64)
        : module.tuple.make([body.expression, gasLeft])
    // A function that calls nothing adds one frame to a depth-bounded chain, so the stack
    // stays bounded without counting it; skipping it keeps small helpers cheap.
    const entry = this.calls ? [this.enterFrameAndCharge(body.cost)] : this.charge(body.cost)
    const meteredBody = entry.length === 0 ? result : module.block(null, [...entry, result], split.results)
    module.addFunction(
      split.metered,
      binaryen.createType([...paramTypes, binaryen.i64, binaryen.i32]),
      split.results,
      [...info.vars, ...this.tempTypes],
      meteredBody,
    )
    classes.Function.setBody(func, this.entryBody(func, info, split, paramTypes))
    // The entry keeps none of the original locals (binaryen drops unused ones here).
    module.runPassesOnFunction(func, ['reorder-locals'])
  }

  /**
   * The body left in `f`: runs the metered body with the gas and depth globals and writes
   * the gas left back. The depth global is restored, so it is the same after any call into
   * the contract as before it.
   */
  private entryBody(func: binaryen.FunctionRef, info: binaryen.FunctionInfo, split: Split, paramTypes: binaryen.Type[]): binaryen.ExpressionRef {
    const { module } = this
    const depth = raw._BinaryenFunctionAddVar(func, binaryen.i32)
    const args = paramTypes.map((type, index) => module.local.get(index, type))
    const call = module.call(
      split.metered,
      [...args, module.global.get(this.gas, binaryen.i64), module.local.tee(depth, module.global.get(this.depth, binaryen.i32), binaryen.i32)],
      split.results,
    )
    const restoreDepth = module.global.set(this.depth, module.local.get(depth, binaryen.i32))
    if (info.results === binaryen.none) {
      return module.block(null, [module.global.set(this.gas, call), restoreDepth], binaryen.none)
    }
    const tuple = raw._BinaryenFunctionAddVar(func, split.results)
    return module.block(
      null,
      [
        module.local.set(tuple, call),
        module.global.set(this.gas, module.tuple.extract(module.local.get(tuple, split.results), 1)),
        restoreDepth,
        module.tuple.extract(module.local.get(tuple, split.results), 0),
      ],
      info.results,
    )
  }

  /** A scratch local of `type` for one purpose (`slot`) in the metered body, added on first use only. */
  private temp(type: binaryen.Type, slot = 0): number {
    const key = `${type}:${slot}`
    let index = this.temps.get(key)
    if (index === undefined) {
      index = this.gasLocal + 2 + this.originalVars + this.tempTypes.length
      this.tempTypes.push(type)
      this.temps.set(key, index)
    }
    return index
  }

  private trap(status: number): binaryen.ExpressionRef {
    const { module } = this
    return module.block(null, [module.global.set(this.status, module.i32.const(status)), module.unreachable()], binaryen.unreachable)
  }

  private gasGet(): binaryen.ExpressionRef {
    return this.module.local.get(this.gasLocal, binaryen.i64)
  }

  private depthGet(): binaryen.ExpressionRef {
    return this.module.local.get(this.gasLocal + 1, binaryen.i32)
  }

  /** A static charge from the gas local; nothing for an empty region. Traps if it goes negative. */
  private charge(cost: number): binaryen.ExpressionRef[] {
    if (cost === 0) return []
    const { module } = this
    return [
      module.local.set(this.gasLocal, module.i64.sub(this.gasGet(), module.i64.const((BigInt(cost) * this.options.schedule.instruction) as never))),
      module.if(module.i64.lt_s(this.gasGet(), module.i64.const(0n as never)), this.trap(METERING_STATUS.outOfGas)),
    ]
  }

  /** A charge computed at run time, `amount` an i64 expression. */
  private chargeDynamic(amount: binaryen.ExpressionRef): binaryen.ExpressionRef[] {
    const { module } = this
    const temp = this.temp(binaryen.i64)
    return [
      module.local.set(temp, amount),
      module.if(module.i64.lt_u(this.gasGet(), module.local.get(temp, binaryen.i64)), this.trap(METERING_STATUS.outOfGas)),
      module.local.set(this.gasLocal, module.i64.sub(this.gasGet(), module.local.get(temp, binaryen.i64))),
    ]
  }

  /**
   * Function entry of a non-leaf function: charges the body's first region and adds the
   * frame's stack units, both in locals, behind one branch. The trap path tells the two
   * causes apart (gas first).
   */
  private enterFrameAndCharge(cost: number): binaryen.ExpressionRef {
    const { module } = this
    const outOfGas = () => module.i64.lt_s(this.gasGet(), module.i64.const(0n as never))
    return module.block(null, [
      module.local.set(this.gasLocal, module.i64.sub(this.gasGet(), module.i64.const((BigInt(cost) * this.options.schedule.instruction) as never))),
      module.local.set(this.gasLocal + 1, module.i32.add(this.depthGet(), module.i32.const(this.frameUnits))),
      module.if(
        module.i32.or(outOfGas(), module.i32.gt_u(this.depthGet(), module.i32.const(this.options.maxCallDepth))),
        module.block(null, [
          module.global.set(this.status, module.select(outOfGas(), module.i32.const(METERING_STATUS.outOfGas), module.i32.const(METERING_STATUS.callDepth))),
          module.unreachable(),
        ]),
      ),
    ])
  }

  /** Writes the gas (and depth) locals to their globals, for a callee that reads them. */
  private syncBefore(withDepth: boolean): binaryen.ExpressionRef[] {
    const { module } = this
    const sets = [module.global.set(this.gas, this.gasGet())]
    if (withDepth) sets.push(module.global.set(this.depth, this.depthGet()))
    return sets
  }

  /**
   * `call` (to an import, `withDepth` false) or `call_indirect` (to an entry `f`): the
   * globals are written after the operands are evaluated (they may call too) and just before
   * the call, and the gas local is reloaded right after it.
   */
  private syncedCall(
    call: binaryen.ExpressionRef,
    lastOperand: binaryen.ExpressionRef | undefined,
    setLastOperand: (value: binaryen.ExpressionRef) => void,
    withDepth: boolean,
  ): binaryen.ExpressionRef {
    const { module } = this
    const type = binaryen.getExpressionType(call)
    const reload = module.local.set(this.gasLocal, module.global.get(this.gas, binaryen.i64))
    let before: binaryen.ExpressionRef[] = []
    if (lastOperand === undefined) {
      before = this.syncBefore(withDepth)
    } else {
      const operandType = binaryen.getExpressionType(lastOperand)
      if (operandType === binaryen.unreachable) {
        // The call is never reached.
      } else {
        const temp = this.temp(operandType, 10)
        setLastOperand(
          module.block(null, [module.local.set(temp, lastOperand), ...this.syncBefore(withDepth), module.local.get(temp, operandType)], operandType),
        )
      }
    }
    if (type === binaryen.none) return module.block(null, [...before, call, reload], binaryen.none)
    if (type === binaryen.unreachable) return module.block(null, [...before, call], binaryen.unreachable)
    const temp = this.temp(type, 11)
    return module.block(null, [...before, module.local.set(temp, call), reload, module.local.get(temp, type)], type)
  }

  /** A direct call to a defined function: to its metered body, threading gas and depth. */
  private meteredCall(expression: binaryen.ExpressionRef, split: Split): binaryen.ExpressionRef {
    const { module } = this
    const operands: binaryen.ExpressionRef[] = []
    const count = classes.Call.getNumOperands(expression)
    for (let index = 0; index < count; index++) operands.push(classes.Call.getOperandAt(expression, index))
    const call = module.call(split.metered, [...operands, this.gasGet(), this.depthGet()], split.results)
    if (split.original === binaryen.none) return module.local.set(this.gasLocal, call)
    const tuple = this.temp(split.results, 12)
    return module.block(
      null,
      [
        module.local.set(tuple, call),
        module.local.set(this.gasLocal, module.tuple.extract(module.local.get(tuple, split.results), 1)),
        module.tuple.extract(module.local.get(tuple, split.results), 0),
      ],
      split.original,
    )
  }

  /** A new metering region: `expression` charged its own cost on entry. */
  private region(expression: binaryen.ExpressionRef): binaryen.ExpressionRef {
    const visited = this.visit(expression)
    const charge = this.charge(visited.cost)
    if (charge.length === 0) return visited.expression
    return this.module.block(null, [...charge, visited.expression], binaryen.getExpressionType(visited.expression))
  }

  /** Visits a child in the current region, writes it back, and returns its cost. */
  private child(get: () => binaryen.ExpressionRef, set: (value: binaryen.ExpressionRef) => void): number {
    const current = get()
    if (current === 0) return 0
    const visited = this.visit(current)
    if (visited.expression !== current) set(visited.expression)
    return visited.cost
  }

  private visit(expression: binaryen.ExpressionRef): Visited {
    // Bounded before recursing deeper, so neither this walk nor binaryen's emitter can hit a
    // machine-dependent stack limit: the refusal is the same on every node.
    if (++this.nesting > this.options.maxExpressionDepth) {
      throw new WasmValidationError('expression_depth', `Expressions nest deeper than ${this.options.maxExpressionDepth} levels`)
    }
    this.deepest = Math.max(this.deepest, this.nesting)
    try {
      return this.visitExpression(expression)
    } finally {
      this.nesting--
    }
  }

  private visitExpression(expression: binaryen.ExpressionRef): Visited {
    const { module } = this
    const id = binaryen.getExpressionId(expression)
    let cost = 1
    switch (id) {
      case ids.block: {
        const count = classes.Block.getNumChildren(expression)
        for (let index = 0; index < count; index++) {
          cost += this.child(
            () => classes.Block.getChildAt(expression, index),
            (value) => classes.Block.setChildAt(expression, index, value),
          )
        }
        return { expression, cost }
      }
      case ids.if: {
        // Both arms are charged up front at the price of the dearer one: one check per region
        // instead of one per arm, at the cost of overcharging the cheaper arm (deterministically).
        cost += this.child(() => classes.If.getCondition(expression), (value) => classes.If.setCondition(expression, value))
        const ifTrue = this.child(() => classes.If.getIfTrue(expression), (value) => classes.If.setIfTrue(expression, value))
        const ifFalse = this.child(() => classes.If.getIfFalse(expression), (value) => classes.If.setIfFalse(expression, value))
        return { expression, cost: cost + Math.max(ifTrue, ifFalse) }
      }
      case ids.loop:
        classes.Loop.setBody(expression, this.region(classes.Loop.getBody(expression)))
        return { expression, cost }
      case ids.break:
        cost += this.child(() => classes.Break.getValue(expression), (value) => classes.Break.setValue(expression, value))
        cost += this.child(() => classes.Break.getCondition(expression), (value) => classes.Break.setCondition(expression, value))
        return { expression, cost }
      case ids.switch:
        cost += this.child(() => classes.Switch.getValue(expression), (value) => classes.Switch.setValue(expression, value))
        cost += this.child(() => classes.Switch.getCondition(expression), (value) => classes.Switch.setCondition(expression, value))
        return { expression, cost }
      case ids.call: {
        this.calls = true
        const count = classes.Call.getNumOperands(expression)
        for (let index = 0; index < count; index++) {
          cost += this.child(
            () => classes.Call.getOperandAt(expression, index),
            (value) => classes.Call.setOperandAt(expression, index, value),
          )
        }
        const split = this.splits.get(callTarget(expression))
        if (split !== undefined) return { expression: this.meteredCall(expression, split), cost }
        // An import: host functions read and charge the gas global.
        const last = count === 0 ? undefined : classes.Call.getOperandAt(expression, count - 1)
        return { expression: this.syncedCall(expression, last, (value) => classes.Call.setOperandAt(expression, count - 1, value), false), cost }
      }
      case ids.callIndirect: {
        this.calls = true
        const count = classes.CallIndirect.getNumOperands(expression)
        for (let index = 0; index < count; index++) {
          cost += this.child(
            () => classes.CallIndirect.getOperandAt(expression, index),
            (value) => classes.CallIndirect.setOperandAt(expression, index, value),
          )
        }
        cost += this.child(() => classes.CallIndirect.getTarget(expression), (value) => classes.CallIndirect.setTarget(expression, value))
        // The table holds entries `f` (or imports), which read the globals: the target is
        // evaluated last, so the globals are written after it.
        const target = classes.CallIndirect.getTarget(expression)
        return { expression: this.syncedCall(expression, target, (value) => classes.CallIndirect.setTarget(expression, value), true), cost }
      }
      case ids.localGet: {
        const index = classes.LocalGet.getIndex(expression)
        if (index >= this.gasLocal) classes.LocalGet.setIndex(expression, index + 2)
        return { expression, cost }
      }
      case ids.localSet: {
        // The metered body has two more parameters (gas, depth) before the original locals.
        const index = classes.LocalSet.getIndex(expression)
        if (index >= this.gasLocal) classes.LocalSet.setIndex(expression, index + 2)
        cost += this.child(() => classes.LocalSet.getValue(expression), (value) => classes.LocalSet.setValue(expression, value))
        return { expression, cost }
      }
      case ids.globalSet:
        cost += this.child(() => classes.GlobalSet.getValue(expression), (value) => classes.GlobalSet.setValue(expression, value))
        return { expression, cost }
      case ids.load:
        cost += this.child(() => classes.Load.getPtr(expression), (value) => classes.Load.setPtr(expression, value))
        return { expression, cost }
      case ids.store:
        cost += this.child(() => classes.Store.getPtr(expression), (value) => classes.Store.setPtr(expression, value))
        cost += this.child(() => classes.Store.getValue(expression), (value) => classes.Store.setValue(expression, value))
        return { expression, cost }
      case ids.unary:
        cost += this.child(() => classes.Unary.getValue(expression), (value) => classes.Unary.setValue(expression, value))
        return { expression: this.canonicalNaN(expression, classes.Unary.getOp(expression)), cost }
      case ids.binary:
        cost += this.child(() => classes.Binary.getLeft(expression), (value) => classes.Binary.setLeft(expression, value))
        cost += this.child(() => classes.Binary.getRight(expression), (value) => classes.Binary.setRight(expression, value))
        return { expression: this.canonicalNaN(expression, classes.Binary.getOp(expression)), cost }
      case ids.select:
        cost += this.child(() => classes.Select.getIfTrue(expression), (value) => classes.Select.setIfTrue(expression, value))
        cost += this.child(() => classes.Select.getIfFalse(expression), (value) => classes.Select.setIfFalse(expression, value))
        cost += this.child(() => classes.Select.getCondition(expression), (value) => classes.Select.setCondition(expression, value))
        return { expression, cost }
      case ids.drop:
        cost += this.child(() => classes.Drop.getValue(expression), (value) => classes.Drop.setValue(expression, value))
        return { expression, cost }
      case ids.return: {
        // The metered body returns the gas left after the value (evaluated first: it may call).
        const value = classes.Return.getValue(expression)
        if (value === 0) {
          classes.Return.setValue(expression, this.gasGet())
          return { expression, cost }
        }
        const visited = this.visit(value)
        cost += visited.cost
        if (binaryen.getExpressionType(visited.expression) === binaryen.unreachable) {
          classes.Return.setValue(expression, visited.expression)
          return { expression, cost }
        }
        classes.Return.setValue(expression, module.tuple.make([visited.expression, this.gasGet()]))
        return { expression, cost }
      }
      case ids.memoryGrow: {
        const delta = this.visit(classes.MemoryGrow.getDelta(expression))
        const pages = this.temp(binaryen.i32, 2)
        const extend = (value: binaryen.ExpressionRef) => module.i64.extend_u(value)
        const rewritten = module.block(
          null,
          [
            module.local.set(pages, delta.expression),
            module.if(
              module.i64.gt_u(
                module.i64.add(extend(module.memory.size()), extend(module.local.get(pages, binaryen.i32))),
                module.i64.const(BigInt(this.options.maxMemoryPages) as never),
              ),
              // Past the cap the grow fails as the spec allows, without allocating.
              module.i32.const(-1),
              module.block(
                null,
                [
                  ...this.chargeDynamic(
                    module.i64.mul(extend(module.local.get(pages, binaryen.i32)), module.i64.const(this.options.schedule.memoryGrowPage as never)),
                  ),
                  module.memory.grow(module.local.get(pages, binaryen.i32)),
                ],
                binaryen.i32,
              ),
            ),
          ],
          binaryen.i32,
        )
        return { expression: rewritten, cost: cost + delta.cost }
      }
      case ids.memoryCopy:
      case ids.memoryFill:
      case ids.memoryInit:
        return this.bulkMemory(expression, id)
      case ids.globalGet:
      case ids.const:
      case ids.memorySize:
      case ids.nop:
      case ids.unreachable:
      case ids.dataDrop:
        return { expression, cost }
      default:
        throw new Error(`metering met an unexpected expression id ${id} (validation should have refused it)`)
    }
  }

  /** `x` if it is a number, the canonical quiet NaN if it is any NaN. */
  private canonicalNaN(expression: binaryen.ExpressionRef, op: number): binaryen.ExpressionRef {
    if (!nanProducing.has(op)) return expression
    const { module } = this
    const type = binaryen.getExpressionType(expression)
    if (type !== binaryen.f32 && type !== binaryen.f64) return expression
    const temp = this.temp(type, 9)
    const value = () => module.local.get(temp, type)
    const is32 = type === binaryen.f32
    return module.block(
      null,
      [
        module.local.set(temp, expression),
        module.select(
          is32 ? module.f32.ne(value(), value()) : module.f64.ne(value(), value()),
          is32 ? module.f32.const_bits(0x7fc0_0000) : module.f64.const_bits(0x7ff8_0000_0000_0000n),
          value(),
        ),
      ],
      type,
    )
  }

  /** memory.copy/fill/init: operands into temps (same order), charge by size, then run it. */
  private bulkMemory(expression: binaryen.ExpressionRef, id: number): Visited {
    const { module } = this
    let operands: binaryen.ExpressionRef[]
    if (id === ids.memoryCopy) {
      operands = [classes.MemoryCopy.getDest(expression), classes.MemoryCopy.getSource(expression), classes.MemoryCopy.getSize(expression)]
    } else if (id === ids.memoryFill) {
      operands = [classes.MemoryFill.getDest(expression), classes.MemoryFill.getValue(expression), classes.MemoryFill.getSize(expression)]
    } else {
      operands = [classes.MemoryInit.getDest(expression), classes.MemoryInit.getOffset(expression), classes.MemoryInit.getSize(expression)]
    }
    let cost = 1
    const sets: binaryen.ExpressionRef[] = []
    const locals: number[] = []
    operands.forEach((operand, index) => {
      const visited = this.visit(operand)
      cost += visited.cost
      const temp = this.temp(binaryen.i32, 3 + index)
      locals.push(temp)
      sets.push(module.local.set(temp, visited.expression))
    })
    const get = (index: number) => module.local.get(locals[index]!, binaryen.i32)
    if (id === ids.memoryCopy) {
      classes.MemoryCopy.setDest(expression, get(0))
      classes.MemoryCopy.setSource(expression, get(1))
      classes.MemoryCopy.setSize(expression, get(2))
    } else if (id === ids.memoryFill) {
      classes.MemoryFill.setDest(expression, get(0))
      classes.MemoryFill.setValue(expression, get(1))
      classes.MemoryFill.setSize(expression, get(2))
    } else {
      classes.MemoryInit.setDest(expression, get(0))
      classes.MemoryInit.setOffset(expression, get(1))
      classes.MemoryInit.setSize(expression, get(2))
    }
    const words = module.i64.shr_u(module.i64.add(module.i64.extend_u(get(2)), module.i64.const(7n as never)), module.i64.const(3n as never))
    const amount = module.i64.mul(words, module.i64.const(this.options.schedule.bulkMemoryWord as never))
    return { expression: module.block(null, [...sets, ...this.chargeDynamic(amount), expression], binaryen.none), cost }
  }
}
