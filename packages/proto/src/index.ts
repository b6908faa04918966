// Cross-environment messages (bulkhead.xenv.v1).
export { MESSAGE_LIMITS, decodeMessage, encodeMessage, messageHash } from './xenv/message-codec.js'
export { MESSAGE_ADDRESS_LENGTHS } from './codec/wire-bytes.js'

// Blocks, transaction envelopes and genesis (bulkhead.chain.v1).
export { blockHash, decodeBlockHeader, encodeBlockHeader, type BlockHeader, type EnvironmentRoot } from './chain/block-header-codec.js'
export {
  MAX_TRANSACTION_PAYLOAD_BYTES,
  decodeTransactionEnvelope,
  encodeTransactionEnvelope,
  transactionEnvelopeHash,
} from './chain/transaction-envelope-codec.js'
export {
  decodeGenesis,
  encodeGenesis,
  genesisHash,
  type Allocation,
  type EnvironmentGenesis,
  type Genesis,
} from './chain/genesis-codec.js'

// Governance transactions (bulkhead.chain.v1).
export {
  decodeGovernanceTransaction,
  decodeSignedGovernanceTransaction,
  encodeGovernanceTransaction,
  encodeSignedGovernanceTransaction,
  governanceSigningHash,
  governanceTransactionHash,
  type GovernanceAction,
  type GovernanceTransaction,
  type SignedGovernanceTransaction,
} from './chain/governance-codec.js'

// WASM transactions (bulkhead.wasm.v1).
export {
  MAX_WASM_ARGS_BYTES,
  MAX_WASM_CODE_BYTES,
  decodeSignedWasmTransaction,
  decodeWasmTransaction,
  encodeSignedWasmTransaction,
  encodeWasmTransaction,
  wasmTransactionHash,
  wasmTransactionSigningHash,
  type SignedWasmTransaction,
  type WasmCall,
  type WasmDeploy,
  type WasmTransaction,
} from './wasm/wasm-transaction-codec.js'

export { personalMessageDigest } from './codec/eip191.js'
export { VERSION } from './version.js'
