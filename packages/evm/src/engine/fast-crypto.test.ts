import { hexToBytes, keccak256 } from '@bulkhead/core'
import { ecrecover as nobleRecover } from '@ethereumjs/util'
import { sign } from 'viem/accounts'
import { describe, expect, it } from 'vitest'
import { loadFastCrypto } from './fast-crypto.js'

describe(loadFastCrypto.name, () => {
  it('loads the native secp256k1 binding on this platform and hashes like noble', async () => {
    const crypto = await loadFastCrypto()
    expect(crypto.secp256k1).toBe('native')
    for (const size of [0, 1, 135, 136, 1000]) {
      const data = new Uint8Array(size).map((_, index) => index * 7)
      expect(crypto.keccak256(data)).toEqual(keccak256(data))
    }
  })

  it('recovers the same public key as noble, and refuses bad recovery values', async () => {
    const crypto = await loadFastCrypto()
    const hash = keccak256(new TextEncoder().encode('bulkhead'))
    const signature = await sign({
      hash: `0x${Buffer.from(hash).toString('hex')}`,
      privateKey: '0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80',
    })
    const r = hexToBytes(signature.r)
    const s = hexToBytes(signature.s)
    const v = BigInt(signature.yParity ?? 0)
    const expected = nobleRecover(hash, v + 27n, r, s)
    expect(crypto.ecrecover?.(hash, v + 27n, r, s)).toEqual(expected)
    expect(crypto.ecrecover?.(hash, v + 31337n * 2n + 35n, r, s, 31337n)).toEqual(expected)
    expect(crypto.ecrecover?.(hash, v, r, s)).toEqual(expected)
    expect(() => crypto.ecrecover?.(hash, 5n, r, s)).toThrow(/v value/)
  })
})
