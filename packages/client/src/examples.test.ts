import { afterEach, describe, expect, it } from 'vitest'
import { quickStart } from '../examples/quick-start.js'
import { startDevnet } from './__fixtures__/devnet.js'
import { bulkheadActions } from './bulkhead-actions.js'

const running: { close(): Promise<void> }[] = []
afterEach(async () => Promise.all(running.splice(0).map((devnet) => devnet.close())))

describe(`${bulkheadActions.name}: README examples`, () => {
  it('runs the quick start against a node', async () => {
    const devnet = await startDevnet()
    running.push(devnet)
    const { environments, token, transfer, bobBalance, ledger } = await quickStart(devnet.url, new URL('../../wasm/sdk/build/token.wasm', import.meta.url))
    expect(environments.map((environment) => environment.id)).toEqual(['evm', 'wasm'])
    expect(token.receipt.status).toBe('ok')
    expect(transfer.receipt.status).toBe('ok')
    expect(bobBalance).toBe(25n)
    expect(ledger.height).toBe(2n)
  })
})
