import { createECDH, createHmac, pbkdf2Sync } from 'node:crypto'
import { bytesToHex, keccak256, type Address, type Hex } from '@bulkhead/core'

/** The mnemonic Hardhat, Anvil and Ganache prefund, so the same addresses and keys work here. */
export const DEV_MNEMONIC = 'test test test test test test test test test test test junk'

export interface DevAccount {
  readonly address: Address
  readonly privateKey: Hex
}

/** Order of the secp256k1 group: BIP-32 child keys are sums modulo it. */
const CURVE_ORDER = 0xfffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141n
const HARDENED = 0x8000_0000

interface ExtendedKey {
  readonly key: Buffer
  readonly chainCode: Buffer
}

/**
 * The first `count` accounts of a mnemonic (m/44'/60'/0'/0/i, BIP-39 seed without passphrase,
 * BIP-32 derivation). Node's own crypto does the work (PBKDF2, HMAC-SHA512, secp256k1 points):
 * the pure-JS path took ~140 ms, most of the devnet's start-up, this one a few milliseconds.
 */
export function deriveDevAccounts(count = 10, mnemonic = DEV_MNEMONIC): DevAccount[] {
  const seed = pbkdf2Sync(mnemonic.normalize('NFKD'), 'mnemonic', 2048, 64, 'sha512')
  let parent = split(createHmac('sha512', 'Bitcoin seed').update(seed).digest())
  for (const index of [44 + HARDENED, 60 + HARDENED, HARDENED, 0]) parent = deriveChild(parent, index)
  return Array.from({ length: count }, (_, addressIndex) => {
    const { key } = deriveChild(parent, addressIndex)
    // The address: the last 20 bytes of keccak256 of the uncompressed public key without its 0x04.
    const publicKey = publicKeyOf(key, 'uncompressed').subarray(1)
    return { address: bytesToHex(keccak256(publicKey).subarray(12)) as Address, privateKey: bytesToHex(key) }
  })
}

/** BIP-32 CKDpriv. */
function deriveChild(parent: ExtendedKey, index: number): ExtendedKey {
  const suffix = Buffer.alloc(4)
  suffix.writeUInt32BE(index)
  const data =
    index >= HARDENED
      ? Buffer.concat([Buffer.alloc(1), parent.key, suffix])
      : Buffer.concat([publicKeyOf(parent.key, 'compressed'), suffix])
  const { key: tweak, chainCode } = split(createHmac('sha512', parent.chainCode).update(data).digest())
  const tweakValue = BigInt(`0x${tweak.toString('hex')}`)
  const child = (tweakValue + BigInt(`0x${parent.key.toString('hex')}`)) % CURVE_ORDER
  // Probability below 2^-127; BIP-32 says to move on to the next index, we say so instead.
  if (tweakValue >= CURVE_ORDER || child === 0n) throw new Error(`BIP-32 index ${index} gives an invalid key; use another mnemonic`)
  return { key: Buffer.from(child.toString(16).padStart(64, '0'), 'hex'), chainCode }
}

function split(digest: Buffer): ExtendedKey {
  return { key: digest.subarray(0, 32), chainCode: digest.subarray(32) }
}

function publicKeyOf(privateKey: Buffer, format: 'compressed' | 'uncompressed'): Buffer {
  const curve = createECDH('secp256k1')
  curve.setPrivateKey(privateKey)
  return curve.getPublicKey(null, format)
}
