import { hashMessage, toBytes } from 'viem'
import { privateKeyToAccount } from 'viem/accounts'
import { describe, expect, it } from 'vitest'
import { recoverAddress } from './recover-address.js'
import { privateKeyToAddress, signDigest } from './sign-digest.js'

const privateKey = '0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d'
const account = privateKeyToAccount(privateKey)

describe(signDigest.name, () => {
  it('produces exactly the signature a wallet produces for signMessage', async () => {
    const message = new TextEncoder().encode('governance')
    const digest = toBytes(hashMessage({ raw: message }))
    const signature = signDigest(digest, privateKey)
    expect(signature).toBe(await account.signMessage({ message: { raw: message } }))
    expect(recoverAddress(digest, signature)).toBe(account.address.toLowerCase())
    expect(privateKeyToAddress(privateKey)).toBe(account.address.toLowerCase())
  })

  it('refuses keys and digests of the wrong length', () => {
    expect(() => signDigest(new Uint8Array(31), privateKey)).toThrowError(/32 bytes, got 31/)
    expect(() => signDigest(new Uint8Array(32), '0x1234')).toThrowError(/private key is 32 bytes, got 2/)
  })
})
