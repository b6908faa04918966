// fast-check generators for every wire type, biased toward the edges (0, 2^64 - 1, 2^256 - 1).
import type { CrossEnvironmentMessage, Hex, MessageBody } from '@bulkhead/core'
import { bytesToHex } from '@bulkhead/core'
import fc from 'fast-check'
import type { BlockHeader } from '../chain/block-header-codec.js'
import type { Genesis } from '../chain/genesis-codec.js'
import type { SignedGovernanceTransaction } from '../chain/governance-codec.js'
import type { SignedWasmTransaction, WasmTransaction } from '../wasm/wasm-transaction-codec.js'

const MAX_UINT64 = (1n << 64n) - 1n
const MAX_UINT256 = (1n << 256n) - 1n

export const uint64 = fc.oneof(fc.constantFrom(0n, 1n, MAX_UINT64), fc.bigInt({ min: 0n, max: MAX_UINT64 }))
export const uint256 = fc.oneof(fc.constantFrom(0n, 1n, MAX_UINT256), fc.bigInt({ min: 0n, max: MAX_UINT256 }))
const positiveUint256 = fc.oneof(fc.constantFrom(1n, MAX_UINT256), fc.bigInt({ min: 1n, max: MAX_UINT256 }))
const hexOf = (length: number) => fc.uint8Array({ minLength: length, maxLength: length }).map((bytes) => bytesToHex(bytes))
export const hash: fc.Arbitrary<Hex> = hexOf(32)
export const address: fc.Arbitrary<Hex> = hexOf(20)
const messageAddress = fc.oneof(hexOf(20), hexOf(32))
export const environmentId = fc.stringMatching(/^[a-z][a-z0-9-]{0,31}$/)
const denom = fc.stringMatching(/^[a-zA-Z][a-zA-Z0-9/:._-]{0,20}$/)
const memo = fc.string({ maxLength: 60 })
const bytes = (maxLength: number) => fc.uint8Array({ maxLength })

export const body: fc.Arbitrary<MessageBody> = fc.oneof(
  fc.record({
    kind: fc.constant('asset_transfer' as const),
    denom,
    amount: positiveUint256,
    sender: messageAddress,
    receiver: messageAddress,
    memo,
  }),
  fc.record({
    kind: fc.constant('contract_call' as const),
    sender: messageAddress,
    contract: messageAddress,
    data: bytes(200),
    gasLimit: uint64,
  }),
  fc.record({
    kind: fc.constant('state_sync' as const),
    publisher: messageAddress,
    key: fc.uint8Array({ minLength: 1, maxLength: 256 }),
    value: bytes(300),
    version: uint64,
  }),
  fc.oneof(
    fc.record({ kind: fc.constant('acknowledgement' as const), success: fc.constant(true), result: bytes(100), error: fc.constant('') }),
    fc.record({
      kind: fc.constant('acknowledgement' as const),
      success: fc.constant(false),
      result: fc.constant(new Uint8Array(0)),
      error: fc.string({ minLength: 1, maxLength: 80 }),
    }),
  ),
)

export const message: fc.Arbitrary<CrossEnvironmentMessage> = fc.record({
  source: environmentId,
  destination: environmentId,
  sequence: fc.oneof(fc.constantFrom(1n, MAX_UINT64), fc.bigInt({ min: 1n, max: MAX_UINT64 })),
  timeoutHeight: uint64,
  originTransaction: hash,
  body,
})

export const blockHeader: fc.Arbitrary<BlockHeader> = fc.record({
  height: uint64,
  parentHash: hash,
  timestamp: uint64,
  stateRoots: fc
    .uniqueArray(environmentId, { maxLength: 5 })
    .chain((ids) => fc.tuple(...[...ids].sort().map((environment) => hash.map((stateRoot) => ({ environment, stateRoot }))))),
  messageRoot: hash,
  transactionRoot: hash,
  proposer: address,
})

const permissions = fc.record({
  sendAssets: fc.boolean(),
  sendCalls: fc.boolean(),
  sendStateSync: fc.boolean(),
  destinations: fc.oneof(fc.constant('*' as const), fc.array(environmentId, { maxLength: 3 })),
  deployers: fc.oneof(fc.constant('*' as const), fc.array(address, { maxLength: 3 })),
})

export const genesis: fc.Arbitrary<Genesis> = fc.record({
  chainId: uint64,
  timestamp: uint64,
  nativeDenom: denom,
  environments: fc.uniqueArray(environmentId, { maxLength: 4 }).chain((ids) =>
    fc.tuple(
      ...[...ids].sort().map((id) =>
        fc.record({
          id: fc.constant(id),
          vm: fc.constantFrom('evm', 'wasm', 'counter'),
          blockGasWeight: fc.integer({ min: 1, max: 2 ** 32 - 1 }),
          permissions,
          allocations: fc.array(fc.record({ address, amount: uint256 }), { maxLength: 3 }),
          options: fc.jsonValue().map((value) => new TextEncoder().encode(JSON.stringify(value))),
          adapterModule: fc.oneof(fc.constant(''), fc.string({ maxLength: 40 })),
          adapterExport: fc.oneof(fc.constant(''), fc.stringMatching(/^[A-Za-z_][A-Za-z0-9_]{0,20}$/)),
        }),
      ),
    ),
  ),
  governanceKeys: fc.array(address, { maxLength: 3 }),
  defaultMessageTimeout: uint64,
  blockGasLimit: uint64,
})

const signature = fc
  .tuple(fc.uint8Array({ minLength: 64, maxLength: 64 }), fc.constantFrom(27, 28))
  .map(([rs, v]) => bytesToHex(Uint8Array.of(...rs, v)))

export const signedGovernanceTransaction: fc.Arbitrary<SignedGovernanceTransaction> = fc.record({
  transaction: fc.record({
    chainId: uint64,
    nonce: uint64,
    action: fc.oneof(
      fc.record({ kind: fc.constant('set_block_gas_weight' as const), environment: environmentId, weight: fc.integer({ min: 1, max: 2 ** 32 - 1 }) }),
      fc.record({ kind: fc.constant('set_permissions' as const), environment: environmentId, permissions }),
      fc.record({ kind: fc.constant('pause_environment' as const), environment: environmentId, reason: fc.string({ maxLength: 40 }) }),
      fc.record({ kind: fc.constant('resume_environment' as const), environment: environmentId }),
      fc.record({
        kind: fc.constant('quarantine_contract' as const),
        environment: environmentId,
        contract: address,
        blocks: fc.bigInt({ min: 1n, max: (1n << 64n) - 1n }),
        reason: fc.string({ maxLength: 40 }),
      }),
      fc.record({ kind: fc.constant('release_contract' as const), environment: environmentId, contract: address }),
      fc.record({ kind: fc.constant('set_block_gas_limit' as const), gasLimit: fc.bigInt({ min: 21_000n, max: (1n << 64n) - 1n }) }),
    ),
  }),
  signature,
})

export const wasmTransaction: fc.Arbitrary<WasmTransaction> = fc.record({
  chainId: uint64,
  environment: environmentId,
  nonce: uint64,
  gasLimit: uint64,
  gasPrice: uint256,
  value: uint256,
  action: fc.oneof(
    fc.record({ kind: fc.constant('deploy' as const), code: fc.uint8Array({ minLength: 1, maxLength: 300 }), initArgs: bytes(50) }),
    fc.record({
      kind: fc.constant('call' as const),
      contract: address,
      function: fc.stringMatching(/^[A-Za-z_][A-Za-z0-9_]{0,20}$/),
      args: bytes(100),
    }),
  ),
})

export const signedWasmTransaction: fc.Arbitrary<SignedWasmTransaction> = fc.record({
  transaction: wasmTransaction,
  signature,
})
