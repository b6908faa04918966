import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createMemoryStore } from '@bulkhead/core'
import { blockHash } from '@bulkhead/proto'
import { createLevelStore } from '@bulkhead/storage'
import { afterEach, describe, expect, it } from 'vitest'
import { DENOM, alice, bob, counterTransaction, governanceTransaction, openCounterChain } from '../__fixtures__/counter-chain.js'
import { ConservationError } from '../ledger/conservation-error.js'
import { createNode } from './create-node.js'

const directories: string[] = []
afterEach(async () => Promise.all(directories.splice(0).map((directory) => rm(directory, { recursive: true, force: true }))))

const send = (nonce: bigint, amount: bigint) =>
  counterTransaction('alpha', { from: alice, nonce, gasLimit: 100_000n, operation: { type: 'send', destination: 'beta', receiver: bob, amount } })

describe(createNode.name, () => {
  it('carries an asset transfer through send, deliver and acknowledge with the ledger balanced', async () => {
    const { node, router } = await openCounterChain(createMemoryStore())
    expect((await node.submit(send(0n, 500n))).status).toBe('ok')

    const first = await node.produceBlock()
    expect(first.block.receipts.map((receipt) => receipt.status)).toEqual(['ok'])
    expect(first.block.messages).toMatchObject([{ source: 'alpha', destination: 'beta', sequence: 1n, timeoutHeight: 6n }])
    const ledgerAfterSend = first.block.ledger.find((entry) => entry.denom === DENOM)
    expect(ledgerAfterSend?.inFlight).toBe(500n)
    expect(node.messages.open('alpha', 'beta', 1n)?.status).toBe('pending')

    const second = await node.produceBlock()
    expect(second.block.header.parentHash).toBe(first.block.hash)
    expect(second.block.messages).toMatchObject([{ source: 'beta', destination: 'alpha', sequence: 1n, body: { kind: 'acknowledgement', success: true } }])
    expect(second.block.ledger.find((entry) => entry.denom === DENOM)?.inFlight).toBe(0n)
    expect(await router.environment('beta').query({ method: 'balance', address: bob })).toBe(1_000_000_500n)

    await node.produceBlock()
    const record = await node.chain.message('alpha', 'beta', 1n)
    expect(record?.history.map((step) => `${step.status}@${step.height}`)).toEqual(['pending@1', 'delivered@2', 'acknowledged@3'])
    const audit = []
    for await (const entry of node.chain.audit()) audit.push(entry.kind === 'message' ? `${entry.status}@${entry.height}` : entry.kind)
    expect(audit).toEqual(['pending@1', 'delivered@2', 'acknowledged@3'])
    expect(blockHash(second.block.header)).toBe(second.block.hash)
  })

  it('admits and produces in one call: a block for an admitted transaction, none for a refused one', async () => {
    const { node } = await openCounterChain(createMemoryStore())
    const checks: string[] = []
    const first = await node.admitAndProduceBlock(send(0n, 500n), (check) => checks.push(check.status))
    expect(checks).toEqual(['ok'])
    expect(first?.block.receipts.map((receipt) => receipt.status)).toEqual(['ok'])
    expect(node.head().height).toBe(1n)

    // Refused (its nonce is spent): no block, and the message of block 1 still waits for delivery.
    const refused = await node.admitAndProduceBlock(send(0n, 1n), (check) => checks.push(check.status))
    expect(refused).toBeUndefined()
    expect(checks).toEqual(['ok', 'rejected'])
    expect(node.head().height).toBe(1n)
    expect(node.messages.open('alpha', 'beta', 1n)?.status).toBe('pending')

    // With a transaction already queued, it goes through the queue and both are in the block.
    const fromBob = counterTransaction('beta', { from: bob, nonce: 0n, gasLimit: 100_000n, operation: { type: 'send', destination: 'alpha', receiver: alice, amount: 5n } })
    expect((await node.submit(fromBob)).status).toBe('ok')
    const both = await node.admitAndProduceBlock(send(1n, 5n), (check) => checks.push(check.status))
    expect(checks).toEqual(['ok', 'rejected', 'ok'])
    expect(both?.block.transactions).toHaveLength(2)
    expect(both?.block.header.height).toBe(2n)
    expect(node.messages.open('alpha', 'beta', 1n)?.status).toBe('delivered')
  })

  it('holds messages for a paused environment, times them out and refunds the sender', async () => {
    const { node, router } = await openCounterChain(createMemoryStore())
    const before = await router.environment('alpha').query({ method: 'balance', address: alice })
    expect((await node.submit(governanceTransaction(0n, { kind: 'pause_environment', environment: 'beta', reason: 'maintenance' }))).status).toBe('ok')
    await node.produceBlock() // the pause takes effect from the next block
    expect(node.governance().paused.get('beta')).toBe('maintenance')
    await node.submit(send(0n, 700n))
    const sent = await node.produceBlock()
    const fee = sent.block.receipts[0]?.gasUsed ?? 0n
    for (let block = 0; block < 6; block++) await node.produceBlock()
    const record = await node.chain.message('alpha', 'beta', 1n)
    expect(record?.status).toBe('refunded')
    const governanceAudit = []
    for await (const entry of node.chain.audit()) if (entry.kind === 'governance') governanceAudit.push(entry)
    expect(governanceAudit).toMatchObject([{ height: 1n, action: 'pause_environment', signer: alice, detail: 'beta paused: maintenance' }])
    expect(record?.history.map((step) => step.status)).toEqual(['pending', 'timed_out', 'refunded'])
    const after = await router.environment('alpha').query({ method: 'balance', address: alice })
    expect(before - after).toBe(fee) // only the fee is gone: the 700 came back
  })

  it('restarts from LevelDB at its head and continues the chain', async () => {
    const path = await mkdtemp(join(tmpdir(), 'bulkhead-node-'))
    directories.push(path)
    const store = await createLevelStore({ path })
    const first = await openCounterChain(store)
    await first.node.submit(send(0n, 10n))
    await first.node.produceBlock()
    const head = first.node.head()
    await first.node.close()
    await store.close()

    const reopened = await createLevelStore({ path })
    const second = await openCounterChain(reopened)
    expect(second.node.head()).toMatchObject({ height: 1n, hash: head.hash })
    expect(second.node.messages.open('alpha', 'beta', 1n)?.status).toBe('pending')
    const next = await second.node.produceBlock()
    expect(next.block.header.parentHash).toBe(head.hash)
    expect(next.block.messages[0]?.body.kind).toBe('acknowledgement')
    await second.node.close()
    await reopened.close()
  })

  it('refuses to commit a block that creates value, and stays at its head', async () => {
    const store = createMemoryStore()
    const { node, router, genesis } = await openCounterChain(store)
    // The same chain, but with a ledger that believes genesis was smaller: every block now breaks it.
    const lying = await createNode({ genesis: { ...genesis, environments: genesis.environments.slice(0, 1) }, router, store: createMemoryStore() })
    await expect(lying.produceBlock()).rejects.toThrowError(ConservationError)
    await expect(lying.produceBlock()).rejects.toThrowError(/conservation of ucount: created 1000000000/)
    expect(lying.head().height).toBe(0n)
    expect((await node.produceBlock()).block.header.height).toBe(1n)
  })

  it('refuses governance transactions with a wrong signer, nonce or chain, and records none of them', async () => {
    const { node } = await openCounterChain(createMemoryStore())
    const pause = { kind: 'pause_environment', environment: 'beta', reason: '' } as const
    expect(await node.submit(governanceTransaction(1n, pause))).toMatchObject({ status: 'rejected', reason: 'governance nonce 1, expected 0' })
    expect(await node.submit(governanceTransaction(0n, pause, 1n))).toMatchObject({ status: 'rejected', reason: 'governance transaction for chain 1, this is chain 31337' })
    expect(await node.submit(governanceTransaction(0n, { kind: 'resume_environment', environment: 'gamma' }))).toMatchObject({ status: 'rejected', reason: 'unknown environment "gamma"' })
    expect(await node.submit({ environment: 'governance', payload: Uint8Array.of(1, 2, 3) })).toMatchObject({ status: 'rejected', reason: expect.stringMatching(/^malformed governance transaction/) })
    // Two in a row from the same key: the second uses the next nonce.
    expect((await node.submit(governanceTransaction(0n, pause))).status).toBe('ok')
    expect((await node.submit(governanceTransaction(1n, { kind: 'set_block_gas_limit', gasLimit: 5_000_000n }))).status).toBe('ok')
    const { block } = await node.produceBlock()
    expect(block.receipts.map((receipt) => `${receipt.environment}:${receipt.status}`)).toEqual(['governance:ok', 'governance:ok'])
    expect(node.governance()).toMatchObject({ blockGasLimit: 5_000_000n, nonces: new Map([[alice, 2n]]) })
  })

  it('reverts to a snapshot: later blocks, messages and balances are gone, and the chain continues from there', async () => {
    const { node, router } = await openCounterChain(createMemoryStore())
    await node.submit(send(0n, 10n))
    await node.produceBlock() // 1: sent
    const snapshot = node.head()
    const balanceAtSnapshot = await router.environment('beta').query({ method: 'balance', address: bob })
    await node.produceBlock() // 2: delivered
    await node.produceBlock() // 3: acknowledged
    expect(await router.environment('beta').query({ method: 'balance', address: bob })).toBe(balanceAtSnapshot + 10n)

    await node.revertTo(snapshot.height)
    expect(node.head()).toMatchObject({ height: 1n, hash: snapshot.hash })
    expect(await node.chain.block(2n)).toBeUndefined()
    expect(await router.environment('beta').query({ method: 'balance', address: bob })).toBe(balanceAtSnapshot)
    expect((await node.chain.message('alpha', 'beta', 1n))?.history.map((step) => step.status)).toEqual(['pending'])
    const audit = []
    for await (const entry of node.chain.audit()) audit.push(entry.height)
    expect(audit).toEqual([1n])

    // The same message is delivered again, exactly once, on the new branch.
    const redelivered = await node.produceBlock()
    expect(redelivered.block.header.height).toBe(2n)
    expect(redelivered.block.messages).toMatchObject([{ body: { kind: 'acknowledgement', success: true } }])
    expect(await router.environment('beta').query({ method: 'balance', address: bob })).toBe(balanceAtSnapshot + 10n)
    await expect(node.revertTo(5n)).rejects.toThrowError(/the head is block 2/)
  })
})
