import { type Address, type ExecutionEnvironment, type Receipt } from '@bulkhead/core'
import { beforeAll, describe, expect, it } from 'vitest'
import { createWASMEnvironment } from './create-wasm-environment.js'
import { contractAddress } from './execution/contract-address.js'
import { compileWat, loadWat } from './__fixtures__/compile-wat.js'
import { hostileDeploy, hostileRuntime } from './__fixtures__/hostile-corpus.js'
import { GENESIS_BALANCE, SENDER, blockContext, call, deploy } from './__fixtures__/test-chain.js'

const KEY = new TextEncoder().encode('k')

/**
 * One environment for the whole corpus, as a hostile actor would meet it: every hostile
 * transaction runs in its own block, and a counter increment in the next block must succeed.
 */
describe(createWASMEnvironment.name, () => {
  let environment: ExecutionEnvironment
  let nonce = 0n
  let counter: Address

  async function block(transactions: Awaited<ReturnType<typeof deploy>>[]): Promise<Receipt[]> {
    const head = await environment.head()
    const output = await environment.runBlock({ context: blockContext(head.height + 1n), deliveries: [], transactions })
    await environment.commit()
    expect(output.end.messages).toEqual([])
    return [...output.receipts]
  }

  async function expectHealthy(): Promise<void> {
    const [receipt] = await block([await call(counter, 'increment', nonce++)])
    expect(receipt).toMatchObject({ status: 'ok' })
  }

  async function deployRuntimeCase(source: string): Promise<Address> {
    const address = contractAddress(SENDER, nonce)
    const [receipt] = await block([await deploy(compileWat(source), nonce++)])
    expect(receipt).toMatchObject({ status: 'ok' })
    return address
  }

  beforeAll(async () => {
    environment = await createWASMEnvironment({ genesis: { [SENDER]: GENESIS_BALANCE } })
    counter = contractAddress(SENDER, nonce)
    await block([await deploy(loadWat('counter'), nonce++)])
  })

  describe('refused at upload: rejected, nonce unused, state unchanged', () => {
    const cases: [string, Uint8Array | (() => Uint8Array), RegExp][] = [
      ['garbage bytes', new Uint8Array(Array.from({ length: 64 }, (_, index) => (index * 37) & 0xff)), /\(not_wasm\)/],
      ['a truncated module', () => loadWat('counter').subarray(0, 40), /\(malformed\)/],
      ['an oversized module', () => new Uint8Array([...loadWat('counter'), 0, 0x80, 0x90, 0x38, 1, 0x70, ...new Uint8Array(0x0e0800 - 2)]), /\(code_size\)/],
      ...Object.entries(hostileDeploy).map(
        ([name, fixture]) => [name, () => compileWat(fixture.source, fixture.features), new RegExp(`invalid module \\(${fixture.rule}\\)`)] as [string, () => Uint8Array, RegExp],
      ),
    ]
    it.each(cases)('%s', async (_name, code, reason) => {
      const before = await environment.head()
      const [receipt] = await block([await deploy(typeof code === 'function' ? code() : code, nonce, { gasLimit: 20_000_000n })])
      expect(receipt).toMatchObject({ status: 'rejected', gasUsed: 0n })
      expect(receipt!.reason).toMatch(reason)
      expect((await environment.head()).stateRoot).toBe(before.stateRoot)
      await expectHealthy()
    })
  })

  it('an infinite loop: out of gas, gas used = limit exactly, nothing written', async () => {
    const address = await deployRuntimeCase(hostileRuntime.infiniteLoop)
    const [receipt] = await block([await call(address, 'run', nonce++, undefined, { gasLimit: 200_000n })])
    expect(receipt).toMatchObject({ status: 'out_of_gas', gasUsed: 200_000n, events: [], messageCount: 0 })
    expect(await environment.query({ method: 'storage', address, key: KEY })).toEqual(new Uint8Array(0))
    await expectHealthy()
  })

  it('an infinite loop in the start function: out of gas, no contract created', async () => {
    const address = contractAddress(SENDER, nonce)
    const [receipt] = await block([await deploy(compileWat(hostileRuntime.infiniteStart), nonce++, { gasLimit: 300_000n })])
    expect(receipt).toMatchObject({ status: 'out_of_gas', gasUsed: 300_000n })
    expect(receipt!.contractAddress).toBeUndefined()
    expect(await environment.query({ method: 'code', address })).toEqual(new Uint8Array(0))
    await expectHealthy()
  })

  it('a memory.grow bomb stops at the 512-page cap and pays per page', async () => {
    const address = await deployRuntimeCase(hostileRuntime.growBomb)
    const [receipt] = await block([await call(address, 'run', nonce++, undefined, { gasLimit: 5_000_000n })])
    expect(receipt).toMatchObject({ status: 'ok' })
    expect(new DataView(receipt!.returnData.buffer).getUint32(0, true)).toBe(512)
    expect(receipt!.gasUsed).toBeGreaterThan(511n * 4_096n)
    const huge = await deployRuntimeCase(hostileRuntime.hugeGrow)
    const [grown] = await block([await call(huge, 'run', nonce++)])
    expect(new DataView(grown!.returnData.buffer).getInt32(0, true)).toBe(-1)
    await expectHealthy()
  })

  it('a memory.grow bomb with too little gas runs out of gas', async () => {
    const address = await deployRuntimeCase(hostileRuntime.growBomb)
    const [receipt] = await block([await call(address, 'run', nonce++, undefined, { gasLimit: 500_000n })])
    expect(receipt).toMatchObject({ status: 'out_of_gas', gasUsed: 500_000n })
    await expectHealthy()
  })

  // Traps inside contract code use the whole gas limit (schedule v2: the gas left lives in
  // locals, see README); traps a host function raises are charged exactly, like any host call.
  const traps: [keyof typeof hostileRuntime, RegExp, 'whole limit' | 'exact'][] = [
    ['deepRecursion', /call depth exceeded/, 'whole limit'],
    ['unreachable', /unreachable/, 'whole limit'],
    ['divideByZero', /divi/, 'whole limit'],
    ['outOfBounds', /out of bounds/, 'whole limit'],
    ['hostPointerOutOfBounds', /storage key out of bounds/, 'exact'],
    ['hostLengthOverflow', /storage key is 4294967295 bytes/, 'exact'],
    ['hugeKey', /storage key is 257 bytes; the limit is 256/, 'exact'],
    ['hugeValue', /storage value is 16385 bytes; the limit is 16384/, 'exact'],
    ['takesParameters', /takes parameters/, 'exact'],
  ]
  it.each(traps)('%s: trapped, nothing written', async (name, reason, charged) => {
    const address = await deployRuntimeCase(hostileRuntime[name])
    const [receipt] = await block([await call(address, 'run', nonce++)])
    expect(receipt).toMatchObject({ status: 'trapped', events: [], messageCount: 0 })
    expect(receipt!.reason).toMatch(reason)
    expect(receipt!.gasUsed).toBeGreaterThan(0n)
    if (charged === 'whole limit') expect(receipt!.gasUsed).toBe(5_000_000n)
    else expect(receipt!.gasUsed).toBeLessThan(100_000n)
    expect(await environment.query({ method: 'storage', address, key: KEY })).toEqual(new Uint8Array(0))
    await expectHealthy()
  })

  it('a contract with a large initial memory pays for it on every call', async () => {
    const address = await deployRuntimeCase(hostileRuntime.bigMemory)
    const [starved] = await block([await call(address, 'run', nonce++, undefined, { gasLimit: 1_000_000n })])
    expect(starved).toMatchObject({ status: 'out_of_gas', gasUsed: 1_000_000n })
    const [paid] = await block([await call(address, 'run', nonce++, undefined, { gasLimit: 3_000_000n })])
    expect(paid).toMatchObject({ status: 'ok' })
    expect(paid!.gasUsed).toBeGreaterThan(511n * 4_096n)
    await expectHealthy()
  })

  it('a storage-write loop runs out of gas and writes nothing', async () => {
    const address = await deployRuntimeCase(hostileRuntime.storageLoop)
    const [receipt] = await block([await call(address, 'run', nonce++, undefined, { gasLimit: 1_000_000n })])
    expect(receipt).toMatchObject({ status: 'out_of_gas', gasUsed: 1_000_000n })
    expect(await environment.query({ method: 'storage', address, key: new Uint8Array(4) })).toEqual(new Uint8Array(0))
    await expectHealthy()
  })

  it('a stdout flood runs out of gas with a capped debug log', async () => {
    const address = await deployRuntimeCase(hostileRuntime.stdoutFlood)
    const [receipt] = await block([await call(address, 'run', nonce++, undefined, { gasLimit: 2_000_000n })])
    expect(receipt).toMatchObject({ status: 'out_of_gas', gasUsed: 2_000_000n })
    const log = receipt!.extensions?.debugLog as string
    expect(log.length).toBe(4_096)
    expect(log.startsWith('flood flood')).toBe(true)
    await expectHealthy()
  })

  it('WASI calls with out-of-bounds pointers fail with EFAULT instead of reaching wasmer', async () => {
    const address = await deployRuntimeCase(hostileRuntime.wasiBadPointers)
    const [receipt] = await block([await call(address, 'run', nonce++)])
    expect(receipt).toMatchObject({ status: 'ok' })
    const view = new DataView(receipt!.returnData.buffer, receipt!.returnData.byteOffset)
    expect([view.getUint32(0, true), view.getUint32(4, true), view.getUint32(8, true)]).toEqual([21, 21, 21])
    await expectHealthy()
  })

  it('an event bomb is stopped by the event limit', async () => {
    const address = await deployRuntimeCase(hostileRuntime.eventBomb)
    const [receipt] = await block([await call(address, 'run', nonce++)])
    expect(receipt).toMatchObject({ status: 'trapped', events: [] })
    expect(receipt!.reason).toMatch(/more than 256 events/)
    await expectHealthy()
  })
})
