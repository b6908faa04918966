import { Worker, type ResourceLimits as WorkerResourceLimits } from 'node:worker_threads'
import {
  BulkheadError,
  EnvironmentClosedError,
  InvalidArgumentError,
  type BlockContext,
  type BlockInput,
  type CommittedHead,
  type EnvironmentId,
  type ExecutionEnvironment,
} from '@bulkhead/core'
import { EnvironmentHostError, type HostFailureKind } from '../errors/environment-host-error.js'
import type { Description, EnvironmentHost, ForwardedMethod } from './environment-host.js'
import {
  type KeptEnd,
  type OnAdmitted,
  type SegmentOutput,
  type SegmentPolicy,
  admitAndRun,
  runEmptyBlocks,
  runSegment,
} from './run-segment.js'
import { workerMain } from './worker-main.js'
import type { SerializedError, WorkerBootstrap, WorkerResponse } from './worker-protocol.js'

export interface WorkerHostOptions {
  readonly id: EnvironmentId
  /** Module specifier or file URL the worker imports (`import(module)`). */
  readonly module: string
  /** Name of the exported factory: `(options) => ExecutionEnvironment | Promise<ExecutionEnvironment>`. */
  readonly export: string
  /** Structured-cloneable options passed to the factory. */
  readonly options: unknown
  /** Heap caps of the worker. */
  readonly resourceLimits: WorkerResourceLimits
  /** Wall-clock backstop per call, in milliseconds. */
  readonly backstopMs: number
  /** Wall-clock limit for building the environment when the worker starts, in milliseconds. */
  readonly startupTimeoutMs: number
  /** The longest an answered empty block waits before the worker runs it, in milliseconds; default 200. */
  readonly emptyBlockDelayMs?: number
}

// The worker body is evaluated from source (see workerMain for why). The bootstrap is plain
// CommonJS, the only part no bundler or test transform touches: it owns `require` and `import()`.
const workerSource = [
  `const { parentPort, workerData } = require('node:worker_threads');`,
  `const admitAndRun = (${String(admitAndRun)});`,
  `const runSegment = (${String(runSegment)});`,
  `const runEmptyBlocks = (${String(runEmptyBlocks)});`,
  `(${String(
    workerMain,
  )})({ parentPort, workerData, load: (specifier) => import(specifier), runSegment, admitAndRun, runEmptyBlocks });`,
].join('\n')

/** Empty blocks answered by the host that make the worker catch up at once, without waiting for a call. */
const DEFERRED_BLOCKS_PER_CATCH_UP = 256
/** The longest an answered empty block waits before the worker runs it, in milliseconds. */
const DEFERRED_DELAY_MS = 200
/** Calls that change nothing: the environment's last end stays the one its empty blocks keep. */
const READ_ONLY_METHODS = new Set(['describe', 'head', 'health', 'query', 'checkTransaction'])

interface Pending {
  readonly resolve: (value: unknown) => void
  readonly reject: (error: unknown) => void
  readonly timer: NodeJS.Timeout
  /** Hears the call's interim answer, if it sends one. */
  readonly onInterim: ((value: never) => void) | undefined
}

/**
 * Hosts an environment in its own `worker_threads` Worker with a heap cap and a wall-clock
 * backstop. A worker that dies or overruns is terminated; every call in flight rejects with
 * `EnvironmentHostError`, and the next call (or `restart`) starts a fresh worker whose factory
 * resumes from the environment's store, i.e. from its last committed head.
 */
export function createWorkerHost(options: WorkerHostOptions): EnvironmentHost {
  const { id } = options
  const bootstrap: WorkerBootstrap = { module: options.module, export: options.export, options: options.options }
  const pending = new Map<number, Pending>()
  let worker: Worker | undefined
  let description: Promise<Description> | undefined
  let nextRequest = 1
  let closed = false
  /**
   * The last failed worker's termination. The next worker starts only after it: a store the
   * environment keeps open (a LevelDB lock, a shared in-memory log) has one user at a time.
   */
  let retired: Promise<unknown> = Promise.resolve()

  const fail = (failed: Worker, kind: HostFailureKind, message: string, cause?: unknown) => {
    if (worker !== failed) return // an old worker's late exit event
    worker = undefined
    description = undefined
    retired = failed.terminate().catch(() => undefined)
    const error = new EnvironmentHostError(id, kind, message, cause === undefined ? {} : { cause })
    for (const call of pending.values()) {
      clearTimeout(call.timer)
      call.reject(error)
    }
    pending.clear()
  }

  const spawn = (): Worker => {
    const spawned = new Worker(workerSource, {
      eval: true,
      workerData: bootstrap,
      resourceLimits: options.resourceLimits,
    })
    // The router's pending calls keep the process alive through their timers; an idle worker must not.
    spawned.unref()
    spawned.on('message', (response: WorkerResponse) => {
      const call = pending.get(response.id)
      if (call === undefined) return
      if ('interim' in response) {
        call.onInterim?.(response.value as never)
        return
      }
      pending.delete(response.id)
      clearTimeout(call.timer)
      if (response.ok) call.resolve(response.value)
      else if (response.error.code !== undefined) call.reject(deserializeError(response.error, response.error.code))
      // Not a BulkheadError: a bug inside the environment, whose memory may now be inconsistent.
      else {
        pending.set(response.id, call)
        fail(spawned, 'threw', `environment "${id}" threw ${response.error.name}: ${response.error.message}`)
      }
    })
    spawned.on('error', (error: Error) =>
      fail(spawned, 'crashed', `worker of environment "${id}" crashed: ${error.message}`, error),
    )
    spawned.on('exit', (code) => fail(spawned, 'crashed', `worker of environment "${id}" exited with code ${code}`))
    worker = spawned
    return spawned
  }

  // One call at a time per worker, and the backstop starts when a call is sent, not when it
  // is queued: a burst of checks behind a long block must not look like an overrun.
  let tail: Promise<unknown> = Promise.resolve()
  const request = (
    method: string,
    args: readonly unknown[],
    timeoutMs = options.backstopMs,
    onInterim?: Pending['onInterim'],
  ): Promise<unknown> => {
    const send = () =>
      worker === undefined
        ? retired.then(() => dispatch(method, args, timeoutMs, onInterim))
        : dispatch(method, args, timeoutMs, onInterim)
    const result = tail.then(send, send)
    tail = result.catch(() => undefined)
    return result
  }

  const dispatch = (
    method: string,
    args: readonly unknown[],
    timeoutMs: number,
    onInterim: Pending['onInterim'],
  ): Promise<unknown> => {
    if (method === 'close' && worker === undefined) return Promise.resolve()
    if (closed && method !== 'close') return Promise.reject(new EnvironmentClosedError(`environment "${id}" is closed`))
    let target: Worker
    try {
      target = worker ?? spawn()
    } catch (error) {
      return Promise.reject(
        new InvalidArgumentError(`worker environment "${id}" could not be started`, {
          cause: error,
          details: [
            'its options must be structured-cloneable (no functions, class instances or handles)',
            String(error),
          ],
        }),
      )
    }
    return new Promise((resolve, reject) => {
      const requestId = nextRequest++
      const timer = setTimeout(
        () =>
          fail(
            target,
            'timed_out',
            `environment "${id}" overran the ${timeoutMs} ms wall-clock backstop in ${method}; its worker was terminated`,
          ),
        timeoutMs,
      )
      pending.set(requestId, { resolve, reject, timer, onInterim })
      try {
        target.postMessage({ id: requestId, method, args })
      } catch (error) {
        // Nothing was sent: the worker is fine, the caller passed something that cannot be cloned.
        clearTimeout(timer)
        pending.delete(requestId)
        reject(
          new InvalidArgumentError(`arguments of ${method} for environment "${id}" cannot be structured-cloned`, {
            cause: error,
            details: [String(error)],
          }),
        )
      }
    })
  }

  /** Whether the environment declared that its empty blocks keep its state; known once described. */
  let emptyBlocksKeepState = false
  const start = (): Promise<Description> => {
    description ??= (request('describe', [], options.startupTimeoutMs) as Promise<Description>).then((described) => {
      emptyBlocksKeepState = described.capabilities.emptyBlocksKeepState === true
      return described
    })
    return description
  }

  // Deferred empty blocks (environments whose empty blocks keep their state): the host answers
  // an empty committed segment itself from the last committed end, and the worker runs the
  // owed blocks later in one `catchUp`: before any other call, once enough piled up, or after
  // a short delay. An idle environment then costs a block no round trip and no thread wake-up.
  /** The environment's last committed end and its height; unknown after anything but a committed segment. */
  let kept: { readonly height: bigint; readonly end: KeptEnd } | undefined
  /** Answered empty blocks the worker has not confirmed; kept until it does, so a failed catch-up is run again. */
  let owed: BlockContext[] = []
  /** The end the owed blocks keep (a block with work sends them first, so they all keep one). */
  let owedEnd: KeptEnd | undefined
  /** The highest owed height already sent in a catch-up. */
  let sentThrough = -1n
  let catchingUp: Promise<void> = Promise.resolve()
  /** A failed catch-up nobody was waiting for, reported to the next call. */
  let failure: unknown
  let delay: NodeJS.Timeout | undefined

  const sendOwed = (): Promise<void> => {
    clearTimeout(delay)
    delay = undefined
    const last = owed.at(-1)
    if (last === undefined || last.height <= sentThrough) return catchingUp
    sentThrough = last.height
    catchingUp = (request('catchUp', [owed.slice(), owedEnd]) as Promise<CommittedHead>).then(
      (head) => {
        owed = owed.filter((context) => context.height > head.height)
      },
      (error: unknown) => {
        // The worker is gone; its successor resumes at its last committed head and is sent everything owed again.
        sentThrough = -1n
        failure ??= error
        throw error
      },
    )
    catchingUp.catch(() => undefined)
    return catchingUp
  }

  const call = async (method: string, args: readonly unknown[], onInterim?: Pending['onInterim']): Promise<unknown> => {
    await start()
    if (!READ_ONLY_METHODS.has(method)) kept = undefined
    await sendOwed().catch(() => undefined)
    if (failure !== undefined) {
      const error = failure
      failure = undefined
      throw error
    }
    return request(method, args, options.backstopMs, onInterim)
  }

  const deferEmpty = (input: BlockInput, policy: SegmentPolicy): SegmentOutput | undefined => {
    if (!emptyBlocksKeepState || kept === undefined || failure !== undefined) return undefined
    if (policy.commit !== true || policy.admitFirst === true) return undefined
    if (input.deliveries.length > 0 || input.transactions.length > 0 || input.context.height !== kept.height + 1n) return undefined
    const { height } = input.context
    const { stateRoot, supply } = kept.end
    if (owed.length === 0) owedEnd = kept.end
    kept = { height, end: kept.end }
    owed.push(input.context)
    // Owed heights are consecutive: those above sentThrough have not been sent yet.
    const unsent = sentThrough < 0n ? owed.length : Number(height - sentThrough)
    if (unsent >= DEFERRED_BLOCKS_PER_CATCH_UP) void sendOwed()
    else delay ??= setTimeout(() => void sendOwed(), options.emptyBlockDelayMs ?? DEFERRED_DELAY_MS).unref()
    return {
      deliveries: [],
      receipts: [],
      targets: [],
      end: { height, stateRoot, messages: [], gasUsed: 0n, supply: { ...supply }, burnedByRule: {}, mintedByRule: {} },
      committed: { height, stateRoot },
    }
  }

  return {
    id,
    mode: 'worker',
    start,
    call<TMethod extends ForwardedMethod>(method: TMethod, ...args: Parameters<ExecutionEnvironment[TMethod]>) {
      return call(method, args) as ReturnType<ExecutionEnvironment[TMethod]>
    },
    runSegment: (async (input: BlockInput, policy: SegmentPolicy, onAdmitted?: OnAdmitted) => {
      const deferred = deferEmpty(input, policy)
      if (deferred !== undefined) return deferred
      const output = (await call('runSegment', [input, policy], onAdmitted)) as SegmentOutput | { refused: unknown }
      if ('committed' in output && output.committed !== undefined) {
        kept = { height: output.committed.height, end: { stateRoot: output.end.stateRoot, supply: output.end.supply } }
      }
      return output
    }) as EnvironmentHost['runSegment'],
    executeSegment(transactions, policy) {
      return call('executeSegment', [transactions, policy]) as ReturnType<EnvironmentHost['executeSegment']>
    },
    catchUp(contexts, keptEnd) {
      return call('catchUp', [contexts, keptEnd]) as Promise<CommittedHead>
    },
    async restart() {
      // Every failure already terminated its worker; the next worker (maybe already started by a
      // queued call) builds the environment from its store, i.e. from its last committed head,
      // and first runs the empty blocks it still owes.
      failure = undefined
      await start()
      await sendOwed()
    },
    async close() {
      if (closed) return
      try {
        await sendOwed()
      } catch {
        // The blocks stay owed: the environment catches up from the chain when it next starts.
      }
      closed = true
      try {
        await request('close', [])
      } catch {
        // Closing is best effort: the worker is terminated below whatever happened.
      }
      const current = worker
      worker = undefined
      await current?.terminate()
    },
  }
}

function deserializeError(error: SerializedError, code: string): Error {
  // Class identity does not cross threads; code, message and details do, which is what callers switch on.
  const rebuilt = new BulkheadError(code, error.shortMessage ?? error.message, {
    details: error.details ?? [],
  })
  rebuilt.name = error.name
  return rebuilt
}
