import {
  BlockPhaseError,
  DEFAULT_PERMISSIONS,
  EnvironmentClosedError,
  InvalidArgumentError,
  NotFoundError,
  StorageError,
  isEnvironmentId,
  keccak256Hex,
  type Acknowledgement,
  type Address,
  type BlockContext,
  type BlockInput,
  type CommittedHead,
  type DeliveryResult,
  type DenomAmounts,
  type EnvironmentId,
  type EnvironmentPermissions,
  type HealthReport,
  type HealthStatus,
  type InboundDelivery,
  type OutcomeStatus,
  type QueryRequest,
  type QueryResult,
  type Receipt,
  type TransactionCheck,
  type TransactionEnvelope,
} from '@bulkhead/core'
import { createCircuitBreaker, type ContractFailure } from './circuit-breaker/create-circuit-breaker.js'
import { combineStateRoots } from './combine-state-roots.js'
import { EnvironmentHostError } from './errors/environment-host-error.js'
import { createInProcessHost } from './hosting/create-in-process-host.js'
import { createWorkerHost } from './hosting/create-worker-host.js'
import type { EnvironmentHost } from './hosting/environment-host.js'
import type { OnAdmitted, RefusedSegment, SegmentOutput, SegmentPolicy, TransactionFacts } from './hosting/run-segment.js'
import { checkMessagePermission } from './permissions/check-message-permission.js'
import type { RoutedEnvironment, Router, RouterBlockOutput, RouterEndBlockResult, SegmentReport } from './router.js'
import type { RouterOptions } from './router-options.js'
import { packSegment, type QueuedTransaction } from './scheduling/pack-segment.js'
import { shareBlockGas } from './scheduling/share-block-gas.js'
import { settleAll } from './settle-all.js'
import type { RouterEvent } from './telemetry/router-event.js'
import type { EnvironmentTelemetry, RouterTelemetry } from './telemetry/router-telemetry.js'

/** The query extension that reaches one environment: `params: [environmentId, request]`. */
export const ENVIRONMENT_QUERY = 'router.environment'

const maxEvents = 256

interface Entry {
  readonly id: EnvironmentId
  readonly host: EnvironmentHost
  weight: number
  permissions: EnvironmentPermissions
  paused: string | undefined
  degraded: string | undefined
  queue: QueuedTransaction[]
  waitingDeliveries: number
  /** Hashes of the queued transactions, so one cannot be queued twice. */
  readonly queued: Set<string>
  blocks: number
  transactions: number
  deliveries: number
  gasUsed: bigint
  outcomes: Record<OutcomeStatus, number>
  lastSegmentMs: number
  totalSegmentMs: number
  restarts: number
}

/** One environment's part of the block being built. */
interface Segment {
  readonly entry: Entry
  readonly context: BlockContext
  readonly deliveryIndexes: number[]
  readonly deliveries: InboundDelivery[]
  readonly transactionIndexes: number[]
  readonly transactions: TransactionEnvelope[]
  /** Receipt index of this call's first transaction in the environment (step-by-step blocks call execute repeatedly). */
  firstIndex: number
}

interface OpenBlock {
  readonly context: BlockContext
  readonly failures: ContractFailure[]
  readonly held: InboundDelivery[]
  /** Set by the first `execute`: deliveries must come before transactions. */
  executed: boolean
  /** Transactions routed to each environment so far in this block (unknown ids included). */
  readonly routedCounts: Map<EnvironmentId, number>
  end?: RouterEndBlockResult
}

const emptyBytes = new Uint8Array(0)

/**
 * Creates a router: an ExecutionEnvironment composed of named environments, each hosted
 * in-process or in its own worker. See the package README for options and guarantees.
 */
export function createRouter(options: RouterOptions): Router {
  const settings = { ...options }
  settings.id ??= 'router'
  settings.blockGasLimit ??= 30_000_000n
  settings.backstopMs ??= 5_000
  settings.startupTimeoutMs ??= 30_000
  const breakerSettings = { ...options.circuitBreaker }
  breakerSettings.failures ??= 3
  breakerSettings.window ??= 10
  breakerSettings.quarantine ??= 20
  const throttles = { ...options.throttles }
  throttles.maxTransactionsPerSender ??= 64
  throttles.maxTransactionsPerContract ??= 256
  throttles.maxQueueDepth ??= 10_000
  settings.limits ??= {
    transactionGasLimit: 30_000_000n,
    blockGasLimit: settings.blockGasLimit,
    maxTransactionBytes: 1_048_576,
    maxCallDepth: 1_024,
    maxMessagesPerTransaction: 64,
    vm: {},
  }
  // In-process environments declare their capabilities up front: the router offers their union.
  // A worker-hosted one is only known once its worker has started, so then every kind is assumed.
  const declared = options.environments.flatMap((environment) => (environment.environment === undefined ? [] : [environment.environment.capabilities]))
  const union = <T>(lists: readonly (readonly T[])[]) => [...new Set(lists.flat())]
  settings.capabilities ??=
    declared.length > 0 && declared.length === options.environments.length
      ? {
          receives: union(declared.map((capabilities) => capabilities.receives)),
          sends: union(declared.map((capabilities) => capabilities.sends)),
          denoms: union(declared.map((capabilities) => capabilities.denoms)),
        }
      : {
          receives: ['asset_transfer', 'contract_call', 'state_sync', 'acknowledgement'],
          sends: ['asset_transfer', 'contract_call', 'state_sync', 'acknowledgement'],
          denoms: [],
        }
  const routerId = settings.id
  const backstopMs = settings.backstopMs
  const startupTimeoutMs = settings.startupTimeoutMs
  if (!isEnvironmentId(routerId))
    throw new InvalidArgumentError(`router id "${routerId}" is not a valid environment id`)
  if (settings.environments.length === 0) throw new InvalidArgumentError('a router needs at least one environment')
  for (const [name, value] of [
    ['failures', breakerSettings.failures],
    ['window', breakerSettings.window],
    ['quarantine', breakerSettings.quarantine],
    ['maxTransactionsPerSender', throttles.maxTransactionsPerSender],
    ['maxTransactionsPerContract', throttles.maxTransactionsPerContract],
    ['maxQueueDepth', throttles.maxQueueDepth],
    ['backstopMs', backstopMs],
  ] as const) {
    if (!Number.isSafeInteger(value) || value <= 0)
      throw new InvalidArgumentError(`${name} must be a positive integer, got ${value}`)
  }

  const entries = new Map<EnvironmentId, Entry>()
  for (const environment of [...settings.environments].sort((a, b) => (a.id < b.id ? -1 : 1))) {
    const { id } = environment
    if (!isEnvironmentId(id)) throw new InvalidArgumentError(`"${id}" is not a valid environment id`)
    if (entries.has(id)) throw new InvalidArgumentError(`environment "${id}" is configured twice`)
    if ((environment.environment === undefined) === (environment.worker === undefined)) {
      throw new InvalidArgumentError(`environment "${id}" needs exactly one of \`environment\` or \`worker\``)
    }
    if (environment.environment !== undefined && environment.environment.id !== id) {
      throw new InvalidArgumentError(
        `environment "${id}" is given an environment whose id is "${environment.environment.id}"`,
      )
    }
    const permissions = { ...DEFAULT_PERMISSIONS, ...environment.permissions }
    const host =
      environment.environment !== undefined
        ? createInProcessHost(environment.environment)
        : createWorkerHost({
            id,
            module: (environment.worker as NonNullable<typeof environment.worker>).module,
            export: (environment.worker as NonNullable<typeof environment.worker>).export,
            options: environment.worker?.options,
            resourceLimits: environment.worker?.resourceLimits ?? { maxOldGenerationSizeMb: 256 },
            backstopMs,
            startupTimeoutMs,
          })
    entries.set(id, {
      id,
      host,
      weight: environment.weight ?? 1,
      permissions: normalizePermissions(permissions),
      paused: undefined,
      degraded: undefined,
      queue: [],
      waitingDeliveries: 0,
      queued: new Set(),
      blocks: 0,
      transactions: 0,
      deliveries: 0,
      gasUsed: 0n,
      outcomes: { ok: 0, reverted: 0, out_of_gas: 0, trapped: 0, rejected: 0, timed_out: 0 },
      lastSegmentMs: 0,
      totalSegmentMs: 0,
      restarts: 0,
    })
  }
  const ids = [...entries.keys()]
  const weights = Object.fromEntries(ids.map((id) => [id, (entries.get(id) as Entry).weight]))
  shareBlockGas(0n, weights) // validates the weights now rather than at the first block

  const breaker = createCircuitBreaker({
    failures: breakerSettings.failures,
    window: breakerSettings.window,
    quarantine: breakerSettings.quarantine,
  })
  const knownChecks = new WeakMap<TransactionEnvelope, TransactionCheck>()
  const events: RouterEvent[] = []
  let phase: 'idle' | 'open' | 'ended' = 'idle'
  let block: OpenBlock | undefined
  let committedHeight: bigint | undefined
  /** The last head the router saw, for `health()` when the environments cannot answer. */
  let lastHead: CommittedHead = { height: 0n, stateRoot: combineStateRoots({}) }
  /**
   * The last combination of the environments' roots: a block's end and its commit combine the
   * same roots (hex decoding, concatenation and three Keccaks on the node's main thread).
   */
  let lastCombination = { roots: '', stateRoot: lastHead.stateRoot }
  /** The router's head: the height every environment is at, and the root combining theirs (in id order). */
  const combinedHead = (height: bigint, heads: readonly CommittedHead[]): CommittedHead => {
    const roots = heads.map((head) => head.stateRoot).join()
    if (roots !== lastCombination.roots) {
      lastCombination = {
        roots,
        stateRoot: combineStateRoots(Object.fromEntries(ids.map((id, index) => [id, (heads[index] as CommittedHead).stateRoot]))),
      }
    }
    return { height, stateRoot: lastCombination.stateRoot }
  }
  let closed = false
  let started: Promise<void> | undefined

  const emit = (event: RouterEvent) => {
    events.push(event)
    if (events.length > maxEvents) events.shift()
    settings.onEvent?.(event)
  }
  const ensureOpen = () => {
    if (closed) throw new EnvironmentClosedError(`router "${routerId}" is closed`)
  }
  const entryOf = (id: EnvironmentId): Entry => {
    const entry = entries.get(id)
    if (entry === undefined)
      throw new NotFoundError(`unknown environment "${id}"`, { details: [`known: ${ids.join(', ')}`] })
    return entry
  }
  const start = () => {
    started ??= Promise.all(
      ids.map(async (id) => {
        const description = await (entries.get(id) as Entry).host.start()
        if (description.id !== id) {
          throw new InvalidArgumentError(`environment configured as "${id}" reports id "${description.id}"`)
        }
      }),
    ).then(() => undefined)
    return started
  }
  const ready = async () => {
    ensureOpen()
    await start()
  }

  const head = async (): Promise<CommittedHead> => {
    await ready()
    const heads = await settleAll(ids.map((id) => (entries.get(id) as Entry).host.call('head')))
    const height = (heads[0] as CommittedHead).height
    if (heads.some((head) => head.height !== height)) {
      throw new StorageError('environments of the router are at different heights', {
        details: ids.map((id, index) => `${id}: ${(heads[index] as CommittedHead).height}`),
      })
    }
    committedHeight = height
    lastHead = combinedHead(height, heads)
    return lastHead
  }
  const currentHeight = async () => committedHeight ?? (await head()).height

  /** Why the router refuses a checked transaction before execution, if it does. */
  const policyRefusal = (entry: Entry, check: TransactionCheck, height: bigint): string | undefined => {
    if (entry.paused !== undefined) return `environment "${entry.id}" is paused: ${entry.paused}`
    if (check.status !== 'ok') return undefined
    if (check.to !== undefined) return breaker.quarantined(entry.id, height)[check.to.toLowerCase()]
    const deployers = entry.permissions.deployers
    if (deployers !== '*' && !deployers.includes((check.sender?.toLowerCase() ?? '') as Address)) {
      return `deployer ${check.sender ?? '(unknown)'} is not on the deployer allow-list of environment "${entry.id}"`
    }
    return undefined
  }
  const checkTransaction = async (transaction: TransactionEnvelope): Promise<TransactionCheck> => {
    await ready()
    const entry = entries.get(transaction.environment)
    if (entry === undefined) {
      return {
        status: 'rejected',
        hash: keccak256Hex(transaction.payload),
        reason: unknownEnvironment(transaction.environment),
      }
    }
    if (entry.paused !== undefined) {
      return {
        status: 'rejected',
        hash: keccak256Hex(transaction.payload),
        reason: `environment "${entry.id}" is paused: ${entry.paused}`,
      }
    }
    const check = await entry.host.call('checkTransaction', transaction)
    const refusal = policyRefusal(entry, check, (await currentHeight()) + 1n)
    return refusal === undefined ? check : { ...check, status: 'rejected', reason: refusal }
  }
  const unknownEnvironment = (id: EnvironmentId) =>
    `unknown environment "${id}": router "${routerId}" routes to ${ids.map((known) => `"${known}"`).join(', ')}`

  const rejectedReceipt = (
    transaction: TransactionEnvelope,
    environment: EnvironmentId,
    index: number,
    status: 'rejected' | 'timed_out',
    reason: string,
    hash?: string,
  ): Receipt => {
    const known = knownChecks.get(transaction)
    const receipt: { -readonly [K in keyof Receipt]: Receipt[K] } = {
      transactionHash: (hash ?? known?.hash ?? keccak256Hex(transaction.payload)) as Receipt['transactionHash'],
      environment,
      index,
      status,
      reason,
      gasUsed: 0n,
      returnData: emptyBytes,
      events: [],
      messageCount: 0,
    }
    if (known?.sender !== undefined) receipt.sender = known.sender
    return receipt
  }
  const refusedDelivery = (delivery: InboundDelivery, reason: string): DeliveryResult => {
    // A refused message gets a failed acknowledgement so its source refunds; acks and timeouts have no answer.
    if (delivery.kind !== 'message') return { status: 'rejected', reason, gasUsed: 0n, events: [] }
    const acknowledgement: Acknowledgement = {
      kind: 'acknowledgement',
      success: false,
      result: emptyBytes,
      error: reason,
    }
    return { status: 'rejected', reason, gasUsed: 0n, events: [], acknowledgement }
  }
  const heldDelivery = (reason: string): DeliveryResult => ({ status: 'rejected', reason, gasUsed: 0n, events: [] })

  /** Splits a block's input by environment; answers what the router refuses on its own. */
  const routeBlock = (context: BlockContext, deliveries: readonly InboundDelivery[]) => {
    const shares = shareBlockGas(context.gasLimit, weights)
    const segments = new Map<EnvironmentId, Segment>()
    for (const id of ids) {
      segments.set(id, {
        entry: entries.get(id) as Entry,
        context: { ...context, gasLimit: shares[id] as bigint },
        deliveryIndexes: [],
        deliveries: [],
        transactionIndexes: [],
        transactions: [],
        firstIndex: 0,
      })
    }
    const deliveryResults: DeliveryResult[] = []
    const held: InboundDelivery[] = []
    deliveries.forEach((delivery, index) => {
      const target = delivery.kind === 'message' ? delivery.message.destination : delivery.message.source
      const segment = segments.get(target)
      if (segment === undefined) {
        // Not applied anywhere: no acknowledgement, so the message stays pending at the
        // coordinator and times out (refunding its sender) like any undeliverable message.
        deliveryResults[index] = { status: 'rejected', reason: unknownEnvironment(target), gasUsed: 0n, events: [] }
        return
      }
      if (delivery.kind === 'message') {
        // Sources outside this router are the coordinator's to police; ours are checked here.
        const source = entries.get(delivery.message.source)
        const refusal =
          source === undefined
            ? undefined
            : checkMessagePermission(source.id, target, delivery.message.body, source.permissions)
        if (refusal !== undefined) {
          deliveryResults[index] = refusedDelivery(delivery, `message refused: ${refusal}`)
          return
        }
      }
      if (segment.entry.paused !== undefined) {
        deliveryResults[index] = heldDelivery(
          `environment "${target}" is paused (${segment.entry.paused}); the delivery waits and times out at its timeout height`,
        )
        held.push(delivery)
        return
      }
      segment.deliveryIndexes.push(index)
      segment.deliveries.push(delivery)
    })
    return { segments, deliveryResults, held }
  }
  const routeTransactions = (
    segments: Map<EnvironmentId, Segment>,
    transactions: readonly TransactionEnvelope[],
    counts: Map<EnvironmentId, number>,
  ) => {
    const receipts: Receipt[] = []
    for (const segment of segments.values()) segment.firstIndex = counts.get(segment.entry.id) ?? 0
    transactions.forEach((transaction, index) => {
      const position = counts.get(transaction.environment) ?? 0
      counts.set(transaction.environment, position + 1)
      const segment = segments.get(transaction.environment)
      if (segment === undefined) {
        receipts[index] = rejectedReceipt(
          transaction,
          transaction.environment,
          position,
          'rejected',
          unknownEnvironment(transaction.environment),
        )
        return
      }
      const { entry } = segment
      if (entry.paused !== undefined) {
        receipts[index] = rejectedReceipt(
          transaction,
          entry.id,
          position,
          'rejected',
          `environment "${entry.id}" is paused: ${entry.paused}`,
        )
        entry.transactions++
        entry.outcomes.rejected++
        return
      }
      segment.transactionIndexes.push(index)
      segment.transactions.push(transaction)
    })
    return receipts
  }
  const policyOf = (segment: Segment, transactions: readonly TransactionEnvelope[], commit = false): SegmentPolicy => ({
    firstIndex: segment.firstIndex,
    ...(commit ? { commit } : {}),
    quarantined: breaker.quarantined(segment.entry.id, segment.context.height),
    deployers: segment.entry.permissions.deployers,
    facts: transactions.map((transaction): TransactionFacts | undefined => {
      const check = knownChecks.get(transaction)
      if (check === undefined) return undefined
      const facts: { -readonly [K in keyof TransactionFacts]: TransactionFacts[K] } = { status: check.status }
      if (check.hash !== undefined) facts.hash = check.hash
      if (check.sender !== undefined) facts.sender = check.sender
      if (check.to !== undefined) facts.to = check.to
      return facts
    }),
  })

  /** Restarts a failed environment and brings it to the block's height with an empty block. */
  const recover = async (segment: Segment, failure: EnvironmentHostError, commit: boolean): Promise<SegmentOutput> => {
    const { entry } = segment
    entry.degraded = failure.shortMessage
    entry.restarts++
    emit({
      kind: 'restarted',
      environment: entry.id,
      height: segment.context.height,
      failure: failure.failure,
      reason: failure.shortMessage,
    })
    await entry.host.restart()
    const recovery = await entry.host.runSegment(
      { context: segment.context, deliveries: [], transactions: [] },
      { quarantined: {}, deployers: '*', facts: [], ...(commit ? { commit } : {}) },
    )
    // Stays `degraded` until a segment of its own succeeds again.
    return recovery
  }
  const hashesOf = async (entry: Entry, transactions: readonly TransactionEnvelope[]) =>
    Promise.all(
      transactions.map(async (transaction) => {
        const known = knownChecks.get(transaction)?.hash
        if (known !== undefined) return known
        try {
          return (await entry.host.call('checkTransaction', transaction)).hash ?? keccak256Hex(transaction.payload)
        } catch {
          return keccak256Hex(transaction.payload)
        }
      }),
    )

  interface SegmentRun {
    readonly status: SegmentReport['status']
    readonly reason?: string
    readonly output: SegmentOutput
    readonly elapsedMs: number
  }
  /** Runs one segment; with `onAdmitted`, its first transaction is checked first (`admitFirst`). */
  const runSegment = async (
    segment: Segment,
    commit: boolean,
    onAdmitted?: OnAdmitted,
  ): Promise<SegmentRun | RefusedSegment> => {
    const startedAt = performance.now()
    const { entry } = segment
    try {
      const input = { context: segment.context, deliveries: segment.deliveries, transactions: segment.transactions }
      const policy = policyOf(segment, segment.transactions, commit)
      const output =
        onAdmitted === undefined
          ? await entry.host.runSegment(input, policy)
          : await entry.host.runSegment(input, { ...policy, admitFirst: true }, onAdmitted)
      if ('refused' in output) return output
      entry.degraded = undefined
      return { status: 'ok', output, elapsedMs: performance.now() - startedAt }
    } catch (error) {
      if (!(error instanceof EnvironmentHostError)) throw error
      const recovery = await recover(segment, error, commit)
      const status = error.failure === 'timed_out' ? 'timed_out' : 'rejected'
      const reason = `${error.shortMessage}; the segment was dropped and the environment restarted from its last committed root`
      const hashes = await hashesOf(entry, segment.transactions)
      return {
        status,
        reason,
        output: {
          deliveries: segment.deliveries.map(() => heldDelivery(reason)),
          receipts: segment.transactions.map((transaction, index) =>
            rejectedReceipt(transaction, entry.id, segment.firstIndex + index, status, reason, hashes[index]),
          ),
          end: recovery.end,
          targets: [],
          ...(recovery.committed === undefined ? {} : { committed: recovery.committed }),
        },
        elapsedMs: performance.now() - startedAt,
      }
    }
  }

  const sumAmounts = (amounts: readonly DenomAmounts[]): DenomAmounts => {
    const total: Record<string, bigint> = {}
    for (const amount of amounts)
      for (const [denom, value] of Object.entries(amount)) total[denom] = (total[denom] ?? 0n) + value
    return Object.fromEntries(
      Object.keys(total)
        .sort()
        .map((denom) => [denom, total[denom] as bigint]),
    )
  }
  const assembleEnd = (
    height: bigint,
    reports: Map<EnvironmentId, Omit<SegmentReport, 'refusedMessages'>>,
    held: InboundDelivery[],
  ): RouterEndBlockResult => {
    const environments: Record<EnvironmentId, SegmentReport> = {}
    for (const entry of entries.values()) entry.waitingDeliveries = 0
    for (const delivery of held) {
      const target = entries.get(delivery.kind === 'message' ? delivery.message.destination : delivery.message.source)
      if (target !== undefined) target.waitingDeliveries++
    }
    for (const id of ids) {
      const report = reports.get(id) as Omit<SegmentReport, 'refusedMessages'>
      const entry = entries.get(id) as Entry
      const refusedMessages = report.end.messages.flatMap((message, index) => {
        const reason = entries.has(message.destination)
          ? checkMessagePermission(id, message.destination, message.body, entry.permissions)
          : undefined
        return reason === undefined ? [] : [{ index, reason }]
      })
      environments[id] = { ...report, refusedMessages }
    }
    const ends = ids.map((id) => (environments[id] as SegmentReport).end)
    return {
      ...combinedHead(height, ends),
      // Canonical order: by environment id, then each environment's own order.
      messages: ends.flatMap((end) => end.messages),
      gasUsed: ends.reduce((sum, end) => sum + end.gasUsed, 0n),
      supply: sumAmounts(ends.map((end) => end.supply)),
      burnedByRule: sumAmounts(ends.map((end) => end.burnedByRule)),
      mintedByRule: sumAmounts(ends.map((end) => end.mintedByRule)),
      environments,
      heldDeliveries: held,
    }
  }
  const record = (
    entry: Entry,
    receipts: readonly Receipt[],
    deliveries: number,
    gasUsed: bigint,
    elapsedMs: number,
  ) => {
    entry.blocks++
    entry.transactions += receipts.length
    entry.deliveries += deliveries
    entry.gasUsed += gasUsed
    for (const receipt of receipts) entry.outcomes[receipt.status]++
    entry.lastSegmentMs = elapsedMs
    entry.totalSegmentMs += elapsedMs
  }
  const failuresOf = (
    entry: Entry,
    receipts: readonly Receipt[],
    targets: readonly (Address | undefined)[],
  ): ContractFailure[] =>
    receipts.flatMap((receipt, index) => {
      const contract = targets[index]
      return (receipt.status === 'trapped' || receipt.status === 'out_of_gas') && contract !== undefined
        ? [{ environment: entry.id, contract }]
        : []
    })

  /**
   * Returns every environment to its committed head after a failed block (to `height` when
   * some may have committed it already), then rethrows.
   */
  const abortBlock = async (error: unknown, height?: bigint): Promise<never> => {
    phase = 'idle'
    block = undefined
    await Promise.allSettled(
      ids.map(async (id) => {
        const entry = entries.get(id) as Entry
        if (error instanceof EnvironmentHostError && error.environment === id) {
          entry.degraded = error.shortMessage
          entry.restarts++
          emit({
            kind: 'restarted',
            environment: id,
            height: (committedHeight ?? 0n) + 1n,
            failure: error.failure,
            reason: error.shortMessage,
          })
          await entry.host.restart()
        } else await entry.host.call('rollback', ...(height === undefined ? [] : [height]))
      }),
    )
    throw error
  }
  /** Checks phase and height, then opens the block (no await between the check and the claim). */
  const beginPhase = async (context: BlockContext) => {
    await ready()
    const height = await currentHeight()
    if (phase !== 'idle') {
      throw new BlockPhaseError(`router "${routerId}" already has block ${block?.context.height} in progress`)
    }
    if (context.height !== height + 1n) {
      throw new BlockPhaseError(`router "${routerId}" expected block ${height + 1n}, got ${context.height}`)
    }
    phase = 'open'
  }

  /**
   * One block, each environment's segment in one round trip; with `commit`, committed in that same
   * trip. With `admit`, its transaction goes last and its environment checks it first (see
   * `admitAndCommitBlock`); only then can the result be a refusal.
   */
  const executeBlock = async (
    input: BlockInput,
    commit: boolean,
    admit?: { readonly transaction: TransactionEnvelope; readonly onAdmitted: OnAdmitted },
  ): Promise<RouterBlockOutput | RefusedSegment> => {
    await beginPhase(input.context)
    const routed = routeBlock(input.context, input.deliveries)
    const routedCounts = new Map<EnvironmentId, number>()
    const transactions = admit === undefined ? input.transactions : [...input.transactions, admit.transaction]
    const receipts = routeTransactions(routed.segments, transactions, routedCounts)
    let reported = false
    const onAdmitted: OnAdmitted = (check) => {
      reported = true
      if (check.status === 'ok' && admit !== undefined) knownChecks.set(admit.transaction, check)
      admit?.onAdmitted(check)
    }
    const open: OpenBlock = {
      context: input.context,
      failures: [],
      held: routed.held,
      routedCounts,
      executed: true,
    }
    block = open
    let runs: (SegmentRun | RefusedSegment)[]
    try {
      runs = await settleAll(
        [...routed.segments.values()].map((segment) =>
          runSegment(segment, commit, segment.entry.id === admit?.transaction.environment ? onAdmitted : undefined),
        ),
      )
    } catch (error) {
      return abortBlock(error, commit ? input.context.height - 1n : undefined)
    }
    const refused = runs.find((run): run is RefusedSegment => 'refused' in run)
    if (refused !== undefined) {
      // No block: the refused segment ran nothing, the others ran (and committed) theirs.
      phase = 'idle'
      block = undefined
      await settleAll(
        [...routed.segments.values()]
          .filter((_, position) => runs[position] !== refused)
          .map((segment) => segment.entry.host.call('rollback', ...(commit ? [input.context.height - 1n] : []))),
      )
      if (!reported) onAdmitted(refused.refused)
      return refused
    }
    // The environment failed before it answered the check: its segment was dropped, and why.
    if (admit !== undefined && !reported) {
      const run = runs[[...routed.segments.keys()].indexOf(admit.transaction.environment)] as SegmentRun
      const hash = receipts[transactions.length - 1]?.transactionHash
      onAdmitted({
        status: run.status === 'ok' ? 'ok' : 'rejected',
        ...(hash === undefined ? {} : { hash }),
        ...(run.reason === undefined ? {} : { reason: run.reason }),
      })
    }
    const reports = new Map<EnvironmentId, Omit<SegmentReport, 'refusedMessages'>>()
    const deliveryResults = routed.deliveryResults
    ;[...routed.segments.values()].forEach((segment, position) => {
      const run = runs[position] as SegmentRun
      const { entry } = segment
      segment.transactionIndexes.forEach(
        (index, position) => (receipts[index] = run.output.receipts[position] as Receipt),
      )
      run.output.deliveries.forEach(
        (result, index) => (deliveryResults[segment.deliveryIndexes[index] as number] = result),
      )
      if (run.status !== 'ok') open.held.push(...segment.deliveries)
      open.failures.push(...failuresOf(entry, run.output.receipts, run.output.targets))
      record(entry, run.output.receipts, segment.deliveries.length, run.output.end.gasUsed, run.elapsedMs)
      const report: { -readonly [K in keyof Omit<SegmentReport, 'refusedMessages'>]: SegmentReport[K] } = {
        environment: entry.id,
        status: run.status,
        end: run.output.end,
      }
      if (run.reason !== undefined) report.reason = run.reason
      reports.set(entry.id, report)
    })
    open.end = assembleEnd(input.context.height, reports, open.held)
    phase = 'ended'
    // Every segment committed in its round trip (a restarted environment its empty block).
    if (commit) markCommitted(open, { height: input.context.height, stateRoot: open.end.stateRoot })
    return { deliveries: deliveryResults, receipts, end: open.end }
  }
  /** The router's side of a committed block: the breaker learns its failures, the head moves. */
  const markCommitted = (open: OpenBlock, committed: CommittedHead): CommittedHead => {
    for (const event of breaker.commit(committed.height, open.failures)) emit(event)
    committedHeight = committed.height
    phase = 'idle'
    block = undefined
    lastHead = committed
    return committed
  }

  const router: Router = {
    specificationVersion: 'v1',
    id: routerId,
    vm: 'router',
    limits: settings.limits,
    capabilities: settings.capabilities,
    environmentIds: ids,

    head,
    async health(): Promise<HealthReport> {
      if (closed)
        return {
          status: 'stopped',
          head: lastHead,
          detail: 'closed',
        }
      const degraded = ids.filter((id) => (entries.get(id) as Entry).degraded !== undefined)
      let current: CommittedHead
      try {
        current = await head()
      } catch (error) {
        return {
          status: 'degraded',
          head: lastHead,
          detail: String(error),
        }
      }
      if (degraded.length > 0) {
        return {
          status: 'degraded',
          head: current,
          detail: degraded.map((id) => `${id}: ${(entries.get(id) as Entry).degraded}`).join('; '),
        }
      }
      return { status: 'healthy', head: current }
    },
    checkTransaction,

    async beginBlock(context) {
      await beginPhase(context)
      const routed = routeBlock(context, [])
      block = { context, failures: [], held: [], routedCounts: new Map(), executed: false }
      try {
        await settleAll(
          [...routed.segments.values()].map((segment) => segment.entry.host.call('beginBlock', segment.context)),
        )
      } catch (error) {
        await abortBlock(error)
      }
    },
    async deliver(deliveries) {
      ensureOpen()
      if (phase !== 'open' || block === undefined) throw new BlockPhaseError(`router "${routerId}" has no open block`)
      const open = block
      // Checked here so that a caller's mistake leaves the block open instead of aborting it.
      if (open.executed)
        throw new BlockPhaseError(`router "${routerId}" cannot deliver after execute in block ${open.context.height}`)
      const routed = routeBlock(open.context, deliveries)
      open.held.push(...routed.held)
      const results = routed.deliveryResults
      try {
        await settleAll(
          [...routed.segments.values()].map(async (segment) => {
            if (segment.deliveries.length === 0) return
            const applied = await segment.entry.host.call('deliver', segment.deliveries)
            segment.entry.deliveries += applied.length
            applied.forEach((result, position) => (results[segment.deliveryIndexes[position] as number] = result))
          }),
        )
      } catch (error) {
        return abortBlock(error)
      }
      return results
    },
    async execute(transactions) {
      ensureOpen()
      if (phase !== 'open' || block === undefined) throw new BlockPhaseError(`router "${routerId}" has no open block`)
      const open = block
      open.executed = true
      const segments = routeBlock(open.context, []).segments
      const receipts = routeTransactions(segments, transactions, open.routedCounts)
      try {
        await settleAll(
          [...segments.values()].map(async (segment) => {
            if (segment.transactions.length === 0) return
            const { entry } = segment
            const result = await entry.host.executeSegment(
              segment.transactions,
              policyOf(segment, segment.transactions),
            )
            segment.transactionIndexes.forEach(
              (index, position) => (receipts[index] = result.receipts[position] as Receipt),
            )
            entry.transactions += result.receipts.length
            for (const receipt of result.receipts) entry.outcomes[receipt.status]++
            open.failures.push(...failuresOf(entry, result.receipts, result.targets))
          }),
        )
      } catch (error) {
        return abortBlock(error)
      }
      return receipts
    },
    async endBlock() {
      ensureOpen()
      if (phase !== 'open' || block === undefined) throw new BlockPhaseError(`router "${routerId}" has no open block`)
      const open = block
      const reports = new Map<EnvironmentId, Omit<SegmentReport, 'refusedMessages'>>()
      try {
        await settleAll(
          ids.map(async (id) => {
            const entry = entries.get(id) as Entry
            const startedAt = performance.now()
            const end = await entry.host.call('endBlock')
            const elapsedMs = performance.now() - startedAt
            entry.blocks++
            entry.gasUsed += end.gasUsed
            entry.lastSegmentMs = elapsedMs
            entry.totalSegmentMs += elapsedMs
            entry.degraded = undefined
            // Timing goes to telemetry only: a block's result must not depend on the clock.
            reports.set(id, { environment: id, status: 'ok', end })
          }),
        )
      } catch (error) {
        return abortBlock(error)
      }
      open.end = assembleEnd(open.context.height, reports, open.held)
      phase = 'ended'
      return open.end
    },

    // Without an admission, executeBlock never answers a refusal.
    runBlock: (input: BlockInput) => executeBlock(input, false) as Promise<RouterBlockOutput>,
    runAndCommitBlock: (input: BlockInput) => executeBlock(input, true) as Promise<RouterBlockOutput>,
    async admitAndCommitBlock(input, transaction, onAdmitted) {
      await ready()
      const entry = entries.get(transaction.environment)
      // Unknown or paused: refused here, as `submit` would, and no block.
      if (entry === undefined || entry.paused !== undefined) {
        const check = await checkTransaction(transaction)
        onAdmitted(check)
        return { refused: check }
      }
      if (input.transactions.some((queued) => queued.environment === transaction.environment)) {
        throw new InvalidArgumentError(
          `admitAndCommitBlock needs the admitted transaction to be the only one of environment "${entry.id}" in its block`,
        )
      }
      return executeBlock(input, true, { transaction, onAdmitted })
    },

    async commit() {
      ensureOpen()
      if (phase !== 'ended' || block?.end === undefined)
        throw new BlockPhaseError(`router "${routerId}" has no ended block to commit`)
      const open = block
      const heads = await settleAll(ids.map((id) => (entries.get(id) as Entry).host.call('commit')))
      return markCommitted(open, combinedHead(open.context.height, heads))
    },
    async rollback(height) {
      await ready()
      phase = 'idle'
      block = undefined
      committedHeight = undefined
      await settleAll(ids.map((id) => (entries.get(id) as Entry).host.call('rollback', height)))
      return head()
    },

    async query<TRequest extends QueryRequest>(request: TRequest): Promise<QueryResult<TRequest>> {
      await ready()
      if ((request.method !== 'extension' || request.name !== ENVIRONMENT_QUERY) && settings.queryEnvironment !== undefined) {
        return (await entryOf(settings.queryEnvironment).host.call('query', request)) as QueryResult<TRequest>
      }
      if (request.method !== 'extension' || request.name !== ENVIRONMENT_QUERY) {
        throw new InvalidArgumentError(`router queries must name an environment`, {
          details: [
            `use router.environment(id).query(request), or { method: 'extension', name: '${ENVIRONMENT_QUERY}', params: [id, request] }`,
          ],
        })
      }
      const [id, inner] = request.params as [EnvironmentId, QueryRequest]
      return (await entryOf(id).host.call('query', inner)) as QueryResult<TRequest>
    },

    async close() {
      if (closed) return
      closed = true
      await settleAll(ids.map((id) => (entries.get(id) as Entry).host.close()))
    },

    async catchUpEnvironment(id, contexts) {
      await ready()
      const entry = entryOf(id)
      const { capabilities } = await entry.host.start()
      if (capabilities.emptyBlocksKeepState !== true) {
        throw new InvalidArgumentError(`environment "${id}" does not declare that empty blocks keep its state; it cannot catch up by empty blocks`)
      }
      if (phase !== 'idle') throw new BlockPhaseError(`router "${routerId}" has block ${block?.context.height} in progress`)
      const caughtUp = await entry.host.catchUp(contexts)
      // The environments' common height is read again when next needed.
      committedHeight = undefined
      return caughtUp
    },

    environment(id): RoutedEnvironment {
      const entry = entryOf(id)
      return {
        id,
        hosting: entry.host.mode,
        head: async () => (await ready(), entry.host.call('head')),
        describe: async () => {
          ensureOpen()
          const { vm, limits, capabilities } = await entry.host.start()
          return { vm, limits, capabilities }
        },
        health: async (): Promise<HealthReport> => {
          await ready()
          const report = await entry.host.call('health')
          if (entry.degraded !== undefined) return { ...report, status: 'degraded', detail: entry.degraded }
          if (entry.paused !== undefined) return { ...report, status: 'paused', detail: entry.paused }
          return report
        },
        checkTransaction: (transaction) =>
          transaction.environment === id
            ? checkTransaction(transaction)
            : Promise.reject(new InvalidArgumentError(`transaction is for "${transaction.environment}", not "${id}"`)),
        query: async <TRequest extends QueryRequest>(request: TRequest) => {
          await ready()
          return entry.host.call('query', request) as Promise<QueryResult<TRequest>>
        },
      }
    },

    async submit(transaction) {
      const check = await checkTransaction(transaction)
      if (check.status !== 'ok') return check
      const entry = entries.get(transaction.environment) as Entry
      const hash = check.hash ?? keccak256Hex(transaction.payload)
      if (entry.queued.has(hash))
        return { ...check, status: 'rejected', reason: `transaction ${hash} is already queued` }
      // Backpressure: a flooded queue is bounded, and the sender learns it at once.
      if (entry.queue.length >= (throttles.maxQueueDepth as number)) {
        return {
          ...check,
          status: 'rejected',
          reason: `the queue of environment "${entry.id}" is full (${entry.queue.length} transactions)`,
        }
      }
      entry.queue.push({ transaction, check })
      entry.queued.add(hash)
      knownChecks.set(transaction, check)
      return check
    },
    queuedTransactions() {
      let queued = 0
      for (const entry of entries.values()) queued += entry.queue.length
      return queued
    },
    takeBlock(takeOptions = {}) {
      ensureOpen()
      const shares = shareBlockGas(takeOptions.gasLimit ?? (settings.blockGasLimit as bigint), weights)
      const taken: TransactionEnvelope[] = []
      for (const id of ids) {
        const entry = entries.get(id) as Entry
        if (entry.paused !== undefined) continue
        const packed = packSegment(entry.queue, {
          gas: shares[id] as bigint,
          maxTransactionsPerSender: throttles.maxTransactionsPerSender as number,
          maxTransactionsPerContract: throttles.maxTransactionsPerContract as number,
        })
        entry.queue = packed.kept
        for (const queued of packed.taken)
          entry.queued.delete(queued.check.hash ?? keccak256Hex(queued.transaction.payload))
        taken.push(...packed.taken.map((queued) => queued.transaction))
      }
      return taken
    },
    pause(id, reason = 'paused by governance') {
      const entry = entryOf(id)
      entry.paused = reason
      emit({ kind: 'paused', environment: id, reason })
    },
    resume(id) {
      const entry = entryOf(id)
      if (entry.paused === undefined) return
      entry.paused = undefined
      emit({ kind: 'resumed', environment: id })
    },
    setWeight(id, weight) {
      const entry = entryOf(id)
      shareBlockGas(0n, { ...weights, [id]: weight }) // refuses a weight the scheduler cannot use
      entry.weight = weight
      weights[id] = weight
    },
    setPermissions(id, permissions) {
      const entry = entryOf(id)
      entry.permissions = normalizePermissions({ ...DEFAULT_PERMISSIONS, ...permissions })
    },
    quarantine(id, contract, until, reason) {
      entryOf(id)
      breaker.impose(id, contract.toLowerCase() as Address, until, reason)
      emit({ kind: 'quarantined', environment: id, contract, height: committedHeight ?? 0n, until, reason: `by governance: ${reason}` })
    },
    release(id, contract) {
      entryOf(id)
      breaker.lift(id, contract.toLowerCase() as Address)
      emit({ kind: 'released', environment: id, contract, height: committedHeight ?? 0n })
    },
    circuitBreakerState: () => breaker.snapshot(),
    restoreCircuitBreaker(state) {
      breaker.restore(state)
    },
    telemetry(): RouterTelemetry {
      const environments = ids.map((id): EnvironmentTelemetry => {
        const entry = entries.get(id) as Entry
        const status: HealthStatus = closed
          ? 'stopped'
          : entry.degraded !== undefined
          ? 'degraded'
          : entry.paused !== undefined
          ? 'paused'
          : 'healthy'
        const telemetry: { -readonly [K in keyof EnvironmentTelemetry]: EnvironmentTelemetry[K] } = {
          id,
          hosting: entry.host.mode,
          status,
          blocks: entry.blocks,
          transactions: entry.transactions,
          deliveries: entry.deliveries,
          gasUsed: entry.gasUsed,
          outcomes: { ...entry.outcomes },
          queueDepth: entry.queue.length,
          waitingDeliveries: entry.waitingDeliveries,
          lastSegmentMs: entry.lastSegmentMs,
          totalSegmentMs: entry.totalSegmentMs,
          restarts: entry.restarts,
          weight: entry.weight,
        }
        const detail = entry.degraded ?? entry.paused
        if (detail !== undefined) telemetry.detail = detail
        return telemetry
      })
      return { environments, contracts: breaker.telemetry(committedHeight ?? 0n), events: [...events] }
    },
  }
  return router
}

/** Permissions with deployer addresses lower-cased, as the router compares them. */
function normalizePermissions(permissions: EnvironmentPermissions): EnvironmentPermissions {
  return {
    ...permissions,
    deployers: permissions.deployers === '*' ? '*' : permissions.deployers.map((address) => address.toLowerCase() as Address),
  }
}
