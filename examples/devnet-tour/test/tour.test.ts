import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { bulkheadActions } from '@bulkhead/client'
import { JsonRpcProvider, Wallet, parseEther as ethersParseEther } from 'ethers'
import {
  BaseError,
  ContractFunctionRevertedError,
  createPublicClient,
  createTestClient,
  createWalletClient,
  http,
  parseAbiItem,
  parseEther,
  webSocket,
  type Hex,
} from 'viem'
import { foundry } from 'viem/chains'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startDevnetProcess, type DevnetProcess } from '../src/devnet-process.js'
import { alice, bob, erc20WithViem, loadToken } from '../src/erc20-with-viem.js'
import { nativeRoundTrip } from '../src/native-round-trip.js'

let devnet: DevnetProcess
beforeAll(async () => {
  devnet = await startDevnetProcess()
})
afterAll(async () => devnet?.stop())

describe('bulkhead devnet, as viem and ethers see it', () => {
  it('starts with the dev accounts, environments and endpoints in its banner', () => {
    expect(devnet.banner).toMatch(/Environments: evm, wasm \(worker hosted\)/)
    expect(devnet.banner).toMatch(/\(0\) 0xf39fd6e51aad88f6f4ce6ab8827279cfffb92266 \(evm 10000, wasm 10000 ETH\)/)
    expect(devnet.banner).toMatch(/Private keys[\s\S]*\(0\) 0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80/)
    expect(devnet.adminToken).toMatch(/^[0-9a-f]{48}$/)
  })

  it('deploys an ERC-20 with viem, transfers and reads the events (the erc20 example)', async () => {
    const { deployed, transferred, bobBalance, events } = await erc20WithViem(devnet.url)
    expect(deployed.status).toBe('success')
    expect(transferred.status).toBe('success')
    expect(bobBalance).toBe(250n)
    expect(events.map((event) => [event.args.to, event.args.value])).toEqual([
      [alice.address, 1_000_000n],
      [bob.address, 250n],
    ])
  })

  it('estimates gas, and turns reverts into viem errors with the reason', async () => {
    const publicClient = createPublicClient({ chain: foundry, transport: http(devnet.url) })
    const wallet = createWalletClient({ account: bob, chain: foundry, transport: http(devnet.url) })
    const { abi, bytecode } = await loadToken()
    const hash = await wallet.deployContract({ abi, bytecode, args: ['Bob', 'BOB', 10n] })
    const token = (await publicClient.waitForTransactionReceipt({ hash })).contractAddress as Hex
    const gas = await publicClient.estimateContractGas({ address: token, abi, functionName: 'transfer', args: [alice.address, 1n], account: bob })
    expect(gas).toBeGreaterThan(21_000n)
    expect(gas).toBeLessThan(100_000n)
    const failure = await publicClient
      .simulateContract({ address: token, abi, functionName: 'transfer', args: [alice.address, 11n], account: bob })
      .catch((error: unknown) => error)
    expect(failure).toBeInstanceOf(BaseError)
    const revert = (failure as BaseError).walk((error) => error instanceof ContractFunctionRevertedError) as ContractFunctionRevertedError
    expect(revert.reason).toBe('Token: balance too low')
  })

  it('watches events through filters, and new heads over WebSocket', async () => {
    const publicClient = createPublicClient({ chain: foundry, transport: http(devnet.url), pollingInterval: 50 })
    const socketClient = createPublicClient({ chain: foundry, transport: webSocket(devnet.webSocketUrl) })
    const wallet = createWalletClient({ account: alice, chain: foundry, transport: http(devnet.url) })
    const { abi, bytecode } = await loadToken()
    const token = (await publicClient.waitForTransactionReceipt({ hash: await wallet.deployContract({ abi, bytecode, args: ['W', 'W', 100n] }) }))
      .contractAddress as Hex
    const seen: bigint[] = []
    const heads: bigint[] = []
    const stopEvents = publicClient.watchEvent({
      address: token,
      event: parseAbiItem('event Transfer(address indexed from, address indexed to, uint256 value)'),
      onLogs: (logs) => seen.push(...logs.map((log) => log.args.value as bigint)),
    })
    const stopHeads = socketClient.watchBlockNumber({ onBlockNumber: (number) => heads.push(number) })
    await new Promise((resolve) => setTimeout(resolve, 200)) // filters installed before the transfers
    for (const value of [7n, 8n]) {
      await publicClient.waitForTransactionReceipt({ hash: await wallet.writeContract({ address: token, abi, functionName: 'transfer', args: [bob.address, value] }) })
    }
    await expect.poll(() => seen, { timeout: 5_000 }).toEqual([7n, 8n])
    await expect.poll(() => heads.length, { timeout: 5_000 }).toBeGreaterThanOrEqual(2)
    stopEvents()
    stopHeads()
    await socketClient.transport.getRpcClient().then((rpc) => rpc.close())
  })

  it('takes snapshots and reverts to them (evm_snapshot, evm_revert)', async () => {
    const test = createTestClient({ chain: foundry, mode: 'anvil', transport: http(devnet.url) })
    const publicClient = createPublicClient({ chain: foundry, transport: http(devnet.url) })
    const wallet = createWalletClient({ account: alice, chain: foundry, transport: http(devnet.url) })
    const snapshot = await test.snapshot()
    const height = await publicClient.getBlockNumber()
    const before = await publicClient.getBalance({ address: bob.address })
    await publicClient.waitForTransactionReceipt({ hash: await wallet.sendTransaction({ to: bob.address, value: parseEther('3') }) })
    expect(await publicClient.getBalance({ address: bob.address })).toBe(before + parseEther('3'))
    await test.revert({ id: snapshot })
    expect(await publicClient.getBlockNumber()).toBe(height)
    expect(await publicClient.getBalance({ address: bob.address })).toBe(before)
  })

  it('answers a hash before its block, yet every read after it sees the transaction; a dropped one says why', async () => {
    const publicClient = createPublicClient({ chain: foundry, transport: http(devnet.url) })
    const wallet = createWalletClient({ account: alice, chain: foundry, transport: http(devnet.url) })
    const before = await publicClient.getBalance({ address: bob.address })
    const hash = await wallet.sendTransaction({ to: bob.address, value: 7n })
    // No waiting: the very next requests already see the mined transaction.
    expect((await publicClient.getTransactionReceipt({ hash })).status).toBe('success')
    expect(await publicClient.getBalance({ address: bob.address })).toBe(before + 7n)
    // Admission accepts a future nonce; its block then refuses the gap and the receipt request says so.
    const nonce = await publicClient.getTransactionCount({ address: alice.address })
    const gap = await wallet.sendTransaction({ to: bob.address, value: 1n, nonce: nonce + 5 })
    const failure = await publicClient.getTransactionReceipt({ hash: gap }).catch((error: unknown) => error)
    expect(String(failure)).toMatch(new RegExp(`Transaction ${gap} was dropped: .*nonce`))
    expect(await publicClient.getBalance({ address: bob.address })).toBe(before + 7n)
    // A transaction admission refuses (its nonce is spent) is an error at once, and makes no block.
    const height = await publicClient.getBlockNumber()
    const spent = wallet.sendTransaction({ to: bob.address, value: 1n, nonce: nonce - 1 })
    await expect(spent).rejects.toThrow(/nonce/i)
    expect(await publicClient.getBlockNumber()).toBe(height)
  })

  it('works with ethers too', async () => {
    // ethers answers identical requests from a 250 ms cache; this devnet mines faster than that,
    // so a cached "latest" block or "pending" nonce would be stale. No cache, as against any fast node.
    const provider = new JsonRpcProvider(devnet.url, 31337, { staticNetwork: true, cacheTimeout: -1 })
    const signer = new Wallet('0x5de4111afa1a4b94908f83103eb1f1706367c2e68ca870fc3fb9a804cdab365a', provider)
    const receiver = Wallet.createRandom().address
    const sent = await signer.sendTransaction({ to: receiver, value: ethersParseEther('1.5') })
    const receipt = await sent.wait()
    expect(receipt?.status).toBe(1)
    expect((await (await signer.sendTransaction({ to: receiver, value: 1n })).wait())?.status).toBe(1)
    expect(await provider.getBalance(receiver)).toBe(ethersParseEther('1.5') + 1n)
    expect((await provider.getBlock('latest'))?.number).toBe((receipt?.blockNumber ?? 0) + 1)
    provider.destroy()
  })

  it('moves the native asset EVM -> WASM -> EVM with the ledger balanced (the round-trip example)', async () => {
    const { ledgerBefore, ledgerAfter, toWasm, bobInWasm, returned } = await nativeRoundTrip(devnet.url)
    expect(toWasm?.status).toBe('acknowledged')
    expect(toWasm?.history.map((step) => step.status)).toEqual(['pending', 'delivered', 'acknowledged'])
    expect(bobInWasm).toBeGreaterThanOrEqual(10_000n * 10n ** 18n + parseEther('1'))
    expect(returned?.status).toBe('acknowledged')
    for (const ledger of [ledgerBefore, ledgerAfter]) {
      const [wei] = ledger.denoms
      const held = Object.values(wei?.supply ?? {}).reduce((total, amount) => total + amount, 0n)
      // Everything is accounted for: held + in flight = genesis + minted by rule − burned by rule (fees).
      expect(held + (wei?.inFlight ?? 0n)).toBe((wei?.genesis ?? 0n) + (wei?.mintedByRule ?? 0n) - (wei?.burnedByRule ?? 0n))
      expect(wei?.inFlight).toBe(0n)
    }
    const client = createPublicClient({ chain: foundry, transport: http(devnet.url) }).extend(bulkheadActions())
    const [before, after] = [ledgerBefore.denoms[0], (await client.getLedger()).denoms[0]]
    // The only asset that left the books is fees, burned by rule.
    expect(Object.values(after?.supply ?? {}).reduce((sum, amount) => sum + amount, 0n)).toBe(
      Object.values(before?.supply ?? {}).reduce((sum, amount) => sum + amount, 0n) - ((after?.burnedByRule ?? 0n) - (before?.burnedByRule ?? 0n)),
    )
  })
})

describe('bulkhead devnet --data-dir', () => {
  it('continues the chain after a restart', async () => {
    const directory = await mkdtemp(join(tmpdir(), 'bulkhead-tour-'))
    try {
      const first = await startDevnetProcess(['--data-dir', directory])
      const client = createPublicClient({ chain: foundry, transport: http(first.url) })
      const wallet = createWalletClient({ account: alice, chain: foundry, transport: http(first.url) })
      const hash = await wallet.sendTransaction({ to: bob.address, value: 1n })
      await client.waitForTransactionReceipt({ hash })
      const height = await client.getBlockNumber()
      const block = await client.getBlock({ blockNumber: height })
      await first.stop()

      const second = await startDevnetProcess(['--data-dir', directory])
      const again = createPublicClient({ chain: foundry, transport: http(second.url) })
      expect(await again.getBlockNumber()).toBe(height)
      expect((await again.getBlock({ blockNumber: height })).hash).toBe(block.hash)
      expect((await again.getTransactionReceipt({ hash })).status).toBe('success')
      const next = await createWalletClient({ account: alice, chain: foundry, transport: http(second.url) }).sendTransaction({ to: bob.address, value: 1n })
      expect((await again.waitForTransactionReceipt({ hash: next })).blockNumber).toBe(height + 1n)
      await second.stop()
    } finally {
      await rm(directory, { recursive: true, force: true })
    }
  })
})
