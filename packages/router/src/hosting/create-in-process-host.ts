import { type BlockInput, BulkheadError, type ExecutionEnvironment } from '@bulkhead/core'
import { EnvironmentHostError } from '../errors/environment-host-error.js'
import type { EnvironmentHost, ForwardedMethod } from './environment-host.js'
import { type OnAdmitted, type SegmentPolicy, admitAndRun, runEmptyBlocks, runSegment } from './run-segment.js'

/**
 * Hosts an environment object in the router's own thread. No isolation: a synchronous
 * infinite loop blocks the process and no backstop can fire. Use it for trusted adapters
 * and tests; use a worker for anything that runs untrusted code.
 */
export function createInProcessHost(environment: ExecutionEnvironment): EnvironmentHost {
  const describe = () => ({
    id: environment.id,
    vm: environment.vm,
    limits: environment.limits,
    capabilities: environment.capabilities,
  })
  // A non-Bulkhead error means a bug inside the environment: report it as a host failure so
  // the router drops the segment instead of failing the whole block.
  const guard = async <T>(run: () => Promise<T>): Promise<T> => {
    try {
      return await run()
    } catch (error) {
      if (BulkheadError.isInstance(error)) throw error
      throw new EnvironmentHostError(
        environment.id,
        'threw',
        `environment "${environment.id}" threw: ${String(error)}`,
        {
          cause: error,
        },
      )
    }
  }
  return {
    id: environment.id,
    mode: 'in-process',
    async start() {
      return describe()
    },
    call<TMethod extends ForwardedMethod>(method: TMethod, ...args: Parameters<ExecutionEnvironment[TMethod]>) {
      const target = environment[method] as (...parameters: readonly unknown[]) => Promise<unknown>
      return guard(() => target.apply(environment, args)) as ReturnType<ExecutionEnvironment[TMethod]>
    },
    runSegment: ((input: BlockInput, policy: SegmentPolicy, onAdmitted?: OnAdmitted) =>
      guard(() => runSegment(environment, input, policy, admitAndRun, onAdmitted))) as EnvironmentHost['runSegment'],
    async executeSegment(transactions, policy) {
      const result = await guard(() =>
        admitAndRun(environment, transactions, policy, async (admitted) => ({
          receipts: await environment.execute(admitted),
          extra: undefined,
        })),
      )
      if (result.refused !== undefined) throw new Error('executeSegment never admits first')
      return { receipts: result.receipts, targets: result.targets }
    },
    catchUp(contexts, kept) {
      return guard(() => runEmptyBlocks(environment, contexts, kept))
    },
    async restart() {
      // The object cannot be rebuilt; returning to its committed head is the best we can do.
      await environment.rollback()
    },
    close() {
      return environment.close()
    },
  }
}
