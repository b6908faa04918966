import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createMemoryStore, type Hash, type Receipt } from '@bulkhead/core'
import { blockHash, type BlockHeader } from '@bulkhead/proto'
import { createLevelStore } from '@bulkhead/storage'
import { afterEach, describe, expect, it } from 'vitest'
import type { MessageRecord } from '../messages/message-record.js'
import { initialGovernanceState } from '../governance/governance-state.js'
import { createChainStore, type ChainState, type StoredBlock } from './chain-store.js'

const genesis = `0x${'99'.repeat(32)}` as Hash
const directories: string[] = []
afterEach(async () => Promise.all(directories.splice(0).map((directory) => rm(directory, { recursive: true, force: true }))))

function blockAt(height: bigint, parentHash: Hash): StoredBlock {
  const header: BlockHeader = {
    height,
    parentHash,
    timestamp: 1_000n + height,
    stateRoots: [{ environment: 'evm', stateRoot: `0x${'11'.repeat(32)}` }],
    messageRoot: `0x${'22'.repeat(32)}`,
    transactionRoot: `0x${'33'.repeat(32)}`,
    proposer: `0x${'00'.repeat(20)}`,
  }
  const receipt: Receipt = {
    transactionHash: `0x${height.toString(16).padStart(64, '0')}`,
    environment: 'evm',
    index: 0,
    status: 'ok',
    gasUsed: 21_000n,
    returnData: Uint8Array.of(1, 2),
    events: [],
    messageCount: 0,
    extensions: { cumulativeGasUsed: 21_000n },
  }
  return {
    header,
    hash: blockHash(header),
    transactions: [{ environment: 'evm', payload: Uint8Array.of(Number(height)) }],
    receipts: [receipt],
    messages: [],
    ledger: [{ denom: 'wei', supply: { evm: 5n }, inFlight: 0n, genesis: 5n, mintedByRule: 0n, burnedByRule: 0n }],
    segments: [{ environment: 'evm', status: 'ok' }],
  }
}

const record: MessageRecord = {
  message: {
    source: 'evm',
    destination: 'wasm',
    sequence: 1n,
    timeoutHeight: 9n,
    originTransaction: `0x${'ab'.repeat(32)}`,
    body: { kind: 'asset_transfer', denom: 'wei', amount: 3n, sender: `0x${'aa'.repeat(20)}`, receiver: `0x${'bb'.repeat(20)}`, memo: '' },
  },
  hash: `0x${'cd'.repeat(32)}`,
  status: 'pending',
  history: [{ status: 'pending', height: 1n }],
}

const state: ChainState = {
  messageBook: { nextSequences: new Map([['evm/wasm', 2n]]), open: [record] },
  ledger: { genesis: new Map([['wei', 5n]]), mintedByRule: new Map(), burnedByRule: new Map([['wei', 1n]]) },
  governance: { ...initialGovernanceState(30_000_000n), paused: new Map([['wasm', 'maintenance']]), nonces: new Map([[`0x${'aa'.repeat(20)}` as const, 2n]]) },
  circuitBreaker: [{ environment: 'evm', contract: `0x${'cc'.repeat(20)}`, heights: [3n], total: 4, until: 9n }],
}

describe(createChainStore.name, () => {
  it('starts empty, commits blocks atomically and reads everything back after a reopen', async () => {
    const path = await mkdtemp(join(tmpdir(), 'bulkhead-chain-'))
    directories.push(path)
    const first = await createLevelStore({ path })
    const chain = createChainStore(first.namespace('chain'))
    expect(await chain.open(genesis)).toBeUndefined()
    const one = blockAt(1n, `0x${'00'.repeat(32)}`)
    await chain.commitBlock(one, state, { records: [record], audit: [{ kind: 'message', height: 1n, source: 'evm', destination: 'wasm', sequence: 1n, hash: record.hash, status: 'pending' }] })
    const two = blockAt(2n, one.hash)
    await chain.commitBlock(two, state, { records: [], audit: [] })
    await first.close()

    const second = await createLevelStore({ path })
    const reopened = createChainStore(second.namespace('chain'))
    expect(await reopened.open(genesis)).toMatchObject({ height: 2n, hash: two.hash })
    expect(await reopened.block(1n)).toEqual(one)
    expect(await reopened.blockByHash(two.hash)).toEqual(two)
    expect(await reopened.transactionLocation(two.receipts[0]?.transactionHash as Hash)).toEqual({ height: 2n, index: 0 })
    expect(await reopened.message('evm', 'wasm', 1n)).toEqual(record)
    expect(await reopened.state()).toEqual(state)
    const audit = []
    for await (const entry of reopened.audit()) audit.push(entry)
    expect(audit).toMatchObject([{ kind: 'message', height: 1n, status: 'pending' }])
    await second.close()
  })

  it('refuses a directory of another chain', async () => {
    const store = createMemoryStore()
    await createChainStore(store).open(genesis)
    await expect(createChainStore(store).open(`0x${'98'.repeat(32)}`)).rejects.toThrowError(/belongs to another chain/)
  })

  it('refuses a half-written directory instead of resetting it', async () => {
    const store = createMemoryStore()
    await store.batch([{ type: 'put', key: new TextEncoder().encode('body/00000000000000000001'), value: Uint8Array.of(1) }])
    await expect(createChainStore(store).open(genesis)).rejects.toThrowError(/holds data but no format marker/)
    expect(await store.get(new TextEncoder().encode('body/00000000000000000001'))).toEqual(Uint8Array.of(1))
  })

  it('names what is corrupt: a head pointing at a missing block, a header that does not decode', async () => {
    const store = createMemoryStore()
    const chain = createChainStore(store)
    await chain.open(genesis)
    const one = blockAt(1n, `0x${'00'.repeat(32)}`)
    await chain.commitBlock(one, state, { records: [], audit: [] })
    const encoder = new TextEncoder()
    await store.batch([{ type: 'put', key: encoder.encode('header/00000000000000000001'), value: Uint8Array.of(0xff, 0xff) }])
    await expect(createChainStore(store).open(genesis)).rejects.toThrowError(/the header of block 1 does not decode/)
    await store.batch([{ type: 'delete', key: encoder.encode('header/00000000000000000001') }])
    await expect(createChainStore(store).open(genesis)).rejects.toThrowError(/the head points at block 1, which is missing/)
  })
})
