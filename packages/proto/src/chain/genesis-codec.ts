import {
  InvalidArgumentError,
  keccak256Hex,
  type Address,
  type EnvironmentId,
  type EnvironmentPermissions,
  type Hash,
} from '@bulkhead/core'
import { bulkhead } from '../generated/bulkhead.js'
import { omitDefaults } from '../codec/omit-defaults.js'
import { decodeStrict } from '../codec/strict-decode.js'
import { bytesField, bytesFromWire, checkMaxLength, denomField, environmentField, hexField, rawBytesField, textField } from '../codec/wire-bytes.js'

/** Largest adapter options blob in a genesis. */
const MAX_OPTIONS_BYTES = 64 * 1024
import { permissionsFromWire, permissionsToWire } from './permissions-codec.js'
import { fromWireUint256, fromWireUint64, toWireUint256, toWireUint32, toWireUint64 } from '../codec/wire-integers.js'

const wire = bulkhead.chain.v1

/** Native asset credited to an account at genesis. */
export interface Allocation {
  readonly address: Address
  readonly amount: bigint
}

/** One environment of a chain at genesis. */
export interface EnvironmentGenesis {
  readonly id: EnvironmentId
  /** Adapter kind, e.g. `evm`. */
  readonly vm: string
  /** Share of block gas relative to the other environments' weights; at least 1. */
  readonly blockGasWeight: number
  readonly permissions: EnvironmentPermissions
  readonly allocations: readonly Allocation[]
  /** Adapter-specific options as canonical JSON bytes (keys sorted, no spaces); empty for none. */
  readonly options: Uint8Array
  /** Module providing a third-party adapter; empty for the node's built-ins. */
  readonly adapterModule: string
  /** Its factory export; empty means `createEnvironment`. */
  readonly adapterExport: string
}

/** What a chain starts from (`bulkhead.chain.v1.Genesis`); its hash identifies the chain. */
export interface Genesis {
  readonly chainId: bigint
  readonly timestamp: bigint
  readonly nativeDenom: string
  /** Strictly ascending by id. */
  readonly environments: readonly EnvironmentGenesis[]
  /** Addresses allowed to sign governance transactions. */
  readonly governanceKeys: readonly Address[]
  /** Blocks a message may wait before it times out when its sender gave no timeout. */
  readonly defaultMessageTimeout: bigint
  /** Total block gas, shared among environments by weight. */
  readonly blockGasLimit: bigint
}

/** Canonical bytes of a genesis; throws `InvalidArgumentError` for what the wire cannot carry. */
export function encodeGenesis(genesis: Genesis): Uint8Array {
  genesis.environments.forEach((environment, index) => {
    const previous = genesis.environments[index - 1]
    if (previous !== undefined && !(previous.id < environment.id)) {
      throw new InvalidArgumentError('Genesis.environments must be strictly ascending by id', {
        details: [`"${previous.id}" comes before "${environment.id}"`],
      })
    }
  })
  return wire.Genesis.encode(
    omitDefaults({
      chainId: toWireUint64(genesis.chainId, 'Genesis.chainId'),
      timestamp: toWireUint64(genesis.timestamp, 'Genesis.timestamp'),
      nativeDenom: denomField(genesis.nativeDenom, 'Genesis.nativeDenom', 'encode'),
      environments: genesis.environments.map(environmentToWire),
      governanceKeys: genesis.governanceKeys.map((key) => hexField(key, 'Genesis.governanceKeys[]', [20])),
      defaultMessageTimeout: toWireUint64(genesis.defaultMessageTimeout, 'Genesis.defaultMessageTimeout'),
      blockGasLimit: toWireUint64(genesis.blockGasLimit, 'Genesis.blockGasLimit'),
    }),
  ).finish()
}

/** Strictly decodes {@link encodeGenesis}'s output; anything else throws `DecodeError`. */
export function decodeGenesis(bytes: Uint8Array): Genesis {
  return decodeStrict(
    'Genesis',
    bytes,
    (reader) => wire.Genesis.decode(reader),
    (genesis) => ({
      chainId: fromWireUint64(genesis.chainId, 'Genesis.chainId'),
      timestamp: fromWireUint64(genesis.timestamp, 'Genesis.timestamp'),
      nativeDenom: denomField(genesis.nativeDenom, 'Genesis.nativeDenom', 'decode'),
      environments: (genesis.environments ?? []).map(environmentFromWire),
      governanceKeys: (genesis.governanceKeys ?? []).map((key) => bytesField(key, 'Genesis.governanceKeys[]', [20])),
      defaultMessageTimeout: fromWireUint64(genesis.defaultMessageTimeout, 'Genesis.defaultMessageTimeout'),
      blockGasLimit: fromWireUint64(genesis.blockGasLimit, 'Genesis.blockGasLimit'),
    }),
    encodeGenesis,
  )
}

/** keccak256 of the genesis' canonical bytes. */
export function genesisHash(genesis: Genesis): Hash {
  return keccak256Hex(encodeGenesis(genesis))
}

function environmentToWire(environment: EnvironmentGenesis) {
  if (environment.blockGasWeight < 1) {
    throw new InvalidArgumentError(`EnvironmentGenesis.blockGasWeight of "${environment.id}" must be at least 1`)
  }
  return omitDefaults({
    id: environmentField(environment.id, 'EnvironmentGenesis.id', 'encode'),
    vm: textField(environment.vm, 'EnvironmentGenesis.vm', 64, 'encode'),
    blockGasWeight: toWireUint32(environment.blockGasWeight, 'EnvironmentGenesis.blockGasWeight'),
    permissions: permissionsToWire(environment.permissions),
    allocations: environment.allocations.map((allocation) =>
      omitDefaults({
        address: hexField(allocation.address, 'Allocation.address', [20]),
        amount: toWireUint256(allocation.amount, 'Allocation.amount'),
      }),
    ),
    options: checkMaxLength(rawBytesField(environment.options, 'EnvironmentGenesis.options'), 'EnvironmentGenesis.options', MAX_OPTIONS_BYTES, 'encode'),
    adapterModule: textField(environment.adapterModule, 'EnvironmentGenesis.adapterModule', 512, 'encode'),
    adapterExport: textField(environment.adapterExport, 'EnvironmentGenesis.adapterExport', 128, 'encode'),
  })
}

function environmentFromWire(environment: bulkhead.chain.v1.EnvironmentGenesis.$Properties): EnvironmentGenesis {
  return {
    id: environmentField(environment.id, 'EnvironmentGenesis.id', 'decode'),
    vm: textField(environment.vm, 'EnvironmentGenesis.vm', 64, 'decode'),
    blockGasWeight: environment.blockGasWeight ?? 0,
    permissions: permissionsFromWire(environment.permissions ?? {}),
    allocations: (environment.allocations ?? []).map((allocation) => ({
      address: bytesField(allocation.address, 'Allocation.address', [20]),
      amount: fromWireUint256(allocation.amount, 'Allocation.amount'),
    })),
    options: bytesFromWire(environment.options, 'EnvironmentGenesis.options', MAX_OPTIONS_BYTES),
    adapterModule: textField(environment.adapterModule, 'EnvironmentGenesis.adapterModule', 512, 'decode'),
    adapterExport: textField(environment.adapterExport, 'EnvironmentGenesis.adapterExport', 128, 'decode'),
  }
}
