import { InvalidArgumentError, keccak256Hex, type Address, type EnvironmentId, type Hash } from '@bulkhead/core'
import { bulkhead } from '../generated/bulkhead.js'
import { omitDefaults } from '../codec/omit-defaults.js'
import { decodeStrict } from '../codec/strict-decode.js'
import { bytesField, environmentField, hexField } from '../codec/wire-bytes.js'
import { fromWireUint64, toWireUint64 } from '../codec/wire-integers.js'

const wire = bulkhead.chain.v1

/** An environment's state root after a block. */
export interface EnvironmentRoot {
  readonly environment: EnvironmentId
  readonly stateRoot: Hash
}

/** A committed block's header (`bulkhead.chain.v1.BlockHeader`). */
export interface BlockHeader {
  /** 1 for the first block after genesis. */
  readonly height: bigint
  /** Hash of the previous header; 32 zero bytes for block 1. */
  readonly parentHash: Hash
  /** Seconds since the Unix epoch. */
  readonly timestamp: bigint
  /** One per environment, strictly ascending by environment id. */
  readonly stateRoots: readonly EnvironmentRoot[]
  /** Merkle root of the block's committed messages (see `merkleRoot` in @bulkhead/core). */
  readonly messageRoot: Hash
  /** Merkle root of the included transaction envelopes. */
  readonly transactionRoot: Hash
  /** 20-byte address of the proposer. */
  readonly proposer: Address
}

/** Canonical bytes of a header; throws `InvalidArgumentError` for what the wire cannot carry. */
export function encodeBlockHeader(header: BlockHeader): Uint8Array {
  const stateRoots = header.stateRoots.map((entry, index) => {
    const previous = header.stateRoots[index - 1]
    if (previous !== undefined && !(previous.environment < entry.environment)) {
      throw new InvalidArgumentError('BlockHeader.stateRoots must be strictly ascending by environment id', {
        details: [`"${previous.environment}" comes before "${entry.environment}"`],
      })
    }
    return omitDefaults({
      environment: environmentField(entry.environment, 'EnvironmentRoot.environment', 'encode'),
      stateRoot: hexField(entry.stateRoot, 'EnvironmentRoot.stateRoot', [32]),
    })
  })
  return wire.BlockHeader.encode(
    omitDefaults({
      height: toWireUint64(header.height, 'BlockHeader.height'),
      parentHash: hexField(header.parentHash, 'BlockHeader.parentHash', [32]),
      timestamp: toWireUint64(header.timestamp, 'BlockHeader.timestamp'),
      stateRoots,
      messageRoot: hexField(header.messageRoot, 'BlockHeader.messageRoot', [32]),
      transactionRoot: hexField(header.transactionRoot, 'BlockHeader.transactionRoot', [32]),
      proposer: hexField(header.proposer, 'BlockHeader.proposer', [20]),
    }),
  ).finish()
}

/** Strictly decodes {@link encodeBlockHeader}'s output; anything else throws `DecodeError`. */
export function decodeBlockHeader(bytes: Uint8Array): BlockHeader {
  return decodeStrict(
    'BlockHeader',
    bytes,
    (reader) => wire.BlockHeader.decode(reader),
    (header) => ({
      height: fromWireUint64(header.height, 'BlockHeader.height'),
      parentHash: bytesField(header.parentHash, 'BlockHeader.parentHash', [32]),
      timestamp: fromWireUint64(header.timestamp, 'BlockHeader.timestamp'),
      stateRoots: (header.stateRoots ?? []).map((entry) => ({
        environment: environmentField(entry.environment, 'EnvironmentRoot.environment', 'decode'),
        stateRoot: bytesField(entry.stateRoot, 'EnvironmentRoot.stateRoot', [32]),
      })),
      messageRoot: bytesField(header.messageRoot, 'BlockHeader.messageRoot', [32]),
      transactionRoot: bytesField(header.transactionRoot, 'BlockHeader.transactionRoot', [32]),
      proposer: bytesField(header.proposer, 'BlockHeader.proposer', [20]),
    }),
    encodeBlockHeader,
  )
}

/** The block hash: keccak256 of the header's canonical bytes. */
export function blockHash(header: BlockHeader): Hash {
  return keccak256Hex(encodeBlockHeader(header))
}
