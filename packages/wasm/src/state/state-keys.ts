import { concatBytes, hexToBytes, type Address } from '@bulkhead/core'

/**
 * Layout of the state trie. Keys are not hashed: one flat trie holds every record, each
 * under a one-byte tag, so a key says what it is and the root commits to all of them.
 *
 * | tag  | key                                                   | value                              |
 * |------|-------------------------------------------------------|------------------------------------|
 * | 0x01 | address                                               | nonce, 8 bytes big-endian          |
 * | 0x02 | address ‖ denom                                       | balance, 32 bytes big-endian       |
 * | 0x03 | address                                               | contract record (code hash, …)     |
 * | 0x04 | address ‖ storage key                                 | storage value                      |
 * | 0x05 | len ‖ source ‖ len ‖ publisher ‖ key                  | version (8) ‖ mirrored value       |
 * | 0x06 | denom                                                 | supply, 32 bytes big-endian        |
 * | 0x07 | address ‖ key                                         | last published StateSync version   |
 */
const encoder = new TextEncoder()

export const stateKeys = {
  nonce: (address: Address) => concatBytes(Uint8Array.of(0x01), hexToBytes(address)),
  balance: (address: Address, denom: string) => concatBytes(Uint8Array.of(0x02), hexToBytes(address), encoder.encode(denom)),
  contract: (address: Address) => concatBytes(Uint8Array.of(0x03), hexToBytes(address)),
  storage: (address: Address, key: Uint8Array) => concatBytes(Uint8Array.of(0x04), hexToBytes(address), key),
  mirror: (source: string, publisher: Uint8Array, key: Uint8Array) => {
    const sourceBytes = encoder.encode(source)
    return concatBytes(Uint8Array.of(0x05, sourceBytes.length), sourceBytes, Uint8Array.of(publisher.length), publisher, key)
  },
  supply: (denom: string) => concatBytes(Uint8Array.of(0x06), encoder.encode(denom)),
  published: (address: Address, key: Uint8Array) => concatBytes(Uint8Array.of(0x07), hexToBytes(address), key),
}
