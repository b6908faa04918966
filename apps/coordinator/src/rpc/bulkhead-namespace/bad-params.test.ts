import fc from 'fast-check'
import { afterEach, describe, expect, it } from 'vitest'
import { GOVERNANCE_KEY, startNamespaceServer } from './__fixtures__/namespace-server.js'
import { createBulkheadNamespace } from './create-bulkhead-namespace.js'

const running: { close(): Promise<void> }[] = []
afterEach(async () => Promise.all(running.splice(0).map((server) => server.close())))

async function start() {
  const server = await startNamespaceServer({ governanceKey: GOVERNANCE_KEY })
  running.push(server)
  return server
}

const METHODS = [
  'bulkhead_environments',
  'bulkhead_sendRawTransaction',
  'bulkhead_getReceipt',
  'bulkhead_call',
  'bulkhead_getBlock',
  'bulkhead_getMessage',
  'bulkhead_getMessages',
  'bulkhead_getLedger',
  'bulkhead_getAuditLog',
  'bulkhead_pauseEnvironment',
  'bulkhead_resumeEnvironment',
  'bulkhead_quarantineContract',
  'bulkhead_releaseContract',
]

describe(`${createBulkheadNamespace.name}: bad params`, () => {
  it.each([
    ['bulkhead_sendRawTransaction', ['gamma', '0x00'], 'Invalid params: argument 0 must be a known environment (alpha, beta, governance), got "gamma"'],
    ['bulkhead_sendRawTransaction', ['alpha', '0x0'], 'Invalid params: argument 1 must be hex data such as "0x00ff", got "0x0"'],
    ['bulkhead_sendRawTransaction', ['alpha', 'ff'], 'Invalid params: argument 1 must be hex data such as "0x00ff", got "ff"'],
    ['bulkhead_sendRawTransaction', ['alpha'], 'Invalid params: argument 1 must be hex data such as "0x00ff", got nothing'],
    ['bulkhead_getReceipt', [42], 'Invalid params: argument 0 must be a 32-byte hex hash, got 42'],
    ['bulkhead_getReceipt', ['0x1234'], 'Invalid params: argument 0 must be a 32-byte hex hash, got "0x1234"'],
    ['bulkhead_call', ['governance', { method: 'nonce', address: `0x${'00'.repeat(20)}` }], 'Invalid params: argument 0 must be a known environment (alpha, beta), got "governance"'],
    ['bulkhead_call', ['alpha', 'nonce'], 'Invalid params: argument 1 must be an object, got "nonce"'],
    ['bulkhead_call', ['alpha', { method: 'steal' }], 'Invalid params: argument 1 field "method" must be one of call, estimate_gas, balance, nonce, code, storage, mirror, got "steal"'],
    ['bulkhead_call', ['alpha', { method: 'nonce', address: '0x12' }], 'Invalid params: argument 1 field "address" must be a 20-byte hex address, got "0x12"'],
    ['bulkhead_call', ['alpha', { method: 'nonce', address: `0x${'00'.repeat(20)}`, key: '0x' }], 'Invalid params: argument 1 has an unknown field "key"; known fields: method, address'],
    ['bulkhead_call', ['alpha', { method: 'call', data: '0xzz' }], 'Invalid params: argument 1 field "data" must be hex data such as "0x00ff", got "0xzz"'],
    ['bulkhead_call', ['alpha', { method: 'call', value: 10 }], 'Invalid params: argument 1 field "value" must be a hex quantity such as "0x1a", got 10'],
    ['bulkhead_getBlock', ['1'], 'Invalid params: argument 0 must be a block number or tag (latest, pending, safe, finalized, earliest), got "1"'],
    ['bulkhead_getMessage', ['alpha', 'beta', '0x01'], 'Invalid params: argument 2 must be a hex quantity such as "0x1a", got "0x01"'],
    ['bulkhead_getMessage', ['alpha', 'delta', '0x1'], 'Invalid params: argument 1 must be a known environment (alpha, beta), got "delta"'],
    ['bulkhead_getMessages', [{ status: 'lost' }], 'Invalid params: argument 0 field "status" must be one of pending, delivered, acknowledged, refunded, timed_out, got "lost"'],
    ['bulkhead_getMessages', [{ sorce: 'alpha' }], 'Invalid params: argument 0 has an unknown field "sorce"; known fields: source, destination, status, fromSequence, limit'],
    ['bulkhead_getMessages', [{ limit: 5000 }], 'Invalid params: argument 0 must be an object whose "limit" is a whole number from 1 to 1000, got {"limit":5000}'],
    ['bulkhead_getMessages', [[]], 'Invalid params: argument 0 must be an object, got []'],
    ['bulkhead_getAuditLog', [{ kind: 'everything' }], 'Invalid params: argument 0 field "kind" must be one of message, governance, router, got "everything"'],
    ['bulkhead_getAuditLog', [{ fromHeight: 3 }], 'Invalid params: argument 0 field "fromHeight" must be a hex quantity such as "0x1a", got 3'],
    ['bulkhead_getLedger', ['x'], 'Invalid params: expected at most 0 arguments, got 1'],
    ['bulkhead_pauseEnvironment', ['omega', 'x'], 'Invalid params: argument 0 must be a known environment (alpha, beta), got "omega"'],
    ['bulkhead_pauseEnvironment', ['alpha', 7], 'Invalid params: argument 1 must be a string, got 7'],
    ['bulkhead_quarantineContract', ['alpha', `0x${'12'.repeat(20)}`, 10, 'x'], 'Invalid params: argument 2 must be a hex quantity such as "0x1a", got 10'],
    ['bulkhead_releaseContract', ['alpha', 'me'], 'Invalid params: argument 1 must be a 20-byte hex address, got "me"'],
  ])('%s %j → -32602 with a precise message', async (method, params, message) => {
    const { admin } = await start()
    expect((await admin(method, params)).error).toEqual({ code: -32602, message })
  })

  it('answers thousands of random calls with a result or a caller-error code, never an internal error, and keeps serving', async () => {
    const { admin, call, internalErrors } = await start()
    const value = fc.oneof(
      fc.constantFrom('alpha', 'beta', 'governance', 'gamma', '0x', '0x1', '0x00', `0x${'ab'.repeat(20)}`, `0x${'cd'.repeat(32)}`, 'latest', '', 'nonce', 'balance'),
      fc.record({ method: fc.constantFrom('call', 'nonce', 'balance', 'code', 'storage', 'mirror', 'estimate_gas', 'x'), address: fc.constantFrom(`0x${'ab'.repeat(20)}`, 'bad'), key: fc.constantFrom('0x01', 1) }, { requiredKeys: [] }),
      fc.record({ source: fc.constantFrom('alpha', 'beta', 'x'), status: fc.constantFrom('pending', 'x'), limit: fc.integer({ min: -2, max: 2000 }), kind: fc.constantFrom('message', 'x') }, { requiredKeys: [] }),
      fc.jsonValue({ maxDepth: 2 }),
    )
    const requests = fc.sample(fc.tuple(fc.constantFrom(...METHODS), fc.array(value, { maxLength: 5 })), { numRuns: 2_000, seed: 7 })
    const codes = new Set<number>()
    for (let index = 0; index < requests.length; index += 50) {
      const answers = await Promise.all(requests.slice(index, index + 50).map(([method, params]) => admin(method, params)))
      for (const answer of answers) {
        if (answer.error === undefined) continue
        codes.add(answer.error.code)
        expect([-32602, -32601, -32000, -32001]).toContain(answer.error.code)
        expect(answer.error.message.length).toBeGreaterThan(10)
      }
    }
    expect(codes.has(-32602)).toBe(true)
    expect(internalErrors).toEqual([])
    const environments = (await call('bulkhead_environments')).result
    expect(environments.map((environment: { id: string }) => environment.id)).toEqual(['alpha', 'beta'])
    expect((await call('bulkhead_getLedger')).result.denoms[0].denom).toBe('ucount')
  }, 120_000)
})
