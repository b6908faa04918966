import { bytesToHex, concat, createPublicClient, hexToBigInt, http, numberToHex, type Hex } from 'viem'
import { afterEach, describe, expect, it } from 'vitest'
import { ADMIN_TOKEN, GENESIS_BALANCE, alice, bob, bridgeWasm, startDevnet, tokenWasm } from './__fixtures__/devnet.js'
import { bulkheadActions } from './bulkhead-actions.js'
import { wasmContractAddress } from './wasm/wasm-contract-address.js'
import { WasmDeployError } from './wasm/wasm-deploy-error.js'

const running: { close(): Promise<void> }[] = []
afterEach(async () => Promise.all(running.splice(0).map((devnet) => devnet.close())))

async function start() {
  const devnet = await startDevnet()
  running.push(devnet)
  const client = createPublicClient({ transport: http(devnet.url) }).extend(bulkheadActions())
  const admin = createPublicClient({ transport: http(devnet.url, { fetchOptions: { headers: { authorization: `Bearer ${ADMIN_TOKEN}` } } }) }).extend(bulkheadActions())
  return { devnet, client, admin }
}

/** A u64 as 8 little-endian bytes, the token's amount format. */
const u64 = (value: bigint): Hex => `0x${numberToHex(value, { size: 8 }).slice(2).match(/../g)?.reverse().join('')}`
const fromU64 = (value: Hex) => hexToBigInt(`0x${value.slice(2).match(/../g)?.reverse().join('')}`)

describe(bulkheadActions.name, () => {
  it('lists environments with typed fields', async () => {
    const { client } = await start()
    const environments = await client.getEnvironments()
    expect(environments.map((environment) => [environment.id, environment.vm, environment.status])).toEqual([
      ['evm', 'wasm', 'healthy'],
      ['wasm', 'wasm', 'healthy'],
    ])
    expect(environments[0]?.head.height).toBe(0n)
    expect(environments[0]?.counters?.gasUsed).toBe(0n)
    // viem's own actions are untouched by the extension.
    expect(await client.getChainId()).toBe(31337)
  })

  it('deploys, calls and reads a WASM contract signed by a viem account', async () => {
    const { client } = await start()
    const code = await tokenWasm()
    const deployed = await client.deployWasmContract({ account: alice, code })
    expect(deployed.receipt).toMatchObject({ status: 'ok', environment: 'wasm', sender: alice.address.toLowerCase(), blockHeight: 1n })
    expect(deployed.contractAddress).toBe(wasmContractAddress({ deployer: alice.address, nonce: 0n }))
    expect(typeof deployed.receipt.gasUsed).toBe('bigint')

    const before = await client.readWasmContract({ contract: deployed.contractAddress, function: 'balance_of', args: alice.address })
    expect(before.status).toBe('ok')
    expect(fromU64(before.returnData)).toBe(1_000_000n)

    const transfer = await client.callWasmContract({ account: alice, contract: deployed.contractAddress, function: 'transfer', args: concat([bob.address, u64(250n)]) })
    expect(transfer.receipt.status).toBe('ok')
    expect(transfer.receipt.events).toHaveLength(1)
    expect(transfer.receipt.events[0]?.data).toBe(u64(250n))
    const bobBalance = await client.readWasmContract({ contract: deployed.contractAddress, function: 'balance_of', args: bob.address })
    expect(fromU64(bobBalance.returnData)).toBe(250n)
    expect(await client.queryEnvironment({ environment: 'wasm', request: { method: 'nonce', address: alice.address } })).toBe(2n)

    // A revert is a receipt, not an exception.
    const tooMuch = await client.callWasmContract({ account: alice, contract: deployed.contractAddress, function: 'transfer', args: concat([bob.address, u64(10n ** 9n)]) })
    expect(tooMuch.receipt).toMatchObject({ status: 'reverted', reason: 'insufficient balance' })

    const block = await client.getBulkheadBlock({ height: transfer.receipt.blockHeight })
    expect(block).toMatchObject({ height: 2n, hash: transfer.receipt.blockHash, transactions: [transfer.hash], messageCount: 0 })
    expect(block?.stateRoots.map((root) => root.environment)).toEqual(['evm', 'wasm'])
    expect((await client.getBulkheadBlock())?.height).toBe(3n)
  })

  it('throws WasmDeployError for a deploy that is mined without creating a contract', async () => {
    const { client } = await start()
    // One gas short of what a successful deploy of the same module uses: past the intrinsic
    // cost (payload, instrumentation, stored code), it runs out inside `init`.
    const code = await tokenWasm()
    const complete = await client.deployWasmContract({ account: alice, code })
    const attempt = client.deployWasmContract({ account: alice, code, gasLimit: complete.receipt.gasUsed - 1n })
    await expect(attempt).rejects.toBeInstanceOf(WasmDeployError)
    await expect(attempt).rejects.toMatchObject({ receipt: { status: 'out_of_gas' } })
  })

  it('moves native value from WASM to another environment and follows the message and the ledger', async () => {
    const { client, devnet } = await start()
    const bridge = await client.deployWasmContract({ account: alice, code: await bridgeWasm() })
    const sent = await client.transferFromWasm({ account: alice, bridge: bridge.contractAddress, receiver: bob.address, amount: 1_000n })
    expect(sent.receipt.status).toBe('ok')
    expect(sent.messages).toHaveLength(1)
    expect(sent.messages[0]).toMatchObject({ status: 'pending', message: { source: 'wasm', destination: 'evm', sequence: 1n, body: { kind: 'asset_transfer', amount: 1_000n, denom: 'wei' } } })
    expect((await client.getLedger()).denoms[0]?.inFlight).toBe(1_000n)

    await devnet.mine()
    await devnet.mine()
    const settled = await client.getMessage({ source: 'wasm', destination: 'evm', sequence: 1n })
    expect(settled?.history.map((step) => [step.status, step.height])).toEqual([
      ['pending', 2n],
      ['delivered', 3n],
      ['acknowledged', 4n],
    ])
    expect(await client.queryEnvironment({ environment: 'evm', request: { method: 'balance', address: bob.address } })).toBe(GENESIS_BALANCE + 1_000n)

    const ledger = await client.getLedger()
    const wei = ledger.denoms[0]
    expect(ledger.height).toBe(4n)
    expect(wei?.inFlight).toBe(0n)
    const held = Object.values(wei?.supply ?? {}).reduce((sum, amount) => sum + amount, 0n)
    expect(held).toBe((wei?.genesis ?? 0n) + (wei?.mintedByRule ?? 0n) - (wei?.burnedByRule ?? 0n))
    expect(wei?.burnedByRule).toBe(bridge.receipt.gasUsed + sent.receipt.gasUsed) // the fees, at gas price 1

    expect((await client.getMessages({ destination: 'evm', status: 'acknowledged' })).map((record) => record.message.sequence)).toEqual([1n])
    const audit = await client.getAuditLog({ kind: 'message' })
    expect(audit.map((entry) => (entry.kind === 'message' ? [entry.status, entry.height, entry.sequence] : undefined))).toEqual([
      ['pending', 2n, 1n],
      ['delivered', 3n, 1n],
      ['acknowledged', 4n, 1n],
    ])
  })

  it('surfaces refusals as JSON-RPC errors with the code and the reason', async () => {
    const { client } = await start()
    await expect(client.sendEnvironmentTransaction({ environment: 'wasm', data: '0x0102' })).rejects.toMatchObject({ code: -32000, details: expect.stringMatching(/^Transaction rejected: /) })
    await expect(client.sendEnvironmentTransaction({ environment: 'nowhere', data: '0x' })).rejects.toMatchObject({
      code: -32602,
      details: 'Invalid params: argument 0 must be a known environment (evm, wasm, governance), got "nowhere"',
    })
    // A future nonce is admitted and queued, then refused in the block: the error says so
    // (the transaction would otherwise vanish without a receipt) and the block holds nothing.
    await expect(client.callWasmContract({ account: alice, contract: bob.address, function: 'x', nonce: 5n })).rejects.toMatchObject({
      code: -32000,
      details: expect.stringMatching(/^Transaction rejected in block 1: nonce 5 is not the sender's next nonce 0/),
    })
    expect(await client.getBulkheadBlock()).toMatchObject({ height: 1n, transactionCount: 0 })
    expect(await client.getReceipt({ hash: `0x${'00'.repeat(32)}` })).toBeNull()
  })

  it('pauses, resumes, quarantines and releases with the admin token', async () => {
    const { client, admin } = await start()
    await expect(client.pauseEnvironment({ environment: 'evm', reason: 'upgrade' })).rejects.toMatchObject({ code: -32003 })
    const paused = await admin.pauseEnvironment({ environment: 'evm', reason: 'upgrade' })
    expect(paused.height).toBe(1n)
    expect((await client.getEnvironments()).find((environment) => environment.id === 'evm')).toMatchObject({ status: 'paused', detail: 'upgrade' })
    expect((await client.getReceipt({ hash: paused.hash }))?.environment).toBe('governance')
    await admin.resumeEnvironment({ environment: 'evm' })
    expect((await client.getEnvironments()).find((environment) => environment.id === 'evm')?.status).toBe('healthy')
    const governance = await client.getAuditLog({ kind: 'governance' })
    expect(governance.map((entry) => (entry.kind === 'governance' ? entry.action : ''))).toEqual(['pause_environment', 'resume_environment'])

    const quarantined = await admin.quarantineContract({ environment: 'wasm', contract: bob.address, blocks: 10n, reason: 'under review' })
    expect(quarantined.hash).toMatch(/^0x[0-9a-f]{64}$/)
    await admin.releaseContract({ environment: 'wasm', contract: bob.address })
    const actions = (await client.getAuditLog({ kind: 'governance' })).map((entry) => (entry.kind === 'governance' ? entry.action : ''))
    expect(actions.slice(2)).toEqual(['quarantine_contract', 'release_contract'])
  })

  it('waits for the receipt when the node mines on its own schedule', async () => {
    const devnet = await startDevnet({ automine: false })
    running.push(devnet)
    const client = createPublicClient({ transport: http(devnet.url), pollingInterval: 20 }).extend(bulkheadActions())
    const later = new Promise((resolve) => setTimeout(resolve, 150)).then(() => devnet.mine())
    const started = Date.now()
    const deployed = await client.deployWasmContract({ account: alice, code: await tokenWasm() })
    expect(Date.now() - started).toBeGreaterThanOrEqual(140)
    expect(deployed.receipt).toMatchObject({ status: 'ok', blockHeight: 1n })
    await later
    // Admin methods answer before the block: the hash, no height.
    const admin = createPublicClient({ transport: http(devnet.url, { fetchOptions: { headers: { authorization: `Bearer ${ADMIN_TOKEN}` } } }) }).extend(bulkheadActions())
    const paused = await admin.pauseEnvironment({ environment: 'evm' })
    expect(paused.height).toBeUndefined()
    expect(await client.getReceipt({ hash: paused.hash })).toBeNull()
    await devnet.mine()
    expect((await client.getReceipt({ hash: paused.hash }))?.status).toBe('ok')
    await expect(client.waitForReceipt({ hash: `0x${'00'.repeat(32)}`, timeout: 50 })).rejects.toThrow(/not in a block yet/)
  })

  it('estimates gas and reads code through queryEnvironment', async () => {
    const { client } = await start()
    const token = await client.deployWasmContract({ account: alice, code: await tokenWasm() })
    const estimate = await client.queryEnvironment({
      environment: 'wasm',
      request: { method: 'estimate_gas', from: alice.address, to: token.contractAddress, data: concat([bytesToHex(new TextEncoder().encode('transfer')), '0x00', bob.address, u64(1n)]) },
    })
    expect(estimate.status).toBe('ok')
    expect(estimate.gasLimit).toBeGreaterThan(21_000n)
    expect((await client.queryEnvironment({ environment: 'wasm', request: { method: 'code', address: token.contractAddress } })).length).toBeGreaterThan(2)
    expect(await client.queryEnvironment({ environment: 'wasm', request: { method: 'code', address: bob.address } })).toBe('0x')
  })

  it('takes code and arguments as hex as well as bytes', async () => {
    const { client } = await start()
    const deployed = await client.deployWasmContract({ account: alice, code: bytesToHex(await tokenWasm()), chainId: 31337n })
    const balance = await client.readWasmContract({ contract: deployed.contractAddress, function: 'balance_of', args: new Uint8Array(Buffer.from(alice.address.slice(2), 'hex')) })
    expect(fromU64(balance.returnData)).toBe(1_000_000n)
  })
})
