import { concat, keccak256, numberToHex, stringToHex, type Address } from 'viem'

/**
 * The address a WASM deploy creates: `keccak256("bulkhead/wasm" ‖ deployer (20) ‖ nonce (8,
 * big-endian))[12:]`, as @bulkhead/wasm computes it. Known before the deploy is mined.
 */
export function wasmContractAddress(parameters: { readonly deployer: Address; readonly nonce: bigint }): Address {
  const digest = keccak256(concat([stringToHex('bulkhead/wasm'), parameters.deployer, numberToHex(parameters.nonce, { size: 8 })]))
  return `0x${digest.slice(-40)}`
}
