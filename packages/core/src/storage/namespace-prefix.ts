import { InvalidArgumentError } from '../errors/invalid-argument-error.js'
import { concatBytes } from '../encoding/hex.js'

const encoder = new TextEncoder()

/**
 * The key prefix of a namespace: the UTF-8 name then `/`. Names may not contain `/`, so no
 * namespace's prefix is a prefix of another's.
 */
export function namespacePrefix(parent: Uint8Array, name: string): Uint8Array {
  if (name.length === 0 || name.includes('/')) {
    throw new InvalidArgumentError('A storage namespace name must be non-empty and contain no "/"', {
      details: [`got: ${JSON.stringify(name)}`],
    })
  }
  return concatBytes(parent, encoder.encode(name), encoder.encode('/'))
}
