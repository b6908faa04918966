import {
  DecodeError,
  InvalidArgumentError,
  keccak256Hex,
  type CrossEnvironmentMessage,
  type Hash,
  type MessageBody,
} from '@bulkhead/core'
import { bulkhead } from '../generated/bulkhead.js'
import { omitDefaults } from '../codec/omit-defaults.js'
import { decodeStrict } from '../codec/strict-decode.js'
import {
  MESSAGE_ADDRESS_LENGTHS,
  bytesField,
  checkMaxLength,
  denomField,
  environmentField,
  hexField,
  rawBytesField,
  textField,
  bytesFromWire,
} from '../codec/wire-bytes.js'
import { fromWireUint256, fromWireUint64, toWireUint256, toWireUint64 } from '../codec/wire-integers.js'

const wire = bulkhead.xenv.v1

/** Size limits of message fields, enforced when encoding and when decoding. */
export const MESSAGE_LIMITS = Object.freeze({
  /** AssetTransfer memo, UTF-8 bytes. */
  memoBytes: 256,
  /** ContractCall data and Acknowledgement result. */
  dataBytes: 128 * 1024,
  /** StateSync key. */
  keyBytes: 256,
  /** StateSync value. */
  valueBytes: 16 * 1024,
  /** Acknowledgement error text, UTF-8 bytes. */
  errorBytes: 1024,
})

/**
 * The canonical bytes of a committed message: the protobuf `bulkhead.xenv.v1.Envelope` with
 * fields in number order and defaults omitted. Throws `InvalidArgumentError` for anything the
 * wire cannot carry exactly (a uint64 out of range, an amount over 256 bits, a wrong-length
 * address or hash) instead of letting protobufjs write something else.
 */
export function encodeMessage(message: CrossEnvironmentMessage): Uint8Array {
  if (message.sequence < 1n) {
    throw new InvalidArgumentError('Envelope.sequence starts at 1', { details: [`got: ${message.sequence}`] })
  }
  const envelope = omitDefaults({
    source: environmentField(message.source, 'Envelope.source', 'encode'),
    destination: environmentField(message.destination, 'Envelope.destination', 'encode'),
    sequence: toWireUint64(message.sequence, 'Envelope.sequence'),
    timeoutHeight: toWireUint64(message.timeoutHeight, 'Envelope.timeoutHeight'),
    originTransaction: hexField(message.originTransaction, 'Envelope.originTransaction', [32]),
    ...bodyToWire(message.body),
  })
  return wire.Envelope.encode(envelope).finish()
}

/** Strictly decodes {@link encodeMessage}'s output; anything else throws `DecodeError`. */
export function decodeMessage(bytes: Uint8Array): CrossEnvironmentMessage {
  return decodeStrict('Envelope', bytes, (input) => wire.Envelope.decode(input), envelopeFromWire, encodeMessage)
}

/** keccak256 of the canonical bytes: the identity of a message in the message root and audit log. */
export function messageHash(message: CrossEnvironmentMessage): Hash {
  return keccak256Hex(encodeMessage(message))
}

function bodyToWire(body: MessageBody) {
  switch (body?.kind) {
    case 'asset_transfer':
      if (body.amount === 0n) throw new InvalidArgumentError('AssetTransfer.amount must be above 0')
      return {
        assetTransfer: omitDefaults({
          denom: denomField(body.denom, 'AssetTransfer.denom', 'encode'),
          amount: toWireUint256(body.amount, 'AssetTransfer.amount'),
          sender: hexField(body.sender, 'AssetTransfer.sender', MESSAGE_ADDRESS_LENGTHS),
          receiver: hexField(body.receiver, 'AssetTransfer.receiver', MESSAGE_ADDRESS_LENGTHS),
          memo: textField(body.memo, 'AssetTransfer.memo', MESSAGE_LIMITS.memoBytes, 'encode'),
        }),
      }
    case 'contract_call':
      return {
        contractCall: omitDefaults({
          sender: hexField(body.sender, 'ContractCall.sender', MESSAGE_ADDRESS_LENGTHS),
          contract: hexField(body.contract, 'ContractCall.contract', MESSAGE_ADDRESS_LENGTHS),
          data: checkMaxLength(rawBytesField(body.data, 'ContractCall.data'), 'ContractCall.data', MESSAGE_LIMITS.dataBytes, 'encode'),
          gasLimit: toWireUint64(body.gasLimit, 'ContractCall.gasLimit'),
        }),
      }
    case 'state_sync': {
      const key = checkMaxLength(rawBytesField(body.key, 'StateSync.key'), 'StateSync.key', MESSAGE_LIMITS.keyBytes, 'encode')
      if (key.length === 0) throw new InvalidArgumentError('StateSync.key must not be empty')
      return {
        stateSync: omitDefaults({
          publisher: hexField(body.publisher, 'StateSync.publisher', MESSAGE_ADDRESS_LENGTHS),
          key,
          value: checkMaxLength(rawBytesField(body.value, 'StateSync.value'), 'StateSync.value', MESSAGE_LIMITS.valueBytes, 'encode'),
          version: toWireUint64(body.version, 'StateSync.version'),
        }),
      }
    }
    case 'acknowledgement': {
      const result = checkMaxLength(rawBytesField(body.result, 'Acknowledgement.result'), 'Acknowledgement.result', MESSAGE_LIMITS.dataBytes, 'encode')
      const error = textField(body.error, 'Acknowledgement.error', MESSAGE_LIMITS.errorBytes, 'encode')
      if (body.success && error !== '') throw new InvalidArgumentError('A successful Acknowledgement carries no error')
      if (!body.success && error === '') throw new InvalidArgumentError('A failed Acknowledgement must say why (error is empty)')
      if (!body.success && result.length > 0) throw new InvalidArgumentError('A failed Acknowledgement carries no result')
      return { acknowledgement: omitDefaults({ success: body.success === true, result, error }) }
    }
    default:
      throw new InvalidArgumentError('Unknown message body kind', {
        details: [`got: ${JSON.stringify((body as { kind?: unknown } | undefined)?.kind)}`],
      })
  }
}

function envelopeFromWire(envelope: bulkhead.xenv.v1.Envelope): CrossEnvironmentMessage {
  return {
    source: environmentField(envelope.source, 'Envelope.source', 'decode'),
    destination: environmentField(envelope.destination, 'Envelope.destination', 'decode'),
    sequence: fromWireUint64(envelope.sequence, 'Envelope.sequence'),
    timeoutHeight: fromWireUint64(envelope.timeoutHeight, 'Envelope.timeoutHeight'),
    originTransaction: bytesField(envelope.originTransaction, 'Envelope.originTransaction', [32]),
    body: bodyFromWire(envelope),
  }
}

function bodyFromWire(envelope: bulkhead.xenv.v1.Envelope): MessageBody {
  switch (envelope.body) {
    case 'assetTransfer': {
      const body = envelope.assetTransfer as bulkhead.xenv.v1.AssetTransfer.$Properties
      return {
        kind: 'asset_transfer',
        denom: denomField(body.denom, 'AssetTransfer.denom', 'decode'),
        amount: fromWireUint256(body.amount, 'AssetTransfer.amount'),
        sender: bytesField(body.sender, 'AssetTransfer.sender', MESSAGE_ADDRESS_LENGTHS),
        receiver: bytesField(body.receiver, 'AssetTransfer.receiver', MESSAGE_ADDRESS_LENGTHS),
        memo: textField(body.memo, 'AssetTransfer.memo', MESSAGE_LIMITS.memoBytes, 'decode'),
      }
    }
    case 'contractCall': {
      const body = envelope.contractCall as bulkhead.xenv.v1.ContractCall.$Properties
      return {
        kind: 'contract_call',
        sender: bytesField(body.sender, 'ContractCall.sender', MESSAGE_ADDRESS_LENGTHS),
        contract: bytesField(body.contract, 'ContractCall.contract', MESSAGE_ADDRESS_LENGTHS),
        data: bytesFromWire(body.data, 'ContractCall.data', MESSAGE_LIMITS.dataBytes),
        gasLimit: fromWireUint64(body.gasLimit, 'ContractCall.gasLimit'),
      }
    }
    case 'stateSync': {
      const body = envelope.stateSync as bulkhead.xenv.v1.StateSync.$Properties
      return {
        kind: 'state_sync',
        publisher: bytesField(body.publisher, 'StateSync.publisher', MESSAGE_ADDRESS_LENGTHS),
        key: bytesFromWire(body.key, 'StateSync.key', MESSAGE_LIMITS.keyBytes),
        value: bytesFromWire(body.value, 'StateSync.value', MESSAGE_LIMITS.valueBytes),
        version: fromWireUint64(body.version, 'StateSync.version'),
      }
    }
    case 'acknowledgement': {
      const body = envelope.acknowledgement as bulkhead.xenv.v1.Acknowledgement.$Properties
      return {
        kind: 'acknowledgement',
        success: body.success === true,
        result: bytesFromWire(body.result, 'Acknowledgement.result', MESSAGE_LIMITS.dataBytes),
        error: textField(body.error, 'Acknowledgement.error', MESSAGE_LIMITS.errorBytes, 'decode'),
      }
    }
    default:
      throw new DecodeError('Envelope has no body', {
        details: ['Exactly one of asset_transfer, contract_call, state_sync, acknowledgement must be set.'],
      })
  }
}
