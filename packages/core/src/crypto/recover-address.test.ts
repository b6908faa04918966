import { hashMessage, toBytes } from 'viem'
import { privateKeyToAccount } from 'viem/accounts'
import { describe, expect, it } from 'vitest'
import { hexToBytes } from '../encoding/hex.js'
import { recoverAddress } from './recover-address.js'

// The first account of the usual test mnemonic (`test test … junk`).
const account = privateKeyToAccount('0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80')
const message = Uint8Array.of(1, 2, 3, 4)

describe(recoverAddress.name, () => {
  it('recovers the signer of what a wallet signed with signMessage', async () => {
    const signature = await account.signMessage({ message: { raw: message } })
    expect(recoverAddress(toBytes(hashMessage({ raw: message })), signature)).toBe(account.address.toLowerCase())
  })

  it('refuses malformed, high-s and wrong-v signatures with a reason', async () => {
    const signature = hexToBytes(await account.signMessage({ message: { raw: message } }))
    const digest = toBytes(hashMessage({ raw: message }))
    expect(() => recoverAddress(digest, signature.subarray(0, 64))).toThrowError(/65 bytes/)
    expect(() => recoverAddress(digest, Uint8Array.of(...signature.subarray(0, 64), 1))).toThrowError(/v must be 27 or 28, got 1/)
    const n = 0xfffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141n
    const s = BigInt(`0x${Buffer.from(signature.subarray(32, 64)).toString('hex')}`)
    const highS = Uint8Array.from(Buffer.from((n - s).toString(16).padStart(64, '0'), 'hex'))
    const malleated = Uint8Array.of(...signature.subarray(0, 32), ...highS, (signature[64] as number) === 27 ? 28 : 27)
    expect(() => recoverAddress(digest, malleated)).toThrowError(/EIP-2/)
  })
})
