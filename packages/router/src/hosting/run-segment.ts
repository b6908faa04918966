import type {
  Address,
  BlockContext,
  BlockInput,
  BlockOutput,
  CommittedHead,
  ExecutionEnvironment,
  Hash,
  Receipt,
  TransactionCheck,
  TransactionEnvelope,
} from '@bulkhead/core'

/** What the router already knows about a transaction from its admission check. */
export interface TransactionFacts {
  readonly status: 'ok' | 'rejected'
  readonly hash?: Hash
  readonly sender?: Address
  /** The called contract; absent for deployments. */
  readonly to?: Address
}

/**
 * The router's decisions for one environment's segment, computed in the main thread and sent
 * along with the block so the worker can apply them without another round trip.
 */
export interface SegmentPolicy {
  /** Quarantined contracts (lower-case address) and the reason their callers are given. */
  readonly quarantined: Readonly<Record<string, string>>
  /** Accounts allowed to deploy (lower-case), or `'*'`. */
  readonly deployers: readonly Address[] | '*'
  /** Facts known from `submit`, aligned with the transactions; `undefined` where unknown. */
  readonly facts: readonly (TransactionFacts | undefined)[]
  /** Receipt index of the first transaction: how many this environment already had in this block; default 0. */
  readonly firstIndex?: number
  /** Commit the block in the same call (`runSegment` only): one round trip instead of two. */
  readonly commit?: boolean
  /**
   * The first transaction has not been checked (automine's single round trip): check it and
   * apply this policy first, report the check through `onAdmitted` while the block goes on,
   * and run nothing if it is refused.
   */
  readonly admitFirst?: boolean
}

/** Reports an `admitFirst` transaction's check as soon as it is known. */
export type OnAdmitted = (check: TransactionCheck) => void

/** An `admitFirst` segment whose transaction was refused: nothing ran. */
export interface RefusedSegment {
  readonly refused: TransactionCheck
}

/** A block output plus the contract each receipt called, for the circuit breaker. */
export interface SegmentOutput extends BlockOutput {
  readonly targets: readonly (Address | undefined)[]
  /** The head after committing, when the policy asked for `commit`. */
  readonly committed?: CommittedHead
}

/** The part of a segment that executes transactions: `runBlock` or `execute`. */
export type SegmentStep<TExtra> = (
  transactions: readonly TransactionEnvelope[],
) => Promise<{ readonly receipts: readonly Receipt[]; readonly extra: TExtra }>

/**
 * Applies the router's policy (quarantine, deployer allow-list) to `transactions`, runs the
 * admitted ones through `step`, and merges the refusals back in input order.
 *
 * Why self-contained (no imports, no outer references): the worker host serializes this
 * function's source into the worker, so policy costs no extra round trip. Keep it that way.
 */
export async function admitAndRun<TExtra>(
  environment: Pick<ExecutionEnvironment, 'id' | 'checkTransaction'>,
  transactions: readonly TransactionEnvelope[],
  policy: SegmentPolicy,
  step: SegmentStep<TExtra>,
  onAdmitted?: OnAdmitted,
): Promise<{ receipts: Receipt[]; targets: (Address | undefined)[]; extra: TExtra; refused?: undefined } | RefusedSegment> {
  const facts: (TransactionFacts | undefined)[] = transactions.map((_, index) => policy.facts[index])
  const enforcing = Object.keys(policy.quarantined).length > 0 || policy.deployers !== '*'
  const learn = async (index: number) => {
    const check = await environment.checkTransaction(transactions[index] as TransactionEnvelope)
    const learned: { -readonly [K in keyof TransactionFacts]: TransactionFacts[K] } = { status: check.status }
    if (check.hash !== undefined) learned.hash = check.hash
    if (check.sender !== undefined) learned.sender = check.sender
    if (check.to !== undefined) learned.to = check.to
    facts[index] = learned
    return check
  }
  /** The router's refusal of an admitted transaction: quarantined target or deployer not allowed. */
  const refusalOf = (fact: TransactionFacts | undefined): string | undefined => {
    // A transaction the environment itself rejects goes through: its own receipt says why.
    if (fact === undefined || fact.status !== 'ok') return undefined
    const to = fact.to === undefined ? undefined : fact.to.toLowerCase()
    if (to !== undefined) return policy.quarantined[to]
    if (policy.deployers === '*') return undefined
    const sender = fact.sender === undefined ? undefined : fact.sender.toLowerCase()
    if (sender !== undefined && policy.deployers.includes(sender as Address)) return undefined
    return `deployer ${sender ?? '(unknown)'} is not on the deployer allow-list of environment "${environment.id}"`
  }
  if (policy.admitFirst === true) {
    const check = await learn(0)
    const reason = refusalOf(facts[0])
    const answered: TransactionCheck = reason === undefined ? check : { ...check, status: 'rejected', reason }
    onAdmitted?.(answered)
    if (answered.status !== 'ok') return { refused: answered }
  }
  if (enforcing) {
    for (let index = 0; index < transactions.length; index++) if (facts[index] === undefined) await learn(index)
  }
  const refusals: (Receipt | undefined)[] = []
  const admitted: TransactionEnvelope[] = []
  for (let index = 0; index < transactions.length; index++) {
    const fact = facts[index]
    const reason = refusalOf(fact)
    if (reason === undefined) admitted.push(transactions[index] as TransactionEnvelope)
    else {
      const refusal: { -readonly [K in keyof Receipt]: Receipt[K] } = {
        transactionHash: (fact as TransactionFacts).hash ?? ('0x' as Hash),
        environment: environment.id,
        index,
        status: 'rejected',
        reason,
        gasUsed: 0n,
        returnData: new Uint8Array(0),
        events: [],
        messageCount: 0,
      }
      if (fact?.sender !== undefined) refusal.sender = fact.sender
      refusals[index] = refusal
    }
  }
  const { receipts: executed, extra } = await step(admitted)
  const receipts: Receipt[] = []
  const firstIndex = policy.firstIndex ?? 0
  let next = 0
  for (let index = 0; index < transactions.length; index++) {
    const refusal = refusals[index]
    const receipt = refusal ?? executed[next++]
    if (receipt === undefined) throw new Error(`environment "${environment.id}" returned too few receipts`)
    // Receipt indexes count every transaction routed to the environment in the block, refused ones included.
    const position = firstIndex + index
    receipts.push(receipt.index === position ? receipt : { ...receipt, index: position })
  }
  // The circuit breaker needs the contract of each failure; learn it only for failures.
  for (let index = 0; index < receipts.length; index++) {
    const status = (receipts[index] as Receipt).status
    if ((status === 'trapped' || status === 'out_of_gas') && facts[index] === undefined) await learn(index)
  }
  return { receipts, targets: facts.map((fact) => fact?.to?.toLowerCase() as Address | undefined), extra }
}

/**
 * One whole segment in one call: policy, `runBlock`, merge, and `commit` when asked. Runs
 * in-process or in the worker. Only an `admitFirst` policy (which comes with `onAdmitted`) can
 * end in a `RefusedSegment`.
 */
export async function runSegment(
  environment: ExecutionEnvironment,
  input: BlockInput,
  policy: SegmentPolicy,
  admit: typeof admitAndRun,
): Promise<SegmentOutput>
export async function runSegment(
  environment: ExecutionEnvironment,
  input: BlockInput,
  policy: SegmentPolicy,
  admit: typeof admitAndRun,
  onAdmitted: OnAdmitted | undefined,
): Promise<SegmentOutput | RefusedSegment>
export async function runSegment(
  environment: ExecutionEnvironment,
  input: BlockInput,
  policy: SegmentPolicy,
  admit: typeof admitAndRun,
  onAdmitted?: OnAdmitted,
): Promise<SegmentOutput | RefusedSegment> {
  const result = await admit(
    environment,
    input.transactions,
    policy,
    async (transactions) => {
      const output = await environment.runBlock({ context: input.context, deliveries: input.deliveries, transactions })
      return { receipts: output.receipts, extra: output }
    },
    onAdmitted,
  )
  if (result.refused !== undefined) return result
  const output: SegmentOutput = {
    deliveries: result.extra.deliveries,
    receipts: result.receipts,
    end: result.extra.end,
    targets: result.targets,
  }
  return policy.commit === true ? { ...output, committed: await environment.commit() } : output
}

/** The end the environment's previous block left, which each empty block must keep. */
export interface KeptEnd {
  readonly stateRoot: Hash
  readonly supply: Readonly<Record<string, bigint>>
}

/**
 * Runs and commits the empty blocks of `contexts` the environment has not committed yet, in
 * order, checking that each keeps the state root and supply (`kept`, or the head's root and the
 * first empty block's supply) as its capabilities promise (`emptyBlocksKeepState`); one that
 * does not is rolled back and reported. Returns the head. Self-contained for the worker, as
 * `admitAndRun`.
 */
export async function runEmptyBlocks(
  environment: ExecutionEnvironment,
  contexts: readonly BlockContext[],
  kept?: KeptEnd,
): Promise<CommittedHead> {
  let head = await environment.head()
  let expected = kept
  for (const context of contexts) {
    if (context.height <= head.height) continue
    const { end } = await environment.runBlock({ context, deliveries: [], transactions: [] })
    expected ??= { stateRoot: head.stateRoot, supply: end.supply }
    const { stateRoot, supply } = expected
    const denoms = Object.keys(end.supply)
    const keeps =
      end.stateRoot === stateRoot &&
      denoms.length === Object.keys(supply).length &&
      denoms.every((denom) => end.supply[denom] === supply[denom]) &&
      end.messages.length === 0 &&
      end.gasUsed === 0n &&
      Object.keys(end.burnedByRule).length === 0 &&
      Object.keys(end.mintedByRule).length === 0 &&
      end.extensions === undefined
    if (!keeps) {
      await environment.rollback()
      throw new Error(
        `environment "${environment.id}" changed in the empty block ${context.height} (state root ${end.stateRoot}, ` +
          `expected ${stateRoot}), though its capabilities say empty blocks keep its state`,
      )
    }
    head = await environment.commit()
  }
  return head
}
