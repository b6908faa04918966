import { describe, expect, it } from 'vitest'
import type { BlockContext } from './block-context.js'
import { runBlockInSteps } from './run-block-in-steps.js'

const context: BlockContext = { height: 1n, timestamp: 1n, parentHash: `0x${'00'.repeat(32)}`, gasLimit: 1_000n }

function recordingEnvironment(failAt?: string) {
  const calls: string[] = []
  const step = (name: string, value: unknown) => async () => {
    calls.push(name)
    if (name === failAt) throw new Error(`${name} failed`)
    return value
  }
  return {
    calls,
    beginBlock: step('beginBlock', undefined),
    deliver: step('deliver', []),
    execute: step('execute', []),
    endBlock: step('endBlock', { height: 1n }),
    rollback: step('rollback', { height: 0n }),
  } as never as Parameters<typeof runBlockInSteps>[0] & { calls: string[] }
}

describe(runBlockInSteps.name, () => {
  it('runs the steps in lifecycle order', async () => {
    const environment = recordingEnvironment()
    const output = await runBlockInSteps(environment, { context, deliveries: [], transactions: [] })
    expect(environment.calls).toEqual(['beginBlock', 'deliver', 'execute', 'endBlock'])
    expect(output.end).toEqual({ height: 1n })
  })

  it('rolls the open block back when a step throws, then rethrows', async () => {
    const environment = recordingEnvironment('execute')
    await expect(runBlockInSteps(environment, { context, deliveries: [], transactions: [] })).rejects.toThrowError('execute failed')
    expect(environment.calls).toEqual(['beginBlock', 'deliver', 'execute', 'rollback'])
  })
})
