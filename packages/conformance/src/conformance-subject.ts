import type { Address, ExecutionEnvironment, Hex, KeyValueStore, TransactionEnvelope } from '@bulkhead/core'

/** What the kit hands a fixture when it needs a transaction. */
export interface TransactionContext {
  /**
   * The sender's next nonce: its committed nonce (`query({ method: 'nonce' })`) plus the
   * transactions already built for the open block that are expected to consume one.
   */
  readonly nonce: bigint
  /** The contract the `deploy` fixture created (absent while building `deploy` itself). */
  readonly contract: Address
}

/** A transaction fixture: builds the VM's own payload for the given nonce and contract. */
export type TransactionFixture = (context: TransactionContext) => Promise<TransactionEnvelope>

/** The "exhausts gas" fixture: a transaction that runs out of gas, and the gas limit it carries. */
export interface OutOfGasFixture {
  readonly transaction: TransactionEnvelope
  /** The gas limit inside the payload; an `out_of_gas` receipt must charge exactly this. */
  readonly gasLimit: bigint
}

/** An outbound asset transfer fixture: a transaction that sends `amount` of the native denom. */
export interface SendAssetFixture {
  readonly transaction: TransactionEnvelope
  /** The amount the message carries (and that a refund gives back). */
  readonly amount: bigint
  /** The destination environment the message is addressed to. */
  readonly destination: string
}

/**
 * Transactions for the VM under test, all signed by (or on behalf of) `sender`. Optional
 * fixtures turn their cases into skips when absent, so a new adapter can start with four.
 */
export interface ConformanceFixtures {
  /** The account every fixture transaction comes from; funded in the subject's genesis. */
  readonly sender: Address
  /** The native denom (must be in `capabilities.denoms`). */
  readonly denom: string

  /** Deploys a contract; its receipt must be `ok` and carry `contractAddress`. */
  readonly deploy: TransactionFixture
  /** A call to the deployed contract that succeeds and changes its state (see `readState`). */
  readonly succeed: TransactionFixture
  /** A call that reverts (`status: 'reverted'`) after trying to change state. */
  readonly revert: TransactionFixture
  /** A call that runs out of gas after trying to change state. */
  readonly exhaustGas: (context: TransactionContext) => Promise<OutOfGasFixture>
  /**
   * The `succeed` call, but with an explicit gas limit; the kit asks for one above
   * `limits.transactionGasLimit` and expects `rejected`.
   */
  readonly withGasLimit?: (context: TransactionContext, gasLimit: bigint) => Promise<TransactionEnvelope>
  /** A transaction whose contract sends a message and then fails (reverts, traps or runs out of gas). */
  readonly sendThenFail?: TransactionFixture
  /** A transaction that sends an `AssetTransfer` of the native denom and succeeds. */
  readonly sendAsset?: (context: TransactionContext) => Promise<SendAssetFixture>
  /**
   * A transaction by which a contract tries to overwrite the StateSync mirror
   * (`source`, `publisher`, `key`). Absent when the VM gives contracts no way to even try.
   */
  readonly overwriteMirror?: (
    context: TransactionContext,
    mirror: { readonly source: string; readonly publisher: Hex; readonly key: Uint8Array },
  ) => Promise<TransactionEnvelope>

  /**
   * Reads the deployed contract's state through the public `query` method, as any comparable
   * value (bigint, bytes, plain objects). The kit compares it before and after failed
   * transactions, so it must change when `succeed` runs.
   */
  readonly readState: (environment: ExecutionEnvironment, contract: Address) => Promise<unknown>

  /** Inbound messages this environment should accept. */
  readonly inbound: {
    /** An account here that can receive an `AssetTransfer` of `denom`. */
    readonly assetReceiver: Address
    /**
     * Call data for an inbound `ContractCall` into the deployed contract that succeeds and
     * changes `readState`. Needed when `capabilities.receives` includes `contract_call`.
     */
    readonly contractCall?: (contract: Address) => Uint8Array
  }
}

/** What an adapter passes to the kit to run it against itself. */
export interface ConformanceSubject {
  /** Shown in test names, e.g. `counter`. */
  readonly name: string
  /**
   * A fresh environment over `store`, with a genesis that funds `fixtures.sender`. Called
   * several times per case (two instances for determinism, a second one over the same store
   * for restart), so it must not share state between calls except through `store`.
   */
  readonly create: (options: { readonly store: KeyValueStore }) => Promise<ExecutionEnvironment>
  readonly fixtures: ConformanceFixtures
  /**
   * The environment id inbound messages come from; must differ from the environment's own
   * id. Default `conformance-remote`.
   */
  readonly remoteEnvironment?: string
}
