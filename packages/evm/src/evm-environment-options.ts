import type { Address, EnvironmentId, Hex, KeyValueStore, ResourceLimits } from '@bulkhead/core'
import { InvalidArgumentError, isEnvironmentId } from '@bulkhead/core'
import { isAddress } from './encoding/is-address.js'
import { XENV_ADDRESS } from './ixenv/xenv-address.js'

/** An account in the genesis state. */
export interface GenesisAccount {
  /** Native balance in the smallest unit; default 0. */
  readonly balance?: bigint
  /** Default 0. */
  readonly nonce?: bigint
  /** Runtime bytecode; default none. */
  readonly code?: Hex
  /** Storage slots (32-byte hex key -> 32-byte hex value); default none. */
  readonly storage?: Readonly<Record<Hex, Hex>>
}

export interface EVMEnvironmentOptions {
  /** Environment id messages and transactions are addressed to. Default `'evm'`. */
  readonly id?: EnvironmentId
  /** EIP-155 chain id that signatures must carry. Default `31337n`. */
  readonly chainId?: bigint
  /** ethereumjs hardfork name. Default `'prague'`. */
  readonly hardfork?: string
  /** Accounts at height 0. Used only when the store holds no chain yet. Default `{}`. */
  readonly genesis?: Readonly<Record<Address, GenesisAccount>>
  /**
   * Where trie nodes, heights, blocks and receipts live; pass a namespace of a shared store.
   * Default: a fresh in-memory store.
   */
  readonly store?: KeyValueStore
  /** Name of the native asset in messages and supply. Default `'wei'`. */
  readonly denom?: string
  /**
   * Base fee per gas of every block (burned, reported in `burnedByRule`). Fixed rather than
   * EIP-1559-adjusted so fees do not depend on other environments' share of the block.
   * Default `1_000_000_000n` (1 gwei).
   */
  readonly baseFeePerGas?: bigint
  /** Overrides of the default limits (30M gas per tx and per block, 128 KiB tx, depth 1,024, 64 messages). */
  readonly limits?: Partial<Omit<ResourceLimits, 'maxCallDepth' | 'maxMessagesPerTransaction' | 'vm'>>
  /** Receives one line saying which secp256k1 implementation was loaded. Default: `console.info`. */
  readonly logger?: (message: string) => void
}

/** Options with every default filled in. */
export interface ResolvedEVMEnvironmentOptions {
  readonly id: EnvironmentId
  readonly chainId: bigint
  readonly hardfork: string
  readonly genesis: Readonly<Record<Address, GenesisAccount>>
  readonly store: KeyValueStore | undefined
  readonly denom: string
  readonly baseFeePerGas: bigint
  readonly limits: ResourceLimits
  readonly logger: (message: string) => void
}

const DEFAULT_LIMITS: ResourceLimits = Object.freeze({
  transactionGasLimit: 30_000_000n,
  blockGasLimit: 30_000_000n,
  maxTransactionBytes: 131_072,
  maxCallDepth: 1_024,
  maxMessagesPerTransaction: 64,
  // The EVM's own limits (EIP-170, EIP-3860, stack), shown so operators need not know them.
  vm: Object.freeze({ maxCodeBytes: 24_576, maxInitCodeBytes: 49_152, maxStackItems: 1_024 }),
})

/** Copies the caller's options and fills defaults; never changes what the caller gave. */
export function resolveOptions(options: EVMEnvironmentOptions): ResolvedEVMEnvironmentOptions {
  const copy = { ...options } as { -readonly [K in keyof EVMEnvironmentOptions]: EVMEnvironmentOptions[K] }
  copy.id ??= 'evm'
  copy.chainId ??= 31_337n
  copy.hardfork ??= 'prague'
  copy.genesis ??= {}
  copy.denom ??= 'wei'
  copy.baseFeePerGas ??= 1_000_000_000n
  copy.logger ??= (message) => console.info(message)
  if (!isEnvironmentId(copy.id)) {
    throw new InvalidArgumentError(`Invalid environment id ${JSON.stringify(copy.id)}`, {
      details: ['a lower-case letter, then up to 31 lower-case letters, digits or "-"'],
    })
  }
  if (copy.chainId <= 0n) throw new InvalidArgumentError(`chainId must be positive; got ${copy.chainId}`)
  if (copy.denom.length === 0) throw new InvalidArgumentError('denom must be non-empty')
  for (const address of Object.keys(copy.genesis)) {
    if (!isAddress(address)) throw new InvalidArgumentError(`Genesis address ${address} is not 20 bytes of hex`)
    if (address.toLowerCase() === XENV_ADDRESS) {
      throw new InvalidArgumentError(`Genesis may not allocate ${XENV_ADDRESS}: the XEnv system contract lives there`)
    }
  }
  const limits: ResourceLimits = Object.freeze({ ...DEFAULT_LIMITS, ...copy.limits })
  return {
    id: copy.id,
    chainId: copy.chainId,
    hardfork: copy.hardfork,
    genesis: copy.genesis,
    store: copy.store,
    denom: copy.denom,
    baseFeePerGas: copy.baseFeePerGas,
    limits,
    logger: copy.logger,
  }
}

