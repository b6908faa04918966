import { bytesToHex, type TransactionEnvelope } from '@bulkhead/core'
import { afterEach, describe, expect, it } from 'vitest'
import { DENOM, alice, bob, counterTransaction, governanceTransaction } from '../../__fixtures__/counter-chain.js'
import { GOVERNANCE_KEY, startNamespaceServer } from './__fixtures__/namespace-server.js'
import { createBulkheadNamespace } from './create-bulkhead-namespace.js'

const running: { close(): Promise<void> }[] = []
afterEach(async () => Promise.all(running.splice(0).map((server) => server.close())))

async function start(options: Parameters<typeof startNamespaceServer>[0] = { governanceKey: GOVERNANCE_KEY }) {
  const server = await startNamespaceServer(options)
  running.push(server)
  return server
}

const hexOf = (transaction: TransactionEnvelope) => bytesToHex(transaction.payload)
const send = (nonce: bigint, amount: bigint) =>
  counterTransaction('alpha', { from: alice, nonce, gasLimit: 100_000n, operation: { type: 'send', destination: 'beta', receiver: bob, amount } })
const toHex = (value: bigint) => `0x${value.toString(16)}`

describe(createBulkheadNamespace.name, () => {
  it('lists the environments with kind, status, head and the router counters', async () => {
    const { call } = await start()
    const before = (await call('bulkhead_environments')).result
    expect(before.map((environment: { id: string }) => environment.id)).toEqual(['alpha', 'beta'])
    expect(before[0]).toMatchObject({ id: 'alpha', vm: 'counter', hosting: 'in-process', status: 'healthy', head: { height: '0x0' } })
    expect(before[0].counters).toMatchObject({ blocks: 0, transactions: 0, gasUsed: '0x0' })
    expect(before[0].limits.blockGasLimit).toMatch(/^0x[0-9a-f]+$/)

    await call('bulkhead_sendRawTransaction', ['alpha', hexOf(send(0n, 5n))])
    const after = (await call('bulkhead_environments')).result
    expect(after[0].head.height).toBe('0x1')
    expect(after[0].counters).toMatchObject({ blocks: 1, transactions: 1, outcomes: { ok: 1 } })
    expect(BigInt(after[0].counters.gasUsed)).toBeGreaterThan(0n)
  })

  it('sends a transaction, mines it and follows its message through receipt, block, message and ledger', async () => {
    const { call, mine } = await start()
    const genesisLedger = (await call('bulkhead_getLedger')).result
    expect(genesisLedger).toMatchObject({
      height: '0x0',
      denoms: [{ denom: DENOM, supply: { alpha: toHex(1_000_000_000n), beta: toHex(1_000_000_000n) }, inFlight: '0x0', genesis: toHex(2_000_000_000n) }],
    })

    const hash = (await call('bulkhead_sendRawTransaction', ['alpha', hexOf(send(0n, 500n))])).result
    expect(hash).toMatch(/^0x[0-9a-f]{64}$/)

    const receipt = (await call('bulkhead_getReceipt', [hash])).result
    expect(receipt).toMatchObject({ transactionHash: hash, environment: 'alpha', status: 'ok', sender: alice, messageCount: 1, blockHeight: '0x1', returnData: '0x' })
    expect(BigInt(receipt.gasUsed)).toBeGreaterThan(0n)

    const block = (await call('bulkhead_getBlock', ['0x1'])).result
    expect(block).toMatchObject({ height: '0x1', hash: receipt.blockHash, transactions: [hash], transactionCount: 1, messageCount: 1 })
    expect(block.stateRoots.map((root: { environment: string }) => root.environment)).toEqual(['alpha', 'beta'])
    expect(block.messageRoot).toMatch(/^0x[0-9a-f]{64}$/)
    expect(block.transactionRoot).toMatch(/^0x[0-9a-f]{64}$/)
    expect((await call('bulkhead_getBlock', ['latest'])).result.hash).toBe(block.hash)

    const pending = (await call('bulkhead_getMessage', ['alpha', 'beta', '0x1'])).result
    expect(pending).toMatchObject({ status: 'pending', message: { source: 'alpha', destination: 'beta', sequence: '0x1', originTransaction: hash, body: { kind: 'asset_transfer', amount: toHex(500n), receiver: bob } } })
    const inFlight = (await call('bulkhead_getLedger')).result
    expect(inFlight.height).toBe('0x1')
    expect(inFlight.denoms[0].inFlight).toBe(toHex(500n))

    await mine()
    await mine()
    const settled = (await call('bulkhead_getMessage', ['alpha', 'beta', '0x1'])).result
    expect(settled.status).toBe('acknowledged')
    expect(settled.history).toEqual([
      { status: 'pending', height: '0x1' },
      { status: 'delivered', height: '0x2' },
      { status: 'acknowledged', height: '0x3' },
    ])
    expect(settled.acknowledgement).toMatchObject({ success: true })
    const ledger = (await call('bulkhead_getLedger')).result.denoms[0]
    expect(ledger.inFlight).toBe('0x0')
    expect(BigInt(ledger.supply.beta)).toBe(1_000_000_500n)

    expect((await call('bulkhead_getReceipt', [`0x${'ab'.repeat(32)}`])).result).toBeNull()
    expect((await call('bulkhead_getBlock', ['0x63'])).result).toBeNull()
    expect((await call('bulkhead_getMessage', ['beta', 'alpha', '0x1'])).result).toBeNull()
  })

  it('filters messages and the audit log', async () => {
    const { call } = await start()
    for (let nonce = 0n; nonce < 3n; nonce++) await call('bulkhead_sendRawTransaction', ['alpha', hexOf(send(nonce, 10n + nonce))])
    const all = (await call('bulkhead_getMessages', [])).result
    expect(all.map((record: { message: { sequence: string } }) => record.message.sequence)).toEqual(['0x1', '0x2', '0x3'])
    const page = (await call('bulkhead_getMessages', [{ source: 'alpha', destination: 'beta', fromSequence: '0x2', limit: 1 }])).result
    expect(page).toHaveLength(1)
    expect(page[0].message.sequence).toBe('0x2')
    expect((await call('bulkhead_getMessages', [{ source: 'beta' }])).result).toEqual([])
    const acknowledged = (await call('bulkhead_getMessages', [{ status: 'acknowledged' }])).result
    expect(acknowledged.map((record: { message: { sequence: string } }) => record.message.sequence)).toEqual(['0x1'])

    const audit = (await call('bulkhead_getAuditLog', [{ kind: 'message' }])).result
    expect(audit[0]).toMatchObject({ kind: 'message', height: '0x1', source: 'alpha', destination: 'beta', sequence: '0x1', status: 'pending' })
    const later = (await call('bulkhead_getAuditLog', [{ fromHeight: '0x3', limit: 2 }])).result
    expect(later).toHaveLength(2)
    for (const entry of later) expect(BigInt(entry.height)).toBeGreaterThanOrEqual(3n)
  })

  it('answers queries with hex in and out, and reports what an environment refuses', async () => {
    const { call } = await start()
    const deployed = (await call('bulkhead_sendRawTransaction', ['beta', hexOf(counterTransaction('beta', { from: bob, nonce: 0n, gasLimit: 100_000n, operation: { type: 'deploy', initial: 42n } }))])).result
    const contract = (await call('bulkhead_getReceipt', [deployed])).result.contractAddress
    expect(contract).toMatch(/^0x[0-9a-f]{40}$/)
    expect((await call('bulkhead_call', ['beta', { method: 'nonce', address: bob }])).result).toBe('0x1')
    expect(BigInt((await call('bulkhead_call', ['alpha', { method: 'balance', address: alice }])).result)).toBe(1_000_000_000n)
    const count = (await call('bulkhead_call', ['beta', { method: 'storage', address: contract, key: bytesToHex(new TextEncoder().encode('count')) }])).result
    expect(BigInt(count)).toBe(42n)
    expect((await call('bulkhead_call', ['beta', { method: 'code', address: alice }])).result).toBe('0x')
    expect((await call('bulkhead_call', ['beta', { method: 'mirror', source: 'alpha', publisher: alice, key: '0x01' }])).result).toEqual({ value: null, version: '0x0' })
    // The counter VM answers no `call` queries: its UnsupportedError maps to -32601 with its message.
    const refused = (await call('bulkhead_call', ['alpha', { method: 'call', to: contract, data: '0x' }])).error
    expect(refused.code).toBe(-32601)
    expect(refused.message).toMatch(/does not answer call queries/)
  })

  it('refuses a bad transaction with -32000 and the reason, and accepts governance transactions', async () => {
    const { call, node } = await start()
    const wrongNonce = (await call('bulkhead_sendRawTransaction', ['alpha', hexOf(send(7n, 1n))])).error
    expect(wrongNonce.code).toBe(-32000)
    expect(wrongNonce.message).toMatch(/^Transaction rejected: .*nonce/)
    const garbage = (await call('bulkhead_sendRawTransaction', ['alpha', '0x00ff'])).error
    expect(garbage.code).toBe(-32000)

    const hash = (await call('bulkhead_sendRawTransaction', ['governance', hexOf(governanceTransaction(0n, { kind: 'pause_environment', environment: 'beta', reason: 'by hand' }))])).result
    expect((await call('bulkhead_getReceipt', [hash])).result).toMatchObject({ environment: 'governance', status: 'ok', sender: alice })
    expect(node.governance().paused.get('beta')).toBe('by hand')
    const replayed = (await call('bulkhead_sendRawTransaction', ['governance', hexOf(governanceTransaction(0n, { kind: 'resume_environment', environment: 'beta' }))])).error
    expect(replayed).toMatchObject({ code: -32000, message: 'Transaction rejected: governance nonce 0, expected 1' })
  })

  it('pauses and resumes an environment through governance: messages to it wait, then arrive', async () => {
    const { call, admin, mine } = await start()
    expect((await call('bulkhead_pauseEnvironment', ['beta', 'maintenance'])).error.code).toBe(-32003)

    const paused = (await admin('bulkhead_pauseEnvironment', ['beta', 'maintenance'])).result
    expect(paused).toMatchObject({ height: '0x1' })
    expect((await call('bulkhead_getReceipt', [paused.hash])).result).toMatchObject({ environment: 'governance', status: 'ok' })
    const environments = (await call('bulkhead_environments')).result
    expect(environments[1]).toMatchObject({ id: 'beta', status: 'paused', detail: 'maintenance' })
    expect(environments[0].status).toBe('healthy')

    await call('bulkhead_sendRawTransaction', ['alpha', hexOf(send(0n, 9n))])
    await mine()
    await mine()
    expect((await call('bulkhead_getMessage', ['alpha', 'beta', '0x1'])).result.status).toBe('pending')

    await admin('bulkhead_resumeEnvironment', ['beta'])
    expect((await call('bulkhead_environments')).result[1].status).toBe('healthy')
    await mine()
    await mine()
    const record = (await call('bulkhead_getMessage', ['alpha', 'beta', '0x1'])).result
    expect(record.history.map((step: { status: string }) => step.status)).toEqual(['pending', 'delivered', 'acknowledged'])

    const governance = (await call('bulkhead_getAuditLog', [{ kind: 'governance' }])).result
    expect(governance).toMatchObject([
      { kind: 'governance', action: 'pause_environment', signer: alice, detail: 'beta paused: maintenance' },
      { kind: 'governance', action: 'resume_environment', signer: alice, detail: 'beta resumed' },
    ])
  })

  it('quarantines a contract through governance, so its calls are refused, then releases it', async () => {
    const { admin, call, node } = await start()
    const deploy = counterTransaction('alpha', { from: alice, nonce: 0n, gasLimit: 100_000n, operation: { type: 'deploy', initial: 1n } })
    const deployed = (await call('bulkhead_getReceipt', [(await call('bulkhead_sendRawTransaction', ['alpha', hexOf(deploy)])).result])).result
    const contract = deployed.contractAddress as `0x${string}`
    const increment = (nonce: bigint) => hexOf(counterTransaction('alpha', { from: alice, nonce, gasLimit: 100_000n, operation: { type: 'increment', contract, by: 1n } }))

    expect((await admin('bulkhead_quarantineContract', ['alpha', contract, '0xa', 'suspicious'])).result.hash).toMatch(/^0x[0-9a-f]{64}$/)
    expect(node.governance().quarantines.size).toBe(1)
    const refused = (await call('bulkhead_sendRawTransaction', ['alpha', increment(1n)])).error
    expect(refused).toMatchObject({ code: -32000, message: expect.stringMatching(/quarantined in environment "alpha" until block \d+ by governance: suspicious/) })

    expect((await admin('bulkhead_releaseContract', ['alpha', contract])).result.hash).toMatch(/^0x/)
    expect((await call('bulkhead_sendRawTransaction', ['alpha', increment(1n)])).result).toMatch(/^0x[0-9a-f]{64}$/)
    const audit = (await call('bulkhead_getAuditLog', [{ kind: 'governance' }])).result
    expect(audit.map((entry: { action: string }) => entry.action)).toEqual(['quarantine_contract', 'release_contract'])
  })

  it('says so when the node has no governance key', async () => {
    const { admin } = await start({})
    expect((await admin('bulkhead_pauseEnvironment', ['alpha', 'x'])).error).toEqual({
      code: -32601,
      message: 'The method bulkhead_pauseEnvironment is not available: this node was started without a governance key',
    })
  })
})
