import type { BlockContext, DeliveryResult, EndBlockResult, ExecutionEnvironment, InboundDelivery, Receipt } from '@bulkhead/core'
import { hexToBytes } from '@bulkhead/core'
import { type Hex, parseEther } from 'viem'
import { type PrivateKeyAccount, privateKeyToAccount } from 'viem/accounts'
import contracts from './contracts.json' with { type: 'json' }

export { contracts }

/** The first accounts of the `test test ... junk` mnemonic (Hardhat/Anvil). */
export const alice = privateKeyToAccount('0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80')
export const bob = privateKeyToAccount('0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d')
export const carol = privateKeyToAccount('0x5de4111afa1a4b94908f83103eb1f1706367c2e68ca870fc3fb9a804cdab365a')

export const CHAIN_ID = 31337
export const GWEI = 1_000_000_000n

/** Alice and Bob hold 1,000 ETH each; Carol holds nothing. */
export const genesis = {
  [alice.address.toLowerCase()]: { balance: parseEther('1000') },
  [bob.address.toLowerCase()]: { balance: parseEther('1000') },
} as const

export interface SignOptions {
  readonly nonce: number
  readonly to?: Hex
  readonly data?: Hex
  readonly value?: bigint
  readonly gas?: bigint
  readonly type?: 'legacy' | 'eip2930' | 'eip1559'
  readonly chainId?: number
  readonly maxFeePerGas?: bigint
}

/** A signed, RLP-encoded transaction as a wallet would send it. */
export async function sign(account: PrivateKeyAccount, options: SignOptions): Promise<Uint8Array> {
  const common = {
    chainId: options.chainId ?? CHAIN_ID,
    nonce: options.nonce,
    gas: options.gas ?? 1_000_000n,
    value: options.value ?? 0n,
    ...(options.to === undefined ? {} : { to: options.to }),
    ...(options.data === undefined ? {} : { data: options.data }),
  }
  const type = options.type ?? 'eip1559'
  const serialized =
    type === 'eip1559'
      ? await account.signTransaction({
          ...common,
          type,
          maxFeePerGas: options.maxFeePerGas ?? 3n * GWEI,
          maxPriorityFeePerGas: GWEI,
        })
      : await account.signTransaction({ ...common, type, gasPrice: options.maxFeePerGas ?? 2n * GWEI })
  return hexToBytes(serialized)
}

export function contextAt(height: bigint, gasLimit = 30_000_000n): BlockContext {
  return {
    height,
    timestamp: 1_700_000_000n + height,
    parentHash: `0x${height.toString(16).padStart(64, '0')}`,
    gasLimit,
  }
}

export interface MinedBlock {
  readonly deliveries: readonly DeliveryResult[]
  readonly receipts: readonly Receipt[]
  readonly end: EndBlockResult
}

/** Runs and commits the next block. */
export async function mine(
  environment: ExecutionEnvironment,
  payloads: readonly Uint8Array[],
  deliveries: readonly InboundDelivery[] = [],
): Promise<MinedBlock> {
  const { height } = await environment.head()
  const output = await environment.runBlock({
    context: contextAt(height + 1n),
    deliveries,
    transactions: payloads.map((payload) => ({ environment: environment.id, payload })),
  })
  await environment.commit()
  return output
}
