import type { BlockInput, BlockOutput } from './block-result.js'
import type { ExecutionEnvironment } from './execution-environment.js'

/**
 * Implements `runBlock` from the step methods, for adapters whose steps are already cheap
 * to call (in-process). If any step throws, the open block is rolled back before rethrowing,
 * so a failed batch leaves the environment at its committed head.
 */
export async function runBlockInSteps(
  environment: Pick<ExecutionEnvironment, 'beginBlock' | 'deliver' | 'execute' | 'endBlock' | 'rollback'>,
  input: BlockInput,
): Promise<BlockOutput> {
  await environment.beginBlock(input.context)
  try {
    const deliveries = await environment.deliver(input.deliveries)
    const receipts = await environment.execute(input.transactions)
    const end = await environment.endBlock()
    return { deliveries, receipts, end }
  } catch (error) {
    await environment.rollback()
    throw error
  }
}
