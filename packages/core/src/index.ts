// The ExecutionEnvironment v1 specification and the types every environment shares.
export type { ExecutionEnvironment } from './spec/execution-environment.js'
export type { BlockContext } from './spec/block-context.js'
export type { BlockInput, BlockOutput, CommittedHead, DenomAmounts, EndBlockResult } from './spec/block-result.js'
export type { EnvironmentCapabilities, EnvironmentPermissions } from './spec/capabilities.js'
export { DEFAULT_PERMISSIONS } from './spec/capabilities.js'
export type { DeliveryResult } from './spec/delivery-result.js'
export type { EnvironmentEvent } from './spec/event.js'
export type { EnvironmentFactory, EnvironmentFactoryOptions } from './spec/environment-factory.js'
export type { HealthReport, HealthStatus } from './spec/health.js'
export type { Address, EnvironmentId, Hash, Hex } from './spec/identifiers.js'
export { isEnvironmentId } from './spec/identifiers.js'
export type {
  Acknowledgement,
  AssetTransfer,
  ContractCall,
  CrossEnvironmentMessage,
  InboundDelivery,
  MessageBody,
  MessageKind,
  OutboundBody,
  OutboundMessage,
  SentMessage,
  StateSync,
} from './spec/messages.js'
export type { OutcomeStatus } from './spec/outcome-status.js'
export { OUTCOME_STATUSES, isOutcomeStatus } from './spec/outcome-status.js'
export type {
  BalanceQuery,
  CallQuery,
  CallQueryResult,
  CodeQuery,
  EstimateGasQuery,
  EstimateGasQueryResult,
  ExtensionQuery,
  MirrorQuery,
  MirrorQueryResult,
  NonceQuery,
  QueryRequest,
  QueryResult,
  QueryResultMap,
  StorageQuery,
} from './spec/query.js'
export type { Receipt } from './spec/receipt.js'
export type { ResourceLimits } from './spec/resource-limits.js'
export type { TransactionCheck, TransactionEnvelope } from './spec/transaction.js'
export { runBlockInSteps } from './spec/run-block-in-steps.js'

// Errors: one base class with a literal code, one subclass per code.
export { BulkheadError, type BulkheadErrorOptions } from './errors/bulkhead-error.js'
export { BlockPhaseError } from './errors/block-phase-error.js'
export { DecodeError } from './errors/decode-error.js'
export { EnvironmentClosedError } from './errors/environment-closed-error.js'
export { InvalidArgumentError } from './errors/invalid-argument-error.js'
export { NotFoundError } from './errors/not-found-error.js'
export { StorageError } from './errors/storage-error.js'
export { UnsupportedError } from './errors/unsupported-error.js'

// Bytes, hashing and Merkle roots.
export { bytesEqual, bytesToHex, concatBytes, hexToBytes, isHex, normalizeHex } from './encoding/hex.js'
export { MAX_UINT256, bytesToBigInt, uint256ToBytes } from './encoding/uint256.js'
export { keccak256, keccak256Hex } from './hashing/keccak256.js'
export { merkleRoot } from './hashing/merkle-root.js'
export { publicKeyToAddress, recoverAddress } from './crypto/recover-address.js'
export { privateKeyToAddress, signDigest } from './crypto/sign-digest.js'

// Caching.
export { createBoundedCache, type BoundedCache } from './caching/bounded-cache.js'

// Storage.
export type { KeyValueOperation, KeyValueRange, KeyValueStore } from './storage/key-value-store.js'
export { createMemoryStore } from './storage/memory-store.js'
export { namespacePrefix } from './storage/namespace-prefix.js'

export { VERSION } from './version.js'
