import type { MessagePort } from 'node:worker_threads'
import type { ExecutionEnvironment } from '@bulkhead/core'
import type { admitAndRun, runEmptyBlocks, runSegment } from './run-segment.js'
import type { WorkerBootstrap, WorkerRequest, WorkerResponse } from './worker-protocol.js'

/** Everything the worker body uses, passed in so that its source is self-contained. */
export interface WorkerMainDependencies {
  readonly parentPort: MessagePort
  readonly workerData: WorkerBootstrap
  /** `(specifier) => import(specifier)`, written in the bootstrap so no bundler rewrites it. */
  readonly load: (specifier: string) => Promise<Record<string, unknown>>
  readonly runSegment: typeof runSegment
  readonly admitAndRun: typeof admitAndRun
  readonly runEmptyBlocks: typeof runEmptyBlocks
}

/**
 * The body of an environment worker: builds the environment from the factory named in
 * `workerData`, then answers one request at a time.
 *
 * Why self-contained: the worker host evaluates `String(workerMain)`, which works the same from
 * tsup's output and from vitest's transformed sources, so the package needs no second entry
 * file and no loader for TypeScript. Never reference anything outside this function.
 */
export function workerMain(dependencies: WorkerMainDependencies): void {
  const { parentPort, workerData, load } = dependencies
  const forwarded = new Set([
    'head',
    'health',
    'checkTransaction',
    'beginBlock',
    'deliver',
    'execute',
    'endBlock',
    'commit',
    'rollback',
    'query',
    'close',
  ])
  const ready: Promise<ExecutionEnvironment> = (async () => {
    const module = await load(workerData.module)
    const factory = module[workerData.export]
    if (typeof factory !== 'function') {
      throw new Error(`module ${workerData.module} has no function export "${workerData.export}"`)
    }
    return (await factory(workerData.options)) as ExecutionEnvironment
  })()
  // A failed factory is answered on every request, so the host sees why instead of hanging.
  ready.catch(() => {})

  const serve = async (request: WorkerRequest): Promise<unknown> => {
    const environment = await ready
    if (request.method === 'describe') {
      return {
        id: environment.id,
        vm: environment.vm,
        limits: environment.limits,
        capabilities: environment.capabilities,
      }
    }
    if (request.method === 'runSegment') {
      const [input, policy] = request.args as [Parameters<typeof runSegment>[1], Parameters<typeof runSegment>[2]]
      // An admit-first segment reports its check at once, so the caller can answer while the block goes on.
      const onAdmitted = (check: unknown) =>
        parentPort.postMessage({ id: request.id, interim: true, value: check } satisfies WorkerResponse)
      return dependencies.runSegment(environment, input, policy, dependencies.admitAndRun, onAdmitted)
    }
    if (request.method === 'catchUp') {
      const [contexts, kept] = request.args as [Parameters<typeof runEmptyBlocks>[1], Parameters<typeof runEmptyBlocks>[2]]
      return dependencies.runEmptyBlocks(environment, contexts, kept)
    }
    if (request.method === 'executeSegment') {
      const [transactions, policy] = request.args as [
        Parameters<typeof admitAndRun>[1],
        Parameters<typeof admitAndRun>[2],
      ]
      const result = await dependencies.admitAndRun(environment, transactions, policy, async (admitted) => ({
        receipts: await environment.execute(admitted),
        extra: undefined,
      }))
      if (result.refused !== undefined) throw new Error('executeSegment never admits first')
      return { receipts: result.receipts, targets: result.targets }
    }
    if (!forwarded.has(request.method)) throw new Error(`unknown worker method "${request.method}"`)
    const method = (environment as unknown as Record<string, (...args: readonly unknown[]) => Promise<unknown>>)[
      request.method
    ] as (...args: readonly unknown[]) => Promise<unknown>
    return method.apply(environment, [...request.args])
  }

  parentPort.on('message', (request: WorkerRequest) => {
    serve(request).then(
      (value) => parentPort.postMessage({ id: request.id, ok: true, value } satisfies WorkerResponse),
      (error: unknown) => {
        const record = (typeof error === 'object' && error !== null ? error : {}) as Record<string, unknown>
        const serialized: Record<string, unknown> = {
          name: typeof record.name === 'string' ? record.name : 'Error',
          message: typeof record.message === 'string' ? record.message : String(error),
        }
        // core's BulkheadError marker (a Symbol.for key, so it is the same symbol in this thread).
        if (typeof record.code === 'string' && Symbol.for('bulkhead.error') in record) serialized.code = record.code
        if (typeof record.shortMessage === 'string') serialized.shortMessage = record.shortMessage
        if (Array.isArray(record.details)) serialized.details = record.details.map(String)
        parentPort.postMessage({ id: request.id, ok: false, error: serialized })
      },
    )
  })
}
