import { contractAddress } from '@bulkhead/wasm'
import { keccak256, numberToHex, type Address } from 'viem'
import { describe, expect, it } from 'vitest'
import { wasmContractAddress } from './wasm-contract-address.js'

describe(wasmContractAddress.name, () => {
  it('matches the address @bulkhead/wasm gives a deploy', () => {
    const nonces = [0n, 1n, 255n, 256n, 2n ** 32n, 2n ** 64n - 1n]
    for (let index = 0; index < 50; index++) {
      const deployer = `0x${keccak256(numberToHex(index)).slice(-40)}` as Address
      for (const nonce of nonces) expect(wasmContractAddress({ deployer, nonce })).toBe(contractAddress(deployer, nonce))
    }
    expect(new Set(nonces.map((nonce) => wasmContractAddress({ deployer: `0x${'11'.repeat(20)}`, nonce }))).size).toBe(nonces.length)
  })
})
