import { BulkheadError, DecodeError, bytesEqual } from '@bulkhead/core'
import protobuf from 'protobufjs/minimal.js'

/** A protobufjs reader that keeps unknown fields (in `$unknowns`) so they can be refused. */
export type WireReader = protobuf.Reader

/**
 * Decodes `bytes` with a generated decoder and accepts them only if they are exactly the
 * canonical encoding of what they decode to. That refuses truncated and malformed input,
 * unknown fields (a newer version, an unknown oneof case), duplicate or out-of-order fields,
 * explicit default values and over-long varints, so one value has one encoding and one hash.
 */
export function decodeStrict<TWire, TValue>(
  typeName: string,
  bytes: Uint8Array,
  decodeWire: (reader: WireReader) => TWire,
  fromWire: (wire: TWire) => TValue,
  encodeValue: (value: TValue) => Uint8Array,
): TValue {
  if (!(bytes instanceof Uint8Array)) {
    throw new DecodeError(`${typeName}: expected a Uint8Array`, { details: [`got ${typeof bytes}`] })
  }
  let wire: TWire
  try {
    const reader = protobuf.Reader.create(bytes)
    reader.discardUnknown = false
    wire = decodeWire(reader)
  } catch (error) {
    throw new DecodeError(`${typeName}: malformed or truncated bytes`, {
      cause: error,
      details: [`${(error as Error).message} (input is ${bytes.length} bytes)`],
    })
  }
  const unknown = unknownFieldPath(wire, typeName)
  if (unknown !== undefined) {
    throw new DecodeError(`${typeName}: unknown field ${unknown}`, {
      details: ['The bytes carry a field this version does not know, such as an unknown message body.'],
    })
  }
  const value = fromWire(wire)
  let canonical: Uint8Array
  try {
    canonical = encodeValue(value)
  } catch (error) {
    if (!BulkheadError.isInstance(error)) throw error
    throw new DecodeError(`${typeName}: ${error.shortMessage}`, { cause: error, details: error.details })
  }
  if (!bytesEqual(canonical, bytes)) {
    throw new DecodeError(`${typeName}: non-canonical encoding`, {
      details: [
        'Re-encoding the decoded value gives other bytes: duplicate or out-of-order fields,',
        'explicitly encoded default values, over-long varints or trailing garbage.',
      ],
    })
  }
  return value
}

/** `Type.field#number` of the first unknown field protobufjs kept in `$unknowns`, depth first. */
function unknownFieldPath(wire: unknown, path: string): string | undefined {
  if (typeof wire !== 'object' || wire === null || wire instanceof Uint8Array) return undefined
  const unknowns = (wire as { $unknowns?: Uint8Array[] }).$unknowns
  if (unknowns !== undefined && unknowns.length > 0) return `${path}#${fieldNumber(unknowns[0] as Uint8Array)}`
  for (const [key, value] of Object.entries(wire)) {
    if (key === '$unknowns') continue
    const items = Array.isArray(value) ? value : [value]
    for (const item of items) {
      const found = unknownFieldPath(item, `${path}.${key}`)
      if (found !== undefined) return found
    }
  }
  return undefined
}

/** The field number in the tag varint that starts a raw unknown field. */
function fieldNumber(raw: Uint8Array): number {
  let tag = 0
  let shift = 0
  for (const byte of raw) {
    tag += (byte & 0x7f) * 2 ** shift
    if (byte < 0x80) break
    shift += 7
  }
  return Math.floor(tag / 8)
}
