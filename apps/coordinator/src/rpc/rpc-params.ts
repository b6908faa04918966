import { JsonRpcError, RPC_ERROR } from './json-rpc-error.js'

/** Parameter parsers for JSON-RPC methods: each throws -32602 with the position and what was expected. */

const quantityPattern = /^0x(0|[1-9a-fA-F][0-9a-fA-F]*)$/
const dataPattern = /^0x([0-9a-fA-F]{2})*$/
const addressPattern = /^0x[0-9a-fA-F]{40}$/
const hashPattern = /^0x[0-9a-fA-F]{64}$/

export function invalidParams(index: number, expected: string, got: unknown): JsonRpcError {
  const shown = JSON.stringify(got)
  return new JsonRpcError(
    RPC_ERROR.invalidParams,
    `Invalid params: argument ${index} must be ${expected}, got ${shown === undefined ? 'nothing' : shown.length > 80 ? `${shown.slice(0, 80)}…` : shown}`,
  )
}

/** An EIP-1474 quantity (`0x` + minimal hex) as bigint. */
export function quantity(raw: readonly unknown[], index: number): bigint {
  const value = raw[index]
  if (typeof value !== 'string' || !quantityPattern.test(value)) throw invalidParams(index, 'a hex quantity such as "0x1a"', value)
  return BigInt(value)
}

/** Hex bytes (`0x` + even number of digits). */
export function data(raw: readonly unknown[], index: number): `0x${string}` {
  const value = raw[index]
  if (typeof value !== 'string' || !dataPattern.test(value)) throw invalidParams(index, 'hex data such as "0x00ff"', value)
  return value.toLowerCase() as `0x${string}`
}

export function address(raw: readonly unknown[], index: number): `0x${string}` {
  const value = raw[index]
  if (typeof value !== 'string' || !addressPattern.test(value)) throw invalidParams(index, 'a 20-byte hex address', value)
  return value.toLowerCase() as `0x${string}`
}

export function hash(raw: readonly unknown[], index: number): `0x${string}` {
  const value = raw[index]
  if (typeof value !== 'string' || !hashPattern.test(value)) throw invalidParams(index, 'a 32-byte hex hash', value)
  return value.toLowerCase() as `0x${string}`
}

export function text(raw: readonly unknown[], index: number, pattern?: RegExp): string {
  const value = raw[index]
  if (typeof value !== 'string' || (pattern !== undefined && !pattern.test(value))) throw invalidParams(index, pattern ? `a string matching ${pattern}` : 'a string', value)
  return value
}

export function boolean(raw: readonly unknown[], index: number, fallback?: boolean): boolean {
  const value = raw[index] ?? fallback
  if (typeof value !== 'boolean') throw invalidParams(index, 'true or false', value)
  return value
}

export function object(raw: readonly unknown[], index: number): Record<string, unknown> {
  const value = raw[index]
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw invalidParams(index, 'an object', value)
  return value as Record<string, unknown>
}

/** No parameters beyond `count`. */
export function atMost(raw: readonly unknown[], count: number): void {
  if (raw.length > count) throw new JsonRpcError(RPC_ERROR.invalidParams, `Invalid params: expected at most ${count} argument${count === 1 ? '' : 's'}, got ${raw.length}`)
}

/** A block tag or number: `latest`, `pending`, `safe`, `finalized`, `earliest` or a quantity. */
export type BlockTag = 'latest' | 'pending' | 'safe' | 'finalized' | 'earliest' | bigint

export function blockTag(raw: readonly unknown[], index: number, fallback: BlockTag = 'latest'): BlockTag {
  const value = raw[index] ?? fallback
  if (typeof value === 'bigint') return value
  if (value === 'latest' || value === 'pending' || value === 'safe' || value === 'finalized' || value === 'earliest') return value
  if (typeof value === 'string' && quantityPattern.test(value)) return BigInt(value)
  if (typeof value === 'object' && value !== null && 'blockNumber' in value) return blockTag([(value as { blockNumber: unknown }).blockNumber], 0)
  if (typeof value === 'object' && value !== null && 'blockHash' in value) {
    throw new JsonRpcError(RPC_ERROR.invalidParams, 'Invalid params: block hashes as block identifiers are not supported; pass a block number or tag')
  }
  throw invalidParams(index, 'a block number or tag (latest, pending, safe, finalized, earliest)', value)
}

/** A bigint as an EIP-1474 quantity. */
export function toQuantity(value: bigint | number): `0x${string}` {
  return `0x${value.toString(16)}`
}
