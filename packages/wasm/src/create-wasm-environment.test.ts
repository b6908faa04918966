import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { bytesToHex, type ExecutionEnvironment, type TransactionEnvelope } from '@bulkhead/core'
import { createLevelStore } from '@bulkhead/storage'
import { describe, expect, it } from 'vitest'
import { createWASMEnvironment } from './create-wasm-environment.js'
import { contractAddress } from './execution/contract-address.js'
import { compileWat, loadWat } from './__fixtures__/compile-wat.js'
import { GENESIS_BALANCE, SENDER, blockContext, call, deploy, otherAccount, signTransaction } from './__fixtures__/test-chain.js'

const counter = loadWat('counter')

async function freshEnvironment(): Promise<ExecutionEnvironment> {
  return createWASMEnvironment({ genesis: { [SENDER]: GENESIS_BALANCE } })
}

function littleEndian(bytes: Uint8Array): bigint {
  return new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getBigUint64(0, true)
}

describe(createWASMEnvironment.name, () => {
  it('deploys a contract, calls it, and keeps only successful writes', async () => {
    const environment = await freshEnvironment()
    const genesis = await environment.head()
    const address = contractAddress(SENDER, 0n)
    const output = await environment.runBlock({
      context: blockContext(1n),
      deliveries: [],
      transactions: [await deploy(counter, 0n), await call(address, 'increment', 1n), await call(address, 'fail', 2n), await call(address, 'get', 3n)],
    })
    const [deployed, incremented, failed, got] = output.receipts
    expect(deployed).toMatchObject({ status: 'ok', contractAddress: address, sender: SENDER, index: 0 })
    expect(incremented).toMatchObject({ status: 'ok', messageCount: 0 })
    expect(incremented!.events).toHaveLength(1)
    expect(failed).toMatchObject({ status: 'reverted', reason: 'boom', events: [] })
    expect(bytesToHex(failed!.returnData)).toBe(bytesToHex(new TextEncoder().encode('boom')))
    expect(got).toMatchObject({ status: 'ok' })
    expect(littleEndian(got!.returnData)).toBe(1n)
    expect(output.end.stateRoot).not.toBe(genesis.stateRoot)
    const gasTotal = output.receipts.reduce((sum, receipt) => sum + receipt.gasUsed, 0n)
    expect(output.end.gasUsed).toBe(gasTotal)
    expect(output.end.burnedByRule).toEqual({ wei: gasTotal })
    expect(output.end.supply).toEqual({ wei: GENESIS_BALANCE - gasTotal })
    await environment.commit()
    expect(await environment.query({ method: 'nonce', address: SENDER })).toBe(4n)
    expect(await environment.query({ method: 'balance', address: SENDER })).toBe(GENESIS_BALANCE - gasTotal)
    const stored = await environment.query({ method: 'storage', address, key: new TextEncoder().encode('n') })
    expect(littleEndian(stored)).toBe(1n)
    await environment.close()
  })
})

describe(`${createWASMEnvironment.name}: blocks, storage and admission`, () => {
  it('refuses calls in the wrong phase', async () => {
    const environment = await freshEnvironment()
    await expect(environment.execute([])).rejects.toMatchObject({ code: 'BLOCK_PHASE' })
    await expect(environment.beginBlock(blockContext(2n))).rejects.toMatchObject({ code: 'BLOCK_PHASE' })
    await environment.beginBlock(blockContext(1n))
    await environment.execute([])
    await expect(environment.deliver([])).rejects.toMatchObject({ code: 'BLOCK_PHASE' })
    await expect(environment.commit()).rejects.toMatchObject({ code: 'BLOCK_PHASE' })
    await environment.endBlock()
    await environment.commit()
    await environment.close()
    await expect(environment.head()).rejects.toMatchObject({ code: 'ENVIRONMENT_CLOSED' })
  })

  it('rejects bad transactions without changing anything', async () => {
    const environment = await freshEnvironment()
    const address = contractAddress(SENDER, 0n)
    const cases: [Promise<TransactionEnvelope>, RegExp][] = [
      [deploy(counter, 0n, { chainId: 1n }), /chain id 1/],
      [deploy(counter, 0n, { environment: 'evm' }), /environment "evm"/],
      [deploy(counter, 0n, { gasLimit: 40_000_000n }), /above the transaction limit/],
      [deploy(counter, 0n, { gasLimit: 1_000n }), /intrinsic gas/],
      [deploy(counter, 0n, { gasPrice: 10n ** 20n }), /balance/],
      [signTransaction({ nonce: 0n, action: { kind: 'deploy', code: counter, initArgs: new Uint8Array(0) } }, otherAccount), /balance 0/],
      [call(address, 'init', 0n), /lifecycle export/],
    ]
    for (const [envelope, reason] of cases) {
      const check = await environment.checkTransaction(await envelope)
      expect(check.status).toBe('rejected')
      expect(check.reason).toMatch(reason)
    }
    const garbage = await environment.checkTransaction({ environment: 'wasm', payload: new Uint8Array([1, 2, 3]) })
    expect(garbage).toMatchObject({ status: 'rejected' })
    expect(garbage.reason).toMatch(/decode/)
    // A tampered signature recovers another address, which has no funds and nonce 0.
    const good = await deploy(counter, 0n)
    expect(await environment.checkTransaction(good)).toMatchObject({ status: 'ok', sender: SENDER, nonce: 0n })
    // Admission lets a sender queue ahead (nonce 5 is ok); execution wants the exact next nonce.
    const ahead = await deploy(counter, 5n)
    expect(await environment.checkTransaction(ahead)).toMatchObject({ status: 'ok', nonce: 5n })
    const output = await environment.runBlock({
      context: blockContext(1n),
      deliveries: [],
      transactions: [ahead, { environment: 'wasm', payload: new Uint8Array([1, 2, 3]) }],
    })
    expect(output.receipts[0]!.reason).toMatch(/nonce 5 is not the sender's next nonce 0/)
    expect(output.receipts.map((receipt) => receipt.status)).toEqual(['rejected', 'rejected'])
    expect(output.end.stateRoot).toBe((await environment.head()).stateRoot)
    await environment.close()
  })

  it('rolls back an open block and to an earlier committed height', async () => {
    const environment = await freshEnvironment()
    const address = contractAddress(SENDER, 0n)
    await environment.runBlock({ context: blockContext(1n), deliveries: [], transactions: [await deploy(counter, 0n)] })
    const one = await environment.commit()
    await environment.runBlock({ context: blockContext(2n), deliveries: [], transactions: [await call(address, 'increment', 1n)] })
    const two = await environment.commit()
    await environment.runBlock({ context: blockContext(3n), deliveries: [], transactions: [await call(address, 'increment', 2n)] })
    expect(await environment.rollback()).toEqual(two)
    expect(await environment.query({ method: 'nonce', address: SENDER })).toBe(2n)
    expect(await environment.rollback(1n)).toEqual(one)
    expect(await environment.query({ method: 'nonce', address: SENDER })).toBe(1n)
    expect(await environment.query({ method: 'storage', address, key: new TextEncoder().encode('n') })).toEqual(new Uint8Array(0))
    await expect(environment.rollback(5n)).rejects.toMatchObject({ code: 'NOT_FOUND' })
    // Re-executing height 2 gives the same root as before: state is content-addressed.
    await environment.runBlock({ context: blockContext(2n), deliveries: [], transactions: [await call(address, 'increment', 1n)] })
    expect(await environment.commit()).toEqual(two)
    await environment.close()
  })

  it('resumes from a LevelDB store at its committed head', async () => {
    const directory = mkdtempSync(join(tmpdir(), 'bulkhead-wasm-'))
    try {
      const address = contractAddress(SENDER, 0n)
      let store = await createLevelStore({ path: directory })
      let environment = await createWASMEnvironment({ store: store.namespace('wasm'), genesis: { [SENDER]: GENESIS_BALANCE } })
      await environment.runBlock({ context: blockContext(1n), deliveries: [], transactions: [await deploy(counter, 0n), await call(address, 'increment', 1n)] })
      const committed = await environment.commit()
      await environment.close()
      await store.close()

      store = await createLevelStore({ path: directory })
      environment = await createWASMEnvironment({ store: store.namespace('wasm'), genesis: { [SENDER]: 1n } })
      expect(await environment.head()).toEqual(committed)
      const output = await environment.runBlock({ context: blockContext(2n), deliveries: [], transactions: [await call(address, 'get', 2n)] })
      expect(littleEndian(output.receipts[0]!.returnData)).toBe(1n)
      await environment.commit()
      await environment.close()
      await store.close()
    } finally {
      rmSync(directory, { recursive: true, force: true })
    }
  })

  it('is deterministic: two fresh environments give the same gas and roots', async () => {
    const address = contractAddress(SENDER, 0n)
    const transactions = [await deploy(counter, 0n), await call(address, 'increment', 1n), await call(address, 'fail', 2n)]
    const runs = await Promise.all(
      [0, 1].map(async () => {
        const environment = await freshEnvironment()
        const output = await environment.runBlock({ context: blockContext(1n), deliveries: [], transactions })
        await environment.close()
        return { gas: output.receipts.map((receipt) => receipt.gasUsed), root: output.end.stateRoot }
      }),
    )
    expect(runs[0]).toEqual(runs[1])
    // Golden: schedule v2 pins these exactly (v1 deployed the same module for 56,777).
    expect(runs[0]!.gas).toMatchInlineSnapshot(`
      [
        62477n,
        24874n,
        24231n,
      ]
    `)
  })
})

describe(`${createWASMEnvironment.name}: queries, value and WASI`, () => {
  it('answers call, estimate_gas and code queries against committed state without keeping anything', async () => {
    const environment = await freshEnvironment()
    const address = contractAddress(SENDER, 0n)
    await environment.runBlock({ context: blockContext(1n), deliveries: [], transactions: [await deploy(counter, 0n), await call(address, 'increment', 1n)] })
    const { stateRoot } = await environment.commit()
    const data = new TextEncoder().encode('increment')
    const result = await environment.query({ method: 'call', to: address, data })
    expect(result).toMatchObject({ status: 'ok' })
    expect(result.events).toHaveLength(1)
    const got = await environment.query({ method: 'call', to: address, data: new TextEncoder().encode('get') })
    expect(littleEndian(got.returnData)).toBe(1n)
    const estimate = await environment.query({ method: 'estimate_gas', to: address, data })
    expect(estimate.status).toBe('ok')
    expect(estimate.gasLimit).toBeGreaterThan(result.gasUsed)
    // The estimate is enough for the real transaction.
    const output = await environment.runBlock({ context: blockContext(2n), deliveries: [], transactions: [await call(address, 'increment', 2n, undefined, { gasLimit: estimate.gasLimit })] })
    expect(output.receipts[0]).toMatchObject({ status: 'ok' })
    await environment.rollback()
    expect((await environment.head()).stateRoot).toBe(stateRoot)
    const code = await environment.query({ method: 'code', address })
    expect(code.length).toBeGreaterThan(counter.length)
    expect(WebAssembly.Module.exports(new WebAssembly.Module(code)).map((entry) => entry.name)).toContain('__bulkhead_gas')
    await expect(environment.query({ method: 'extension', name: 'x', params: [] })).rejects.toMatchObject({ code: 'UNSUPPORTED' })
    await environment.close()
  })

  it('moves value to an address without a contract, and refuses what does not fit the block', async () => {
    const environment = await freshEnvironment()
    const target = `0x${'cd'.repeat(20)}` as const
    const output = await environment.runBlock({
      context: blockContext(1n, 6_000_000n),
      deliveries: [],
      transactions: [await call(target, 'anything', 0n, undefined, { value: 123n }), await call(target, 'anything', 1n, undefined, { gasLimit: 5_990_000n })],
    })
    expect(output.receipts[0]).toMatchObject({ status: 'ok', events: [] })
    expect(output.receipts[1]).toMatchObject({ status: 'rejected' })
    expect(output.receipts[1]!.reason).toMatch(/does not fit in the block/)
    await environment.commit()
    expect(await environment.query({ method: 'balance', address: target })).toBe(123n)
    await environment.close()
  })

  it('treats WASI proc_exit 0 as success and any other code as a revert', async () => {
    const environment = await freshEnvironment()
    const code = compileWat(`(module (import "wasi_snapshot_preview1" "proc_exit" (func $exit (param i32)))
      (import "env" "storage_set" (func $set (param i32 i32 i32 i32)))
      (memory (export "memory") 1) (data (i32.const 16) "\\01")
      (func (export "good") (call $set (i32.const 0) (i32.const 1) (i32.const 0) (i32.const 1)) (call $exit (i32.const 0)) unreachable)
      (func (export "bad") (call $set (i32.const 0) (i32.const 1) (i32.const 16) (i32.const 1)) (call $exit (i32.const 3))))`)
    const address = contractAddress(SENDER, 0n)
    const output = await environment.runBlock({
      context: blockContext(1n),
      deliveries: [],
      transactions: [await deploy(code, 0n), await call(address, 'good', 1n), await call(address, 'bad', 2n)],
    })
    expect(output.receipts.map((receipt) => [receipt.status, receipt.reason])).toEqual([
      ['ok', undefined],
      ['ok', undefined],
      ['reverted', 'exit code 3'],
    ])
    await environment.commit()
    expect(await environment.query({ method: 'storage', address, key: new Uint8Array([0]) })).toEqual(new Uint8Array([0]))
    await environment.close()
  })
})
