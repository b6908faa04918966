// Wrapped around the EVM engine's interpreter in the bundled program (program-bundling.config.ts).
// Before running a contract's code, the interpreter scans all of it: which bytes are JUMPDESTs,
// each PUSH's value as a bigint, each byte's opcode entry. It does so on every call, so an
// ERC-20 transfer scans the token's few kilobytes each time (about 80 KB of garbage and ~2 %
// of the transfer's time). The scan depends only on the code and on the engine's opcode table,
// and the interpreter only reads what it returns, so one result per code is shared.
import { bytesEqual, createBoundedCache, type BoundedCache } from '@bulkhead/core'
import { fnv1a } from '../hashing/fnv1a.js'

/** The part of the interpreter's prototype this touches (upstream's names). */
export interface JumpAnalysisHost {
  _getValidJumpDestinations(this: InterpreterLike, code: Uint8Array): unknown
}

/** The part of an interpreter instance it reads: the opcode table of the engine that runs it. */
export interface InterpreterLike {
  readonly _evm: { readonly _opcodeMap: object }
}

interface Analysed {
  /** A private copy: the caller's array is not ours to keep. */
  readonly code: Uint8Array
  readonly analysis: unknown
}

/** Distinct codes kept per opcode table (two generations of half each). */
const CODES_KEPT = 1_024

/**
 * Makes `prototype._getValidJumpDestinations` remember its result per (opcode table, code bytes).
 * A changed hardfork gives the engine a new opcode table, hence a fresh cache.
 */
export function cacheJumpAnalysis(prototype: JumpAnalysisHost): void {
  const analyse = prototype._getValidJumpDestinations
  if (typeof analyse !== 'function') throw new TypeError("the EVM engine's interpreter has no _getValidJumpDestinations to cache")
  const byTable = new WeakMap<object, BoundedCache<string, Analysed[]>>()
  prototype._getValidJumpDestinations = function (this: InterpreterLike, code: Uint8Array) {
    const table = this._evm._opcodeMap
    let cache = byTable.get(table)
    if (cache === undefined) {
      cache = createBoundedCache(CODES_KEPT)
      byTable.set(table, cache)
    }
    // FNV-1a of the code is cheap next to the scan it saves; equal codes are still compared.
    const key = `${code.length}:${fnv1a(code)}`
    const candidates = cache.get(key)
    const hit = candidates?.find((entry) => bytesEqual(entry.code, code))
    if (hit !== undefined) return hit.analysis
    const analysis = analyse.call(this, code)
    cache.set(key, [...(candidates ?? []), { code: code.slice(), analysis }])
    return analysis
  }
}
