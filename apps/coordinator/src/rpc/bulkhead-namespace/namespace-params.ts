import { JsonRpcError, RPC_ERROR } from '../json-rpc-error.js'
import { invalidParams, object } from '../rpc-params.js'

/** Parameter parsers the `bulkhead_` methods share, on top of rpc-params.ts. */

/** A parser of rpc-params.ts: reads `raw[index]`. */
type Parser<T> = (raw: readonly unknown[], index: number) => T

/** Results of `bulkhead_getMessages` and `bulkhead_getAuditLog` per call, at most. */
export const MAX_PAGE = 1_000
const DEFAULT_PAGE = 100

/** An environment id among `known`; a wrong one names them all, so the caller can fix it. */
export function environment(raw: readonly unknown[], index: number, known: readonly string[]): string {
  const value = raw[index]
  if (typeof value !== 'string' || !known.includes(value)) throw invalidParams(index, `a known environment (${known.join(', ')})`, value)
  return value
}

/** `raw[index]` as an object, or `{}` when absent (filters are optional). */
export function optionalObject(raw: readonly unknown[], index: number): Record<string, unknown> {
  return raw[index] === undefined || raw[index] === null ? {} : object(raw, index)
}

/**
 * Field `name` of the object at argument `index`, read with a positional parser, so the
 * messages stay the same as for arguments: `argument 1 field "address" must be …`.
 */
export function field<T>(container: Record<string, unknown>, name: string, index: number, parse: Parser<T>): T {
  try {
    return parse([container[name]], 0)
  } catch (error) {
    if (error instanceof JsonRpcError && error.code === RPC_ERROR.invalidParams) {
      throw new JsonRpcError(error.code, error.message.replace('argument 0', `argument ${index} field "${name}"`))
    }
    throw error
  }
}

/** Like {@link field}, `undefined` when the field is absent. */
export function optionalField<T>(container: Record<string, unknown>, name: string, index: number, parse: Parser<T>): T | undefined {
  return container[name] === undefined ? undefined : field(container, name, index, parse)
}

/** Fields other than `allowed` are refused, so a misspelt filter does not silently match everything. */
export function onlyFields(container: Record<string, unknown>, index: number, allowed: readonly string[]): void {
  const unknown = Object.keys(container).find((name) => !allowed.includes(name))
  if (unknown !== undefined) {
    throw new JsonRpcError(RPC_ERROR.invalidParams, `Invalid params: argument ${index} has an unknown field "${unknown}"; known fields: ${allowed.join(', ')}`)
  }
}

/** A page size: a JSON number from 1 to {@link MAX_PAGE}; default 100. */
export function pageLimit(container: Record<string, unknown>, index: number): number {
  const value = container.limit
  if (value === undefined) return DEFAULT_PAGE
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1 || value > MAX_PAGE) {
    throw invalidParams(index, `an object whose "limit" is a whole number from 1 to ${MAX_PAGE}`, container)
  }
  return value
}

/** One of `choices`. */
export function oneOf<T extends string>(choices: readonly T[]): Parser<T> {
  return (raw, index) => {
    const value = raw[index]
    if (typeof value !== 'string' || !(choices as readonly string[]).includes(value)) throw invalidParams(index, `one of ${choices.join(', ')}`, value)
    return value as T
  }
}
