import { bytesToBigInt, concatBytes, uint256ToBytes } from '@bulkhead/core'

/**
 * The few ABI shapes the boundary needs (static words, `bytes`, `string`), so the package
 * carries no ABI library at runtime. Strict: out-of-range offsets throw.
 */
export type AbiValue = { readonly type: 'uint'; readonly value: bigint } | { readonly type: 'bytes'; readonly value: Uint8Array }

const encoder = new TextEncoder()
const decoder = new TextDecoder('utf-8', { fatal: false })

/** ABI-encodes a tuple of uints and dynamic byte strings (`bytes`/`string`). */
export function encodeAbi(values: readonly AbiValue[]): Uint8Array {
  const heads: Uint8Array[] = []
  const tails: Uint8Array[] = []
  let tailOffset = values.length * 32
  for (const entry of values) {
    if (entry.type === 'uint') {
      heads.push(uint256ToBytes(entry.value))
      continue
    }
    heads.push(uint256ToBytes(BigInt(tailOffset)))
    const padded = new Uint8Array(32 + Math.ceil(entry.value.length / 32) * 32)
    padded.set(uint256ToBytes(BigInt(entry.value.length)))
    padded.set(entry.value, 32)
    tails.push(padded)
    tailOffset += padded.length
  }
  return concatBytes(...heads, ...tails)
}

/** Reads head word `index` of `data` as an unsigned integer. */
export function readWord(data: Uint8Array, index: number): bigint {
  const start = index * 32
  if (start + 32 > data.length) throw new RangeError('ABI data too short')
  return bytesToBigInt(data.subarray(start, start + 32))
}

/** Reads the dynamic `bytes`/`string` whose offset is head word `index`. */
export function readBytes(data: Uint8Array, index: number): Uint8Array {
  const offset = readWord(data, index)
  if (offset + 32n > BigInt(data.length)) throw new RangeError('ABI offset out of range')
  const start = Number(offset)
  const length = readWord(data.subarray(start), 0)
  if (BigInt(start) + 32n + length > BigInt(data.length)) throw new RangeError('ABI length out of range')
  return data.slice(start + 32, start + 32 + Number(length))
}

export function readString(data: Uint8Array, index: number): string {
  return decoder.decode(readBytes(data, index))
}

export function utf8(text: string): Uint8Array {
  return encoder.encode(text)
}

/** The reason inside Solidity's `Error(string)` revert data, if that is what it is. */
export function decodeRevertReason(data: Uint8Array): string | undefined {
  if (data.length < 4 + 64 || data[0] !== 0x08 || data[1] !== 0xc3 || data[2] !== 0x79 || data[3] !== 0xa0) {
    return undefined
  }
  try {
    return readString(data.subarray(4), 0)
  } catch {
    return undefined
  }
}
