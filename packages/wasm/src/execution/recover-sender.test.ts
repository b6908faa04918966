import { bytesToHex, hexToBytes, keccak256, type Hex } from '@bulkhead/core'
import { privateKeyToAccount, sign } from 'viem/accounts'
import { describe, expect, it } from 'vitest'
import { SECP256K1_BACKEND, recoverSender, type Secp256k1Backend } from './recover-sender.js'

const ORDER = 0xfffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141n
const backends: readonly Secp256k1Backend[] = ['native', 'noble']
const nativeLoaded = SECP256K1_BACKEND === 'native'

const word = (value: bigint) => value.toString(16).padStart(64, '0')
const seeded = (label: string, index: number) => bytesToHex(keccak256(new TextEncoder().encode(`${label}/${index}`)))

async function signed(index: number): Promise<{ digest: Uint8Array; signature: Hex; address: string }> {
  const privateKey = seeded('key', index)
  const digest = seeded('digest', index)
  const signature = await sign({ hash: digest, privateKey, to: 'hex' })
  return { digest: hexToBytes(digest), signature, address: privateKeyToAccount(privateKey).address.toLowerCase() }
}

/** The same signature with s replaced by n - s and the recovery bit flipped: valid, but high s. */
function malleate(signature: Hex): Hex {
  const bytes = hexToBytes(signature)
  const s = BigInt(bytesToHex(bytes.subarray(32, 64)))
  return `0x${bytesToHex(bytes.subarray(0, 32)).slice(2)}${word(ORDER - s)}${bytes[64] === 27 ? '1c' : '1b'}`
}

describe(recoverSender.name, () => {
  it('uses the native binding when it loads (the prebuilt linux-x64, darwin-arm64, win32-x64 ones)', () => {
    const prebuilt = ['linux-x64', 'darwin-arm64', 'win32-x64'].includes(`${process.platform}-${process.arch}`)
    if (prebuilt) expect(SECP256K1_BACKEND).toBe('native')
    expect(backends).toContain(SECP256K1_BACKEND)
  })

  it('recovers the signer with the noble path', async () => {
    const { digest, signature, address } = await signed(0)
    expect(recoverSender(digest, signature, 'noble')).toEqual({ address })
  })

  it.skipIf(!nativeLoaded)('recovers exactly the same signers with the native and the noble paths', async () => {
    for (let index = 0; index < 64; index++) {
      const { digest, signature, address } = await signed(index)
      expect(recoverSender(digest, signature, 'native')).toEqual({ address })
      expect(recoverSender(digest, signature, 'noble')).toEqual({ address })
      expect(recoverSender(digest, signature)).toEqual({ address })
    }
  })

  it.skipIf(!nativeLoaded)('gives the same reasons on both paths for bad signatures', async () => {
    const { digest, signature } = await signed(1)
    const r = signature.slice(2, 66)
    const s = signature.slice(66, 130)
    const cases: Hex[] = [
      malleate(signature), // high s (EIP-2): refused although both libraries would recover a key
      `0x${word(0n)}${s}1b`,
      `0x${r}${word(0n)}1b`,
      `0x${word(ORDER)}${s}1b`,
      `0x${r}${word(ORDER + 1n)}1c`,
      `0x${r}${s}00`,
      `0x${r}${s}1d`,
      `0x${r}${s}`,
      `${signature}00` as Hex,
    ]
    // Small r values: some are not the x coordinate of any point, so nothing recovers.
    for (let x = 1n; x <= 24n; x++) cases.push(`0x${word(x)}${s}1b`, `0x${word(x)}${s}1c`)
    const reasons = new Set<string>()
    for (const candidate of cases) {
      const native = recoverSender(digest, candidate, 'native')
      expect(recoverSender(digest, candidate, 'noble')).toEqual(native)
      if ('reason' in native) reasons.add(native.reason)
    }
    expect(reasons).toEqual(
      new Set([
        'signature has a high s value (EIP-2)',
        'signature does not recover: r or s is out of range',
        'signature must be 65 bytes ending in v = 27 or 28',
        'signature does not recover: no public key matches it',
      ]),
    )
  })

  it('refuses a high-s signature on the noble path too', async () => {
    const { digest, signature } = await signed(2)
    expect(recoverSender(digest, malleate(signature), 'noble')).toEqual({ reason: 'signature has a high s value (EIP-2)' })
  })
})
