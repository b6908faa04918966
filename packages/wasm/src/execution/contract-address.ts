import { bytesToHex, concatBytes, hexToBytes, keccak256, type Address } from '@bulkhead/core'

const domain = new TextEncoder().encode('bulkhead/wasm')

/**
 * The address of the contract `deployer` creates with transaction nonce `nonce`:
 * `keccak256("bulkhead/wasm" ‖ deployer (20 bytes) ‖ nonce (8 bytes, big-endian))[12:]`.
 * The domain prefix keeps it from ever equalling an EVM CREATE address.
 */
export function contractAddress(deployer: Address, nonce: bigint): Address {
  const nonceBytes = new Uint8Array(8)
  new DataView(nonceBytes.buffer).setBigUint64(0, nonce)
  return bytesToHex(keccak256(concatBytes(domain, hexToBytes(deployer), nonceBytes)).subarray(12))
}
