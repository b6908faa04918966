// Wrapped around the EVM engine's interpreter in the bundled program (program-bundling.config.ts).
// Before running a contract's code, the interpreter scans all of it: which bytes are JUMPDESTs,
// each PUSH's value as a bigint, each byte's opcode entry. It does so on every call, so an
// ERC-20 transfer scans the token's few kilobytes each time (about 80 KB of garbage and ~2 %
// of the transfer's time). The scan depends only on the code and on the engine's opcode table,
// and the interpreter only reads what it returns, so one result per code is shared.
import { createBoundedCache, type BoundedCache } from '@bulkhead/core'

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
    const key = `${code.length}:${fingerprint(code)}`
    const candidates = cache.get(key)
    const hit = candidates?.find((entry) => sameBytes(entry.code, code))
    if (hit !== undefined) return hit.analysis
    const analysis = analyse.call(this, code)
    cache.set(key, [...(candidates ?? []), { code: code.slice(), analysis }])
    return analysis
  }
}

/** FNV-1a over every byte: cheap next to the scan it saves; equal codes are still compared. */
function fingerprint(code: Uint8Array): number {
  let hash = 0x811c9dc5
  for (let index = 0; index < code.length; index++) hash = Math.imul(hash ^ (code[index] as number), 0x01000193)
  return hash >>> 0
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false
  for (let index = 0; index < a.length; index++) if (a[index] !== b[index]) return false
  return true
}
