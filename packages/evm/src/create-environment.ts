import {
  type Address,
  type EnvironmentFactory,
  type EnvironmentFactoryOptions,
  type ExecutionEnvironment,
  type Hex,
  InvalidArgumentError,
  isHex,
} from '@bulkhead/core'
import { createEVMEnvironment } from './create-evm-environment.js'
import type { EVMEnvironmentOptions, GenesisAccount } from './evm-environment-options.js'

/**
 * The EVM's own genesis options (`options` of the environment in a genesis file): plain JSON,
 * so quantities may be bigint, decimal or 0x strings, or safe integers.
 */
export interface EVMGenesisOptions {
  /** Default `'prague'`. */
  readonly hardfork?: string
  /** Default 1 gwei. */
  readonly baseFeePerGas?: bigint | string | number
  readonly limits?: {
    readonly transactionGasLimit?: bigint | string | number
    readonly blockGasLimit?: bigint | string | number
    readonly maxTransactionBytes?: number
  }
  /** Contracts and other non-balance state at genesis; balances come from `allocations`. */
  readonly accounts?: Readonly<
    Record<Address, { readonly code?: Hex; readonly nonce?: bigint | string | number; readonly storage?: Readonly<Record<Hex, Hex>> }>
  >
}

/**
 * The adapter entry point a node loads by name (core's `EnvironmentFactory`): builds the EVM
 * environment of a chain from its genesis entry and its store.
 */
export const createEnvironment: EnvironmentFactory = async (
  factoryOptions: EnvironmentFactoryOptions,
): Promise<ExecutionEnvironment> => {
  const adapter = factoryOptions.options as EVMGenesisOptions
  const genesis: Record<Address, GenesisAccount> = {}
  for (const [address, balance] of Object.entries(factoryOptions.allocations)) {
    genesis[address.toLowerCase() as Address] = { balance }
  }
  for (const [address, account] of Object.entries(adapter.accounts ?? {})) {
    const key = address.toLowerCase() as Address
    if (account.code !== undefined && !isHex(account.code)) {
      throw new InvalidArgumentError(`Genesis code of ${address} is not 0x hex`)
    }
    genesis[key] = {
      ...genesis[key],
      ...(account.code === undefined ? {} : { code: account.code }),
      ...(account.storage === undefined ? {} : { storage: account.storage }),
      ...(account.nonce === undefined ? {} : { nonce: quantity(account.nonce, `accounts.${address}.nonce`) }),
    }
  }
  const limits = adapter.limits ?? {}
  const options: EVMEnvironmentOptions = {
    id: factoryOptions.id,
    chainId: factoryOptions.chainId,
    denom: factoryOptions.denom,
    store: factoryOptions.store,
    genesis,
    ...(adapter.hardfork === undefined ? {} : { hardfork: String(adapter.hardfork) }),
    ...(adapter.baseFeePerGas === undefined ? {} : { baseFeePerGas: quantity(adapter.baseFeePerGas, 'baseFeePerGas') }),
    limits: {
      ...(limits.transactionGasLimit === undefined ? {} : { transactionGasLimit: quantity(limits.transactionGasLimit, 'limits.transactionGasLimit') }),
      ...(limits.blockGasLimit === undefined ? {} : { blockGasLimit: quantity(limits.blockGasLimit, 'limits.blockGasLimit') }),
      ...(limits.maxTransactionBytes === undefined ? {} : { maxTransactionBytes: Number(quantity(limits.maxTransactionBytes, 'limits.maxTransactionBytes')) }),
    },
  }
  return createEVMEnvironment(options)
}

function quantity(value: unknown, name: string): bigint {
  if (typeof value === 'bigint' && value >= 0n) return value
  if (typeof value === 'number' && Number.isSafeInteger(value) && value >= 0) return BigInt(value)
  if (typeof value === 'string' && /^(0x[0-9a-fA-F]+|[0-9]+)$/.test(value)) return BigInt(value)
  throw new InvalidArgumentError(`EVM genesis option ${name} must be a non-negative integer`, {
    details: [`got: ${String(value)}`],
  })
}
