import { keccak256Hex, type Hash, type TransactionEnvelope } from '@bulkhead/core'
import { bulkhead } from '../generated/bulkhead.js'
import { omitDefaults } from '../codec/omit-defaults.js'
import { decodeStrict } from '../codec/strict-decode.js'
import { bytesFromWire, checkMaxLength, environmentField, rawBytesField } from '../codec/wire-bytes.js'

const wire = bulkhead.chain.v1

/** Largest transaction payload the envelope carries (the WASM limit of 1 MiB plus headroom). */
export const MAX_TRANSACTION_PAYLOAD_BYTES = 2 * 1024 * 1024

/** Canonical bytes of a transaction envelope, the leaves of a block's transaction root. */
export function encodeTransactionEnvelope(envelope: TransactionEnvelope): Uint8Array {
  return wire.TransactionEnvelope.encode(
    omitDefaults({
      environment: environmentField(envelope.environment, 'TransactionEnvelope.environment', 'encode'),
      payload: checkMaxLength(
        rawBytesField(envelope.payload, 'TransactionEnvelope.payload'),
        'TransactionEnvelope.payload',
        MAX_TRANSACTION_PAYLOAD_BYTES,
        'encode',
      ),
    }),
  ).finish()
}

/** Strictly decodes {@link encodeTransactionEnvelope}'s output; anything else throws `DecodeError`. */
export function decodeTransactionEnvelope(bytes: Uint8Array): TransactionEnvelope {
  return decodeStrict(
    'TransactionEnvelope',
    bytes,
    (reader) => wire.TransactionEnvelope.decode(reader),
    (envelope) => ({
      environment: environmentField(envelope.environment, 'TransactionEnvelope.environment', 'decode'),
      payload: bytesFromWire(envelope.payload, 'TransactionEnvelope.payload', MAX_TRANSACTION_PAYLOAD_BYTES),
    }),
    encodeTransactionEnvelope,
  )
}

/** keccak256 of the envelope's canonical bytes (not the environment's own transaction hash). */
export function transactionEnvelopeHash(envelope: TransactionEnvelope): Hash {
  return keccak256Hex(encodeTransactionEnvelope(envelope))
}
