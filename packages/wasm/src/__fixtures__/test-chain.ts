import { bytesToHex, type Address, type BlockContext, type Hex, type TransactionEnvelope } from '@bulkhead/core'
import { encodeSignedWasmTransaction, encodeWasmTransaction, type WasmTransaction } from '@bulkhead/proto'
import { privateKeyToAccount } from 'viem/accounts'

/** Hardhat/anvil account 0. */
export const TEST_KEY: Hex = '0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80'
export const account = privateKeyToAccount(TEST_KEY)
export const SENDER = account.address.toLowerCase() as Address
export const OTHER_KEY: Hex = '0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d'
export const otherAccount = privateKeyToAccount(OTHER_KEY)

export interface TransactionFields {
  readonly nonce: bigint
  readonly gasLimit?: bigint
  readonly gasPrice?: bigint
  readonly value?: bigint
  readonly chainId?: bigint
  readonly environment?: string
  readonly action: WasmTransaction['action']
}

/** A signed WASM transaction envelope, as a wallet would sign it (EIP-191 over the canonical bytes). */
export async function signTransaction(fields: TransactionFields, signer = account): Promise<TransactionEnvelope> {
  const transaction: WasmTransaction = {
    chainId: fields.chainId ?? 31337n,
    environment: fields.environment ?? 'wasm',
    nonce: fields.nonce,
    gasLimit: fields.gasLimit ?? 5_000_000n,
    gasPrice: fields.gasPrice ?? 1n,
    value: fields.value ?? 0n,
    action: fields.action,
  }
  const signature = await signer.signMessage({ message: { raw: encodeWasmTransaction(transaction) } })
  return { environment: 'wasm', payload: encodeSignedWasmTransaction({ transaction, signature }) }
}

export function deploy(code: Uint8Array, nonce: bigint, extra: Partial<TransactionFields> = {}) {
  return signTransaction({ nonce, ...extra, action: { kind: 'deploy', code, initArgs: new Uint8Array(0) } })
}

export function call(contract: Address, fn: string, nonce: bigint, args: Uint8Array = new Uint8Array(0), extra: Partial<TransactionFields> = {}) {
  return signTransaction({ nonce, ...extra, action: { kind: 'call', contract, function: fn, args } })
}

export function blockContext(height: bigint, gasLimit = 30_000_000n): BlockContext {
  return { height, timestamp: 1_700_000_000n + height, parentHash: bytesToHex(new Uint8Array(32)), gasLimit }
}

export const GENESIS_BALANCE = 10n ** 24n
