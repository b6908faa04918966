import {
  createMemoryStore,
  type Address,
  type BlockContext,
  type BlockOutput,
  type CommittedHead,
  type EndBlockResult,
  type ExecutionEnvironment,
  type Hash,
  type InboundDelivery,
  type KeyValueStore,
  type Receipt,
  type TransactionEnvelope,
} from '@bulkhead/core'
import type { ConformanceSubject, TransactionContext, TransactionFixture } from './conformance-subject.js'

/** Every block the kit builds gets this timestamp plus its height, so runs are reproducible. */
const BASE_TIMESTAMP = 1_700_000_000n

/** A deterministic parent hash per height: the kit plays the coordinator, not a real chain. */
export function parentHashFor(height: bigint): Hash {
  return `0x${height.toString(16).padStart(64, '0')}`
}

/** The context of block `height`, the same for every instance the kit opens. */
export function blockContextFor(environment: ExecutionEnvironment, height: bigint, gasLimit?: bigint): BlockContext {
  return {
    height,
    timestamp: BASE_TIMESTAMP + height,
    parentHash: parentHashFor(height),
    gasLimit: gasLimit ?? environment.limits.blockGasLimit,
  }
}

export interface BlockRequest {
  readonly deliveries?: readonly InboundDelivery[]
  readonly transactions?: readonly TransactionEnvelope[]
  /** The block's gas budget; default the environment's `limits.blockGasLimit`. */
  readonly gasLimit?: bigint
}

/**
 * One environment under test plus the bookkeeping a coordinator would do: heights, the
 * sender's nonce across a block being built, and the contract the `deploy` fixture created.
 */
export class Harness {
  readonly subject: ConformanceSubject
  readonly store: KeyValueStore
  readonly environment: ExecutionEnvironment
  /** Set by {@link deploy}. */
  contract: Address | undefined
  /** The end of the last block committed through {@link commitBlock}. */
  lastEnd: EndBlockResult | undefined
  private pendingNonces = 0n

  private constructor(subject: ConformanceSubject, store: KeyValueStore, environment: ExecutionEnvironment) {
    this.subject = subject
    this.store = store
    this.environment = environment
  }

  /** A fresh environment over `store` (default: a new in-memory store). */
  static async open(subject: ConformanceSubject, store: KeyValueStore = createMemoryStore()): Promise<Harness> {
    return new Harness(subject, store, await subject.create({ store }))
  }

  /** The context for the next transaction; `consumesNonce: false` for one expected to be rejected. */
  async nextTransaction(options: { readonly consumesNonce?: boolean } = {}): Promise<TransactionContext> {
    const committed = await this.environment.query({ method: 'nonce', address: this.subject.fixtures.sender })
    const context: TransactionContext = {
      nonce: committed + this.pendingNonces,
      contract: this.contract ?? `0x${'00'.repeat(20)}`,
    }
    if (options.consumesNonce ?? true) this.pendingNonces += 1n
    return context
  }

  /** Builds one fixture transaction for the block being prepared. */
  async build(fixture: TransactionFixture, options: { readonly consumesNonce?: boolean } = {}): Promise<TransactionEnvelope> {
    return fixture(await this.nextTransaction(options))
  }

  /** The context of the next block. */
  async nextContext(gasLimit?: bigint): Promise<BlockContext> {
    const head = await this.environment.head()
    return blockContextFor(this.environment, head.height + 1n, gasLimit)
  }

  /** Runs one block through `runBlock` without committing it. */
  async run(request: BlockRequest = {}): Promise<BlockOutput> {
    this.pendingNonces = 0n
    return this.environment.runBlock({
      context: await this.nextContext(request.gasLimit),
      deliveries: request.deliveries ?? [],
      transactions: request.transactions ?? [],
    })
  }

  /** Runs and commits one block. */
  async commitBlock(request: BlockRequest = {}): Promise<BlockOutput & { readonly head: CommittedHead }> {
    const output = await this.run(request)
    const head = await this.environment.commit()
    this.lastEnd = output.end
    return { ...output, head }
  }

  /** Supply of `denom` after the last committed block (0 before any). */
  supplyOf(denom: string): bigint {
    return this.lastEnd?.supply[denom] ?? 0n
  }

  /** Deploys the fixture contract in its own block and remembers its address. */
  async deploy(): Promise<{ readonly receipt: Receipt; readonly contract: Address | undefined }> {
    const transaction = await this.build(this.subject.fixtures.deploy)
    const { receipts } = await this.commitBlock({ transactions: [transaction] })
    const receipt = receipts[0] as Receipt
    this.contract = receipt.contractAddress
    return { receipt, contract: receipt.contractAddress }
  }

  async close(): Promise<void> {
    await this.environment.close()
  }
}
