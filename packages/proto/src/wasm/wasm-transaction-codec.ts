import {
  InvalidArgumentError,
  DecodeError,
  keccak256Hex,
  type Address,
  type Hash,
  type Hex,
} from '@bulkhead/core'
import { bulkhead } from '../generated/bulkhead.js'
import { personalMessageDigest, signatureToWire } from '../codec/eip191.js'
import { omitDefaults } from '../codec/omit-defaults.js'
import { decodeStrict } from '../codec/strict-decode.js'
import { bytesField, bytesFromWire, checkMaxLength, environmentField, hexField, rawBytesField, textField } from '../codec/wire-bytes.js'
import { fromWireUint256, fromWireUint64, toWireUint256, toWireUint64 } from '../codec/wire-integers.js'

const wire = bulkhead.wasm.v1

/** Largest module a deploy carries on the wire; the environment applies its own, smaller limit. */
export const MAX_WASM_CODE_BYTES = 1024 * 1024
/** Largest call or init argument blob. */
export const MAX_WASM_ARGS_BYTES = 128 * 1024

/** Uploads a module and instantiates it. */
export interface WasmDeploy {
  readonly kind: 'deploy'
  readonly code: Uint8Array
  /** Passed to the contract's `init` export; empty by default. */
  readonly initArgs: Uint8Array
}

/** Calls an exported function of a deployed contract. */
export interface WasmCall {
  readonly kind: 'call'
  readonly contract: Address
  /** Name of the exported function, 1–64 characters. */
  readonly function: string
  readonly args: Uint8Array
}

/** An unsigned WASM transaction (`bulkhead.wasm.v1.WasmTransaction`). */
export interface WasmTransaction {
  readonly chainId: bigint
  /** The environment the signature is valid in, e.g. `wasm`. */
  readonly environment: string
  readonly nonce: bigint
  readonly gasLimit: bigint
  readonly gasPrice: bigint
  readonly value: bigint
  readonly action: WasmDeploy | WasmCall
}

/** A WASM transaction and its 65-byte secp256k1 signature (r ‖ s ‖ v, v ∈ {27, 28}). */
export interface SignedWasmTransaction {
  readonly transaction: WasmTransaction
  readonly signature: Hex
}

/** The canonical bytes of a transaction: what the signer signs (behind the EIP-191 prefix). */
export function encodeWasmTransaction(transaction: WasmTransaction): Uint8Array {
  return wire.WasmTransaction.encode(transactionToWire(transaction)).finish()
}

/** Strictly decodes {@link encodeWasmTransaction}'s output; anything else throws `DecodeError`. */
export function decodeWasmTransaction(bytes: Uint8Array): WasmTransaction {
  return decodeStrict('WasmTransaction', bytes, (reader) => wire.WasmTransaction.decode(reader), transactionFromWire, encodeWasmTransaction)
}


/**
 * The digest a wallet signs for this transaction: EIP-191 personal message of the canonical
 * bytes, `keccak256("\x19Ethereum Signed Message:\n" + length + bytes)`. viem's
 * `signMessage({ message: { raw: encodeWasmTransaction(tx) } })` produces a valid signature.
 */
export function wasmTransactionSigningHash(transaction: WasmTransaction): Uint8Array {
  return personalMessageDigest(encodeWasmTransaction(transaction))
}

/** Canonical bytes of a signed transaction: the payload of a WASM `TransactionEnvelope`. */
export function encodeSignedWasmTransaction(signed: SignedWasmTransaction): Uint8Array {
  return wire.SignedWasmTransaction.encode({
    transaction: transactionToWire(signed.transaction),
    signature: signatureToWire(signed.signature, 'SignedWasmTransaction.signature'),
  }).finish()
}

/** Strictly decodes {@link encodeSignedWasmTransaction}'s output; anything else throws `DecodeError`. */
export function decodeSignedWasmTransaction(bytes: Uint8Array): SignedWasmTransaction {
  return decodeStrict(
    'SignedWasmTransaction',
    bytes,
    (reader) => wire.SignedWasmTransaction.decode(reader),
    (signed) => {
      if (signed.transaction === undefined || signed.transaction === null) {
        throw new DecodeError('SignedWasmTransaction has no transaction')
      }
      return {
        transaction: transactionFromWire(signed.transaction),
        signature: bytesField(signed.signature, 'SignedWasmTransaction.signature', [65]),
      }
    },
    encodeSignedWasmTransaction,
  )
}

/** The transaction hash: keccak256 of the signed transaction's canonical bytes. */
export function wasmTransactionHash(signed: SignedWasmTransaction): Hash {
  return keccak256Hex(encodeSignedWasmTransaction(signed))
}

const functionNamePattern = /^[A-Za-z_][A-Za-z0-9_]{0,63}$/

function transactionToWire(transaction: WasmTransaction) {
  const { action } = transaction
  let actionFields
  if (action?.kind === 'deploy') {
    const code = checkMaxLength(rawBytesField(action.code, 'Deploy.code'), 'Deploy.code', MAX_WASM_CODE_BYTES, 'encode')
    if (code.length === 0) throw new InvalidArgumentError('Deploy.code must not be empty')
    actionFields = {
      deploy: omitDefaults({
        code,
        initArgs: checkMaxLength(rawBytesField(action.initArgs, 'Deploy.initArgs'), 'Deploy.initArgs', MAX_WASM_ARGS_BYTES, 'encode'),
      }),
    }
  } else if (action?.kind === 'call') {
    if (typeof action.function !== 'string' || !functionNamePattern.test(action.function)) {
      throw new InvalidArgumentError('Call.function must be an export name of 1–64 letters, digits or "_"', {
        details: [`got: ${JSON.stringify(action.function)}`],
      })
    }
    actionFields = {
      call: omitDefaults({
        contract: hexField(action.contract, 'Call.contract', [20]),
        function: textField(action.function, 'Call.function', 64, 'encode'),
        args: checkMaxLength(rawBytesField(action.args, 'Call.args'), 'Call.args', MAX_WASM_ARGS_BYTES, 'encode'),
      }),
    }
  } else {
    throw new InvalidArgumentError('WasmTransaction.action must be a deploy or a call', {
      details: [`got kind: ${JSON.stringify((action as { kind?: unknown } | undefined)?.kind)}`],
    })
  }
  return omitDefaults({
    chainId: toWireUint64(transaction.chainId, 'WasmTransaction.chainId'),
    environment: environmentField(transaction.environment, 'WasmTransaction.environment', 'encode'),
    nonce: toWireUint64(transaction.nonce, 'WasmTransaction.nonce'),
    gasLimit: toWireUint64(transaction.gasLimit, 'WasmTransaction.gasLimit'),
    gasPrice: toWireUint256(transaction.gasPrice, 'WasmTransaction.gasPrice'),
    value: toWireUint256(transaction.value, 'WasmTransaction.value'),
    ...actionFields,
  })
}

function transactionFromWire(transaction: bulkhead.wasm.v1.WasmTransaction.$Properties): WasmTransaction {
  return {
    chainId: fromWireUint64(transaction.chainId, 'WasmTransaction.chainId'),
    environment: environmentField(transaction.environment, 'WasmTransaction.environment', 'decode'),
    nonce: fromWireUint64(transaction.nonce, 'WasmTransaction.nonce'),
    gasLimit: fromWireUint64(transaction.gasLimit, 'WasmTransaction.gasLimit'),
    gasPrice: fromWireUint256(transaction.gasPrice, 'WasmTransaction.gasPrice'),
    value: fromWireUint256(transaction.value, 'WasmTransaction.value'),
    action: actionFromWire(transaction),
  }
}

function actionFromWire(transaction: bulkhead.wasm.v1.WasmTransaction.$Properties): WasmDeploy | WasmCall {
  if (transaction.deploy) {
    return {
      kind: 'deploy',
      code: bytesFromWire(transaction.deploy.code, 'Deploy.code', MAX_WASM_CODE_BYTES),
      initArgs: bytesFromWire(transaction.deploy.initArgs, 'Deploy.initArgs', MAX_WASM_ARGS_BYTES),
    }
  }
  if (transaction.call) {
    return {
      kind: 'call',
      contract: bytesField(transaction.call.contract, 'Call.contract', [20]),
      function: textField(transaction.call.function, 'Call.function', 64, 'decode'),
      args: bytesFromWire(transaction.call.args, 'Call.args', MAX_WASM_ARGS_BYTES),
    }
  }
  throw new DecodeError('WasmTransaction has no action', { details: ['Exactly one of deploy, call must be set.'] })
}
