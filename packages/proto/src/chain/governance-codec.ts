import { DecodeError, InvalidArgumentError, keccak256Hex, type Address, type EnvironmentPermissions, type Hash, type Hex } from '@bulkhead/core'
import { bulkhead } from '../generated/bulkhead.js'
import { personalMessageDigest, signatureToWire } from '../codec/eip191.js'
import { omitDefaults } from '../codec/omit-defaults.js'
import { decodeStrict } from '../codec/strict-decode.js'
import { bytesField, environmentField, hexField, textField } from '../codec/wire-bytes.js'
import { fromWireUint64, toWireUint32, toWireUint64 } from '../codec/wire-integers.js'
import { permissionsFromWire, permissionsToWire } from './permissions-codec.js'

const wire = bulkhead.chain.v1
const REASON_BYTES = 256

/** What a governance transaction does, from the next block on. */
export type GovernanceAction =
  | { readonly kind: 'set_block_gas_weight'; readonly environment: string; readonly weight: number }
  | { readonly kind: 'set_permissions'; readonly environment: string; readonly permissions: EnvironmentPermissions }
  | { readonly kind: 'pause_environment'; readonly environment: string; readonly reason: string }
  | { readonly kind: 'resume_environment'; readonly environment: string }
  | { readonly kind: 'quarantine_contract'; readonly environment: string; readonly contract: Address; readonly blocks: bigint; readonly reason: string }
  | { readonly kind: 'release_contract'; readonly environment: string; readonly contract: Address }
  | { readonly kind: 'set_block_gas_limit'; readonly gasLimit: bigint }

/** `bulkhead.chain.v1.GovernanceTransaction`. */
export interface GovernanceTransaction {
  readonly chainId: bigint
  /** The signer's next governance nonce, from 0. */
  readonly nonce: bigint
  readonly action: GovernanceAction
}

export interface SignedGovernanceTransaction {
  readonly transaction: GovernanceTransaction
  /** 65 bytes r ‖ s ‖ v (v ∈ {27, 28}) over `governanceSigningHash(transaction)`. */
  readonly signature: Hex
}

export function encodeGovernanceTransaction(transaction: GovernanceTransaction): Uint8Array {
  return wire.GovernanceTransaction.encode(transactionToWire(transaction)).finish()
}

export function decodeGovernanceTransaction(bytes: Uint8Array): GovernanceTransaction {
  return decodeStrict('GovernanceTransaction', bytes, (reader) => wire.GovernanceTransaction.decode(reader), transactionFromWire, encodeGovernanceTransaction)
}

/** The EIP-191 digest a governance key signs. */
export function governanceSigningHash(transaction: GovernanceTransaction): Uint8Array {
  return personalMessageDigest(encodeGovernanceTransaction(transaction))
}

export function encodeSignedGovernanceTransaction(signed: SignedGovernanceTransaction): Uint8Array {
  return wire.SignedGovernanceTransaction.encode({
    transaction: transactionToWire(signed.transaction),
    signature: signatureToWire(signed.signature, 'SignedGovernanceTransaction.signature'),
  }).finish()
}

export function decodeSignedGovernanceTransaction(bytes: Uint8Array): SignedGovernanceTransaction {
  return decodeStrict(
    'SignedGovernanceTransaction',
    bytes,
    (reader) => wire.SignedGovernanceTransaction.decode(reader),
    (signed) => {
      if (signed.transaction === undefined || signed.transaction === null) throw new DecodeError('SignedGovernanceTransaction has no transaction')
      return {
        transaction: transactionFromWire(signed.transaction),
        signature: bytesField(signed.signature, 'SignedGovernanceTransaction.signature', [65]),
      }
    },
    encodeSignedGovernanceTransaction,
  )
}

/** keccak256 of the signed transaction's canonical bytes. */
export function governanceTransactionHash(signed: SignedGovernanceTransaction): Hash {
  return keccak256Hex(encodeSignedGovernanceTransaction(signed))
}

function transactionToWire(transaction: GovernanceTransaction) {
  return omitDefaults({
    chainId: toWireUint64(transaction.chainId, 'GovernanceTransaction.chainId'),
    nonce: toWireUint64(transaction.nonce, 'GovernanceTransaction.nonce'),
    ...actionToWire(transaction.action),
  })
}

function actionToWire(action: GovernanceAction) {
  const environment = (value: string) => environmentField(value, 'GovernanceAction.environment', 'encode')
  switch (action?.kind) {
    case 'set_block_gas_weight':
      if (action.weight < 1) throw new InvalidArgumentError('SetBlockGasWeight.weight must be at least 1')
      return { setBlockGasWeight: { environment: environment(action.environment), weight: toWireUint32(action.weight, 'SetBlockGasWeight.weight') } }
    case 'set_permissions':
      return { setPermissions: { environment: environment(action.environment), permissions: permissionsToWire(action.permissions) } }
    case 'pause_environment':
      return { pauseEnvironment: omitDefaults({ environment: environment(action.environment), reason: textField(action.reason, 'PauseEnvironment.reason', REASON_BYTES, 'encode') }) }
    case 'resume_environment':
      return { resumeEnvironment: { environment: environment(action.environment) } }
    case 'quarantine_contract':
      if (action.blocks < 1n) throw new InvalidArgumentError('QuarantineContract.blocks must be at least 1')
      return {
        quarantineContract: omitDefaults({
          environment: environment(action.environment),
          contract: hexField(action.contract, 'QuarantineContract.contract', [20]),
          blocks: toWireUint64(action.blocks, 'QuarantineContract.blocks'),
          reason: textField(action.reason, 'QuarantineContract.reason', REASON_BYTES, 'encode'),
        }),
      }
    case 'release_contract':
      return { releaseContract: { environment: environment(action.environment), contract: hexField(action.contract, 'ReleaseContract.contract', [20]) } }
    case 'set_block_gas_limit':
      if (action.gasLimit < 21_000n) throw new InvalidArgumentError('SetBlockGasLimit.gasLimit must be at least 21,000')
      return { setBlockGasLimit: { gasLimit: toWireUint64(action.gasLimit, 'SetBlockGasLimit.gasLimit') } }
    default:
      throw new InvalidArgumentError('Unknown governance action', { details: [`got kind: ${JSON.stringify((action as { kind?: unknown } | undefined)?.kind)}`] })
  }
}

function transactionFromWire(transaction: bulkhead.chain.v1.GovernanceTransaction.$Properties): GovernanceTransaction {
  return {
    chainId: fromWireUint64(transaction.chainId, 'GovernanceTransaction.chainId'),
    nonce: fromWireUint64(transaction.nonce, 'GovernanceTransaction.nonce'),
    action: actionFromWire(transaction),
  }
}

function actionFromWire(transaction: bulkhead.chain.v1.GovernanceTransaction.$Properties): GovernanceAction {
  const environment = (value: string | null | undefined) => environmentField(value, 'GovernanceAction.environment', 'decode')
  const { setBlockGasWeight, setPermissions, pauseEnvironment, resumeEnvironment, quarantineContract, releaseContract, setBlockGasLimit } = transaction
  if (setBlockGasWeight) return { kind: 'set_block_gas_weight', environment: environment(setBlockGasWeight.environment), weight: setBlockGasWeight.weight ?? 0 }
  if (setPermissions) return { kind: 'set_permissions', environment: environment(setPermissions.environment), permissions: permissionsFromWire(setPermissions.permissions ?? {}) }
  if (pauseEnvironment) {
    return { kind: 'pause_environment', environment: environment(pauseEnvironment.environment), reason: textField(pauseEnvironment.reason, 'PauseEnvironment.reason', REASON_BYTES, 'decode') }
  }
  if (resumeEnvironment) return { kind: 'resume_environment', environment: environment(resumeEnvironment.environment) }
  if (quarantineContract) {
    return {
      kind: 'quarantine_contract',
      environment: environment(quarantineContract.environment),
      contract: bytesField(quarantineContract.contract, 'QuarantineContract.contract', [20]),
      blocks: fromWireUint64(quarantineContract.blocks, 'QuarantineContract.blocks'),
      reason: textField(quarantineContract.reason, 'QuarantineContract.reason', REASON_BYTES, 'decode'),
    }
  }
  if (releaseContract) {
    return { kind: 'release_contract', environment: environment(releaseContract.environment), contract: bytesField(releaseContract.contract, 'ReleaseContract.contract', [20]) }
  }
  if (setBlockGasLimit) return { kind: 'set_block_gas_limit', gasLimit: fromWireUint64(setBlockGasLimit.gasLimit, 'SetBlockGasLimit.gasLimit') }
  throw new DecodeError('GovernanceTransaction has no action')
}
