import {
  BlockPhaseError,
  EnvironmentClosedError,
  InvalidArgumentError,
  NotFoundError,
  UnsupportedError,
  bytesToHex,
  createMemoryStore,
  hexToBytes,
} from '@bulkhead/core'
import {
  type Abi,
  type Hex,
  decodeFunctionResult,
  encodeDeployData,
  encodeFunctionData,
  keccak256,
  parseEther,
  parseTransaction,
  serializeTransaction,
} from 'viem'
import { describe, expect, it } from 'vitest'
import { GWEI, alice, bob, carol, contextAt, contracts, genesis, mine, sign } from './__fixtures__/test-chain.js'
import { createEVMEnvironment } from './index.js'

const tokenAbi = contracts.Token.abi as Abi
const probeAbi = contracts.Probe.abi as Abi
const quiet = { logger: () => {} }
// 1,025 PUSH0: one more item than the EVM stack holds.
const STACK_BOMB = '0x000000000000000000000000000000000000dead'

async function environment() {
  return createEVMEnvironment({
    ...quiet,
    genesis: { ...genesis, [STACK_BOMB]: { code: `0x${'5f'.repeat(1025)}` } },
  })
}

async function balanceOf(env: Awaited<ReturnType<typeof environment>>, address: Hex) {
  return env.query({ method: 'balance', address })
}

async function deployToken(env: Awaited<ReturnType<typeof environment>>, nonce = 0) {
  const data = encodeDeployData({ abi: tokenAbi, bytecode: contracts.Token.bytecode as Hex, args: ['Test', 'TST', 1_000_000n] })
  const { receipts } = await mine(env, [await sign(alice, { nonce, data, gas: 2_000_000n })])
  const receipt = receipts[0]
  if (receipt?.contractAddress === undefined) throw new Error(`deploy failed: ${receipt?.status} ${receipt?.reason}`)
  return receipt.contractAddress
}

async function deployProbe(env: Awaited<ReturnType<typeof environment>>, nonce: number) {
  const { receipts } = await mine(env, [await sign(alice, { nonce, data: contracts.Probe.bytecode as Hex, gas: 3_000_000n })])
  const receipt = receipts[0]
  if (receipt?.contractAddress === undefined) throw new Error(`deploy failed: ${receipt?.status} ${receipt?.reason}`)
  return receipt.contractAddress
}

async function tokenBalance(env: Awaited<ReturnType<typeof environment>>, token: Hex, owner: Hex) {
  const result = await env.query({
    method: 'call',
    to: token,
    data: hexToBytes(encodeFunctionData({ abi: tokenAbi, functionName: 'balanceOf', args: [owner] })),
  })
  return decodeFunctionResult({ abi: tokenAbi, functionName: 'balanceOf', data: bytesToHex(result.returnData) }) as bigint
}

describe(createEVMEnvironment.name, () => {
  it('starts at genesis with its limits, capabilities and allocations', async () => {
    const env = await environment()
    expect(env.specificationVersion).toBe('v1')
    expect(env.id).toBe('evm')
    expect(env.vm).toBe('evm')
    expect(env.limits.transactionGasLimit).toBe(30_000_000n)
    expect(env.limits.maxCallDepth).toBe(1024)
    expect(env.capabilities.denoms).toEqual(['wei'])
    const head = await env.head()
    expect(head.height).toBe(0n)
    expect(head.stateRoot).toMatch(/^0x[0-9a-f]{64}$/)
    expect(await balanceOf(env, alice.address)).toBe(parseEther('1000'))
    expect(await balanceOf(env, carol.address)).toBe(0n)
    expect(await env.query({ method: 'balance', address: alice.address, denom: 'other' })).toBe(0n)
    expect((await env.health()).status).toBe('healthy')
    // The XEnv system contract is predeployed.
    expect((await env.query({ method: 'code', address: '0x0000000000000000000000000000000000000b0c' })).length).toBeGreaterThan(100)
  })

  it('gives the same genesis root for the same allocations and a different one otherwise', async () => {
    const first = await (await environment()).head()
    const second = await (await environment()).head()
    const other = await (await createEVMEnvironment({ ...quiet, genesis: { [carol.address.toLowerCase()]: { balance: 1n } } })).head()
    expect(second.stateRoot).toBe(first.stateRoot)
    expect(other.stateRoot).not.toBe(first.stateRoot)
  })

  it('runs legacy, EIP-2930 and EIP-1559 transfers with fees, burn and nonces', async () => {
    const env = await environment()
    const payloads = [
      await sign(alice, { nonce: 0, to: carol.address, value: 1n, gas: 21_000n, type: 'legacy' }),
      await sign(alice, { nonce: 1, to: carol.address, value: 2n, gas: 21_000n, type: 'eip2930' }),
      await sign(alice, { nonce: 2, to: carol.address, value: 3n, gas: 21_000n, type: 'eip1559' }),
    ]
    const { receipts, end } = await mine(env, payloads)
    expect(receipts.map((receipt) => receipt.status)).toEqual(['ok', 'ok', 'ok'])
    expect(receipts.map((receipt) => receipt.extensions?.['type'])).toEqual([0, 1, 2])
    expect(receipts.map((receipt) => receipt.extensions?.['cumulativeGasUsed'])).toEqual([21_000n, 42_000n, 63_000n])
    expect(receipts.map((receipt) => receipt.index)).toEqual([0, 1, 2])
    expect(receipts.map((receipt) => receipt.sender)).toEqual(Array(3).fill(alice.address.toLowerCase()))
    // The Ethereum transaction hash: Keccak of the signed serialization, as wallets compute it.
    expect(receipts.map((receipt) => receipt.transactionHash)).toEqual(payloads.map((payload) => keccak256(bytesToHex(payload))))
    expect(await balanceOf(env, carol.address)).toBe(6n)
    expect(await env.query({ method: 'nonce', address: alice.address })).toBe(3n)
    // Legacy/2930 pay 2 gwei, 1559 pays base fee 1 gwei + 1 gwei tip.
    const fees = 3n * 21_000n * 2n * GWEI
    expect(await balanceOf(env, alice.address)).toBe(parseEther('1000') - 6n - fees)
    expect(end.gasUsed).toBe(63_000n)
    expect(end.burnedByRule).toEqual({ wei: 63_000n * GWEI })
    // Supply: tips go to the proposer (zero address here), base fees are burned.
    expect(end.supply).toEqual({ wei: parseEther('2000') - 63_000n * GWEI })
    expect(await balanceOf(env, '0x0000000000000000000000000000000000000000')).toBe(63_000n * GWEI)
  })

  describe('rejects bad input with a precise reason and no state change', () => {
    const cases: [string, () => Promise<Uint8Array>, RegExp][] = [
      ['malformed RLP', async () => Uint8Array.of(0x02, 0xf8, 0x01), /malformed transaction/],
      ['garbage', async () => Uint8Array.of(0xc0), /malformed transaction/],
      ['unsupported type', async () => Uint8Array.of(0x03, 0xc0), /unsupported transaction type 3/],
      [
        'wrong chain id',
        () => sign(alice, { nonce: 0, to: bob.address, gas: 21_000n, chainId: 1 }),
        /wrong chain id 1; this environment is chain 31337/,
      ],
      [
        'wrong chain id (legacy)',
        () => sign(alice, { nonce: 0, to: bob.address, gas: 21_000n, chainId: 5, type: 'legacy' }),
        /wrong chain id 5/,
      ],
      ['nonce gap', () => sign(alice, { nonce: 5, to: bob.address, gas: 21_000n }), /nonce gap: the sender's next nonce is 0, the transaction has 5/],
      ['insufficient funds', () => sign(carol, { nonce: 0, to: bob.address, gas: 21_000n, value: 1n }), /insufficient funds: balance 0/],
      ['value above balance', () => sign(alice, { nonce: 0, to: bob.address, gas: 21_000n, value: parseEther('1001') }), /insufficient funds/],
      ['fee cap below base fee', () => sign(alice, { nonce: 0, to: bob.address, gas: 21_000n, maxFeePerGas: 1n, type: 'legacy' }), /fee cap 1 is below the base fee 1000000000/],
      ['gas above the transaction limit', () => sign(alice, { nonce: 0, to: bob.address, gas: 30_000_001n }), /above the transaction gas limit/],
      ['gas below intrinsic', () => sign(alice, { nonce: 0, to: bob.address, gas: 20_000n }), /intrinsic gas too low/],
      [
        'high-s signature',
        async () => {
          const transaction = {
            chainId: 31337,
            nonce: 0,
            to: bob.address,
            gas: 21_000n,
            maxFeePerGas: 3n * GWEI,
            maxPriorityFeePerGas: GWEI,
            type: 'eip1559' as const,
          }
          const signature = parseTransaction(await alice.signTransaction(transaction))
          const n = 0xfffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141n
          const highS = `0x${(n - BigInt(signature.s as Hex)).toString(16).padStart(64, '0')}` as Hex
          return hexToBytes(
            serializeTransaction(transaction, { r: signature.r as Hex, s: highS, yParity: 1 - (signature.yParity ?? 0) }),
          )
        },
        /invalid signature/i,
      ],
    ]
    for (const [name, build, reason] of cases) {
      it(name, async () => {
        const env = await environment()
        const before = await env.head()
        const payload = await build()
        const check = await env.checkTransaction({ environment: 'evm', payload })
        const { receipts, end } = await mine(env, [payload])
        const receipt = receipts[0]
        expect(receipt?.status).toBe('rejected')
        expect(receipt?.reason).toMatch(reason)
        expect(receipt?.gasUsed).toBe(0n)
        expect(end.stateRoot).toBe(before.stateRoot)
        expect(end.gasUsed).toBe(0n)
        expect(await env.query({ method: 'nonce', address: alice.address })).toBe(0n)
        // Admission agrees, except that it queues future nonces.
        if (name === 'nonce gap') expect(check.status).toBe('ok')
        else expect(check).toMatchObject({ status: 'rejected', reason: expect.stringMatching(reason) })
      })
    }

    it('nonce reuse', async () => {
      const env = await environment()
      const first = await sign(alice, { nonce: 0, to: bob.address, gas: 21_000n, value: 1n })
      await mine(env, [first])
      const before = await env.head()
      const { receipts, end } = await mine(env, [first, await sign(alice, { nonce: 0, to: carol.address, gas: 21_000n })])
      expect(receipts.map((receipt) => receipt.reason)).toEqual([
        expect.stringMatching(/nonce too low: the sender's next nonce is 1, the transaction has 0 \(already used\)/),
        expect.stringMatching(/nonce too low/),
      ])
      expect(end.stateRoot).toBe(before.stateRoot)
      expect((await env.checkTransaction({ environment: 'evm', payload: first })).reason).toMatch(/nonce too low/)
    })

    it('an engine error from inside execution (the KZG precompile has no setup here)', async () => {
      const env = await environment()
      const pointEvaluation = '0x000000000000000000000000000000000000000a'
      const bobBefore = await env.query({ method: 'balance', address: bob.address })
      const carolBefore = await env.query({ method: 'balance', address: carol.address })
      const { receipts, end } = await mine(env, [
        await sign(alice, { nonce: 0, to: bob.address, gas: 21_000n, value: 5n }),
        await sign(alice, { nonce: 1, to: pointEvaluation, gas: 100_000n, value: 1n }),
        await sign(alice, { nonce: 1, to: carol.address, gas: 21_000n, value: 7n }),
      ])
      expect(receipts.map((receipt) => receipt.status)).toEqual(['ok', 'rejected', 'ok'])
      expect(receipts[1]?.reason).toMatch(/kzg/i)
      // The block's state reached the trie: its root is readable and the next block builds on it.
      expect(await env.query({ method: 'balance', address: carol.address })).toBe(carolBefore + 7n)
      expect(await env.query({ method: 'nonce', address: alice.address })).toBe(2n)
      const next = await mine(env, [await sign(alice, { nonce: 2, to: bob.address, gas: 21_000n, value: 1n })])
      expect(next.receipts[0]?.status).toBe('ok')
      expect(next.end.stateRoot).not.toBe(end.stateRoot)
      expect(await env.query({ method: 'balance', address: bob.address })).toBe(bobBefore + 6n)
    })

    it('gas above what is left of the block gas limit', async () => {
      const env = await environment()
      await env.beginBlock(contextAt(1n, 50_000n))
      const receipts = await env.execute([
        { environment: 'evm', payload: await sign(alice, { nonce: 0, to: bob.address, gas: 30_000n }) },
        { environment: 'evm', payload: await sign(alice, { nonce: 1, to: bob.address, gas: 30_000n }) },
      ])
      expect(receipts[0]?.status).toBe('ok')
      expect(receipts[1]).toMatchObject({
        status: 'rejected',
        reason: 'gas limit 30000 is above the gas left in this block (29000)',
        index: 1,
      })
      const end = await env.endBlock()
      expect(end.gasUsed).toBe(21_000n)
    })

    it('a transaction addressed to another environment', async () => {
      const env = await environment()
      await env.beginBlock(contextAt(1n))
      const [receipt] = await env.execute([{ environment: 'wasm', payload: await sign(alice, { nonce: 0, to: bob.address, gas: 21_000n }) }])
      expect(receipt).toMatchObject({ status: 'rejected', reason: 'transaction for environment "wasm" sent to "evm"' })
    })
  })

  it('answers log queries by block range, address and topics, and blocks with full transactions', async () => {
    const env = await environment()
    const token = await deployToken(env) // block 1: the mint's Transfer from zero
    const transfer = (to: Hex, amount: bigint) => encodeFunctionData({ abi: tokenAbi, functionName: 'transfer', args: [to, amount] })
    await mine(env, [await sign(alice, { nonce: 1, to: token, data: transfer(bob.address, 1n), gas: 100_000n })]) // block 2
    await mine(env, [await sign(alice, { nonce: 2, to: token, data: transfer(carol.address, 2n), gas: 100_000n })]) // block 3
    const TRANSFER = '0xddf252ad1be2c89b69c2b068fc378daa952ba7f163c4a11628f55a4df523b3ef'
    const padded = (address: Hex) => `0x${address.slice(2).toLowerCase().padStart(64, '0')}`
    const logs = (filter: Record<string, unknown>) => env.query({ method: 'extension', name: 'logs', params: [filter] }) as Promise<Record<string, unknown>[]>

    const all = await logs({ fromBlock: 0n, address: [token] })
    expect(all.map((log) => log['blockNumber'])).toEqual(['0x1', '0x2', '0x3'])
    const toCarol = await logs({ fromBlock: 0n, topics: [TRANSFER, null, padded(carol.address)] })
    expect(toCarol).toMatchObject([{ blockNumber: '0x3', address: token, logIndex: '0x0', transactionIndex: '0x0', removed: false }])
    const toEither = await logs({ fromBlock: 2n, toBlock: 3n, topics: [null, null, [padded(bob.address), padded(carol.address)]] })
    expect(toEither).toHaveLength(2)
    expect(await logs({ fromBlock: 0n, address: [bob.address] })).toEqual([])
    await expect(logs({ fromBlock: 0n, toBlock: 20_000n })).resolves.toHaveLength(3) // clamped to the head
    await expect(env.query({ method: 'extension', name: 'logs', params: [{ fromBlock: 0n, toBlock: 10_000n }] })).resolves.toBeDefined()

    const block = (await env.query({ method: 'extension', name: 'block_by_number', params: [2n, true] })) as { transactions: { hash: string; from: string }[] }
    expect(block.transactions[0]).toMatchObject({ from: alice.address.toLowerCase() })
    const hashes = (await env.query({ method: 'extension', name: 'block_by_number', params: [2n] })) as { transactions: string[] }
    expect(hashes.transactions).toEqual([block.transactions[0]?.hash])
  })

  it('deploys an ERC-20, transfers with events, and answers calls', async () => {
    const env = await environment()
    const token = await deployToken(env)
    expect((await env.query({ method: 'code', address: token })).length).toBeGreaterThan(0)
    expect(await tokenBalance(env, token, alice.address)).toBe(1_000_000n)
    const data = encodeFunctionData({ abi: tokenAbi, functionName: 'transfer', args: [bob.address, 250n] })
    const { receipts } = await mine(env, [
      await sign(alice, { nonce: 1, to: carol.address, value: 1n, gas: 21_000n }),
      await sign(alice, { nonce: 2, to: token, data, gas: 100_000n }),
    ])
    const receipt = receipts[1]
    expect(receipt?.status).toBe('ok')
    expect(decodeFunctionResult({ abi: tokenAbi, functionName: 'transfer', data: bytesToHex(receipt?.returnData ?? new Uint8Array()) })).toBe(true)
    expect(receipt?.events).toHaveLength(1)
    const [event] = receipt?.events ?? []
    expect(event?.address).toBe(token)
    // Transfer(address indexed from, address indexed to, uint256 value)
    expect(event?.topics[0]).toBe('0xddf252ad1be2c89b69c2b068fc378daa952ba7f163c4a11628f55a4df523b3ef')
    expect(event?.topics[1]).toBe(`0x${alice.address.slice(2).toLowerCase().padStart(64, '0')}`)
    expect(event?.topics[2]).toBe(`0x${bob.address.slice(2).toLowerCase().padStart(64, '0')}`)
    expect(bytesToHex(event?.data ?? new Uint8Array())).toBe(`0x${(250n).toString(16).padStart(64, '0')}`)
    const logs = receipt?.extensions?.['logs'] as { logIndex: number; transactionIndex: number }[]
    expect(logs).toMatchObject([{ logIndex: 0, transactionIndex: 1 }])
    expect(receipt?.extensions?.['logsBloom']).not.toBe(`0x${'0'.repeat(512)}`)
    const stored = (await env.query({ method: 'extension', name: 'receipt_by_hash', params: [receipt?.transactionHash] })) as Record<string, unknown>
    expect(stored['logsBloom']).toBe(receipt?.extensions?.['logsBloom'])
    expect(stored['logs']).toMatchObject([{ address: token, logIndex: '0x0', transactionIndex: '0x1', removed: false }])
    expect(await tokenBalance(env, token, bob.address)).toBe(250n)
    expect(await tokenBalance(env, token, alice.address)).toBe(999_750n)
    const storage = await env.query({ method: 'storage', address: token, key: new Uint8Array([2]) }) // totalSupply slot (name 0, symbol 1)
    expect(bytesToHex(storage)).toBe(`0x${(1_000_000n).toString(16).padStart(64, '0')}`)
  })

  it('a revert charges gas, consumes the nonce and changes nothing else', async () => {
    const env = await environment()
    const token = await deployToken(env)
    const before = await balanceOf(env, bob.address)
    const data = encodeFunctionData({ abi: tokenAbi, functionName: 'transfer', args: [carol.address, 1n] })
    const { receipts } = await mine(env, [await sign(bob, { nonce: 0, to: token, data, gas: 100_000n })])
    const receipt = receipts[0]
    expect(receipt?.status).toBe('reverted')
    expect(receipt?.reason).toBe('revert: Token: balance too low')
    expect(receipt?.events).toEqual([])
    expect(receipt?.extensions?.['status']).toBe(0)
    expect(receipt?.gasUsed).toBeGreaterThan(21_000n)
    expect(await balanceOf(env, bob.address)).toBe(before - (receipt?.gasUsed ?? 0n) * 2n * GWEI)
    expect(await env.query({ method: 'nonce', address: bob.address })).toBe(1n)
    expect(await tokenBalance(env, token, carol.address)).toBe(0n)
  })

  it('out of gas charges the whole limit; invalid opcodes and stack overflow trap', async () => {
    const env = await environment()
    const probe = await deployProbe(env, 0)
    const { receipts } = await mine(env, [
      await sign(alice, { nonce: 1, to: probe, data: encodeFunctionData({ abi: probeAbi, functionName: 'burn' }), gas: 80_000n }),
      await sign(alice, { nonce: 2, to: probe, data: encodeFunctionData({ abi: probeAbi, functionName: 'trap' }), gas: 80_000n }),
      await sign(alice, { nonce: 3, to: STACK_BOMB, gas: 80_000n }),
    ])
    expect(receipts.map((receipt) => [receipt.status, receipt.reason])).toEqual([
      ['out_of_gas', 'out of gas'],
      ['trapped', 'invalid opcode'],
      ['trapped', 'stack overflow'],
    ])
    expect(receipts.map((receipt) => receipt.gasUsed)).toEqual([80_000n, 80_000n, 80_000n])
    const stored = await env.query({ method: 'call', to: probe, data: hexToBytes(encodeFunctionData({ abi: probeAbi, functionName: 'stored' })) })
    expect(bytesToHex(stored.returnData)).toBe(`0x${'0'.repeat(64)}`)
  })

  it('BLOCKHASH returns the hashes of committed blocks', async () => {
    const env = await environment()
    const probe = await deployProbe(env, 0)
    await mine(env, [])
    const hashOf = async (height: bigint) =>
      bytesToHex(
        (await env.query({ method: 'call', to: probe, data: hexToBytes(encodeFunctionData({ abi: probeAbi, functionName: 'hashOf', args: [height] })) }))
          .returnData,
      )
    const block = (await env.query({ method: 'extension', name: 'block_by_number', params: [1n] })) as Record<string, unknown>
    expect(await hashOf(1n)).toBe(block['hash'])
    expect(await hashOf(3n)).toBe(`0x${'00'.repeat(32)}`) // the block being built has no hash yet
  })

  it('estimates gas that is enough and calls without keeping anything', async () => {
    const env = await environment()
    const token = await deployToken(env)
    const data = hexToBytes(encodeFunctionData({ abi: tokenAbi, functionName: 'transfer', args: [bob.address, 5n] }))
    const estimate = await env.query({ method: 'estimate_gas', from: alice.address, to: token, data })
    expect(estimate.status).toBe('ok')
    expect(estimate.gasLimit).toBeGreaterThan(21_000n)
    expect(estimate.gasLimit).toBeLessThan(100_000n)
    const [call, again] = await Promise.all([
      env.query({ method: 'call', from: alice.address, to: token, data }),
      env.query({ method: 'call', from: alice.address, to: token, data }),
    ])
    expect(again).toEqual(call) // concurrent queries do not disturb each other
    expect(call.status).toBe('ok')
    expect(call.events).toHaveLength(1)
    expect(await tokenBalance(env, token, bob.address)).toBe(0n)
    const failing = await env.query({ method: 'estimate_gas', from: bob.address, to: token, data })
    expect(failing).toMatchObject({ status: 'reverted', reason: 'revert: Token: balance too low' })
    const { receipts } = await mine(env, [await sign(alice, { nonce: 1, to: token, data: bytesToHex(data), gas: estimate.gasLimit })])
    expect(receipts[0]?.status).toBe('ok')
  })

  it('stores nothing for its queries: the next block writes what it would have without them', async () => {
    const plainStore = createMemoryStore()
    const queriedStore = createMemoryStore()
    const plain = await createEVMEnvironment({ ...quiet, genesis, store: plainStore })
    const queried = await createEVMEnvironment({ ...quiet, genesis, store: queriedStore })
    const token = await deployToken(plain)
    expect(await deployToken(queried)).toBe(token)
    const data = hexToBytes(encodeFunctionData({ abi: tokenAbi, functionName: 'transfer', args: [bob.address, 5n] }))
    // Calls and estimates change balances, nonces and storage inside reverted checkpoints.
    for (const from of [alice.address, bob.address, carol.address]) {
      await queried.query({ method: 'estimate_gas', from, to: token, data })
      await queried.query({ method: 'call', from, to: token, data, value: 1n })
    }
    const next = await sign(alice, { nonce: 1, to: bob.address, value: 1n })
    await mine(plain, [next])
    await mine(queried, [next])
    const entries = async (store: typeof plainStore) => {
      let count = 0
      for await (const _ of store.entries({})) count++
      return count
    }
    expect(await entries(queriedStore)).toBe(await entries(plainStore))
    expect((await queried.head()).stateRoot).toBe((await plain.head()).stateRoot)
  })

  it('admits transactions against committed state and still checks them at execution', async () => {
    const env = await environment()
    const first = await sign(alice, { nonce: 0, to: carol.address, value: 1n, gas: 21_000n })
    const rival = await sign(alice, { nonce: 0, to: bob.address, value: 1n, gas: 21_000n })
    const check = await env.checkTransaction({ environment: 'evm', payload: first })
    expect(check).toMatchObject({ status: 'ok', sender: alice.address.toLowerCase(), nonce: 0n, gasLimit: 21_000n, to: carol.address.toLowerCase() })
    expect((await env.checkTransaction({ environment: 'evm', payload: rival })).status).toBe('ok')
    const { receipts } = await mine(env, [first, rival])
    expect(receipts[0]).toMatchObject({ status: 'ok', transactionHash: check.hash })
    // Admitted too, but its nonce was used in the meantime: execution re-checks state.
    expect(receipts[1]).toMatchObject({ status: 'rejected', reason: expect.stringMatching(/nonce too low/) })
    expect((await env.checkTransaction({ environment: 'wasm', payload: first })).status).toBe('rejected')
  })

  it('checks against committed state between blocks, in an open or ended block, and after a rollback', async () => {
    const env = await environment()
    await mine(env, [await sign(alice, { nonce: 0, to: carol.address, value: 1n, gas: 21_000n })])
    const second = { environment: 'evm', payload: await sign(alice, { nonce: 1, to: carol.address, value: 1n, gas: 21_000n }) }
    const statusOf = async () => (await env.checkTransaction(second)).status
    expect(await statusOf()).toBe('ok')
    const height = (await env.head()).height + 1n
    await env.beginBlock(contextAt(height))
    await env.execute([second])
    // The open block used nonce 1; committed state has not.
    expect(await statusOf()).toBe('ok')
    await env.endBlock()
    expect(await statusOf()).toBe('ok')
    await env.rollback()
    expect(await statusOf()).toBe('ok')
    await mine(env, [second.payload])
    expect((await env.checkTransaction(second)).reason).toMatch(/nonce too low/)
  })

  it('reads only committed state while a block is open', async () => {
    const env = await environment()
    await env.beginBlock(contextAt(1n))
    await env.execute([{ environment: 'evm', payload: await sign(alice, { nonce: 0, to: carol.address, value: 7n, gas: 21_000n }) }])
    expect(await balanceOf(env, carol.address)).toBe(0n)
    await env.endBlock()
    expect(await balanceOf(env, carol.address)).toBe(0n)
    await env.commit()
    expect(await balanceOf(env, carol.address)).toBe(7n)
  })

  it('looks transactions, receipts and blocks up by hash and number', async () => {
    const env = await environment()
    const payload = await sign(alice, { nonce: 0, to: carol.address, value: 9n, gas: 21_000n })
    const { receipts } = await mine(env, [payload])
    const hash = receipts[0]?.transactionHash as Hex
    const transaction = (await env.query({ method: 'extension', name: 'transaction_by_hash', params: [hash] })) as Record<string, unknown>
    const receipt = (await env.query({ method: 'extension', name: 'receipt_by_hash', params: [hash] })) as Record<string, unknown>
    const block = (await env.query({ method: 'extension', name: 'block_by_number', params: [1n] })) as Record<string, unknown>
    expect(transaction).toMatchObject({ hash, from: alice.address.toLowerCase(), to: carol.address.toLowerCase(), value: '0x9', blockNumber: '0x1', transactionIndex: '0x0', type: '0x2' })
    expect(receipt).toMatchObject({ transactionHash: hash, status: '0x1', gasUsed: '0x5208', cumulativeGasUsed: '0x5208', blockNumber: '0x1', outcome: 'ok' })
    expect(block).toMatchObject({ number: '0x1', transactions: [hash], gasUsed: '0x5208', stateRoot: (await env.head()).stateRoot })
    expect(receipt['blockHash']).toBe(block['hash'])
    expect(transaction['blockHash']).toBe(block['hash'])
    expect(await env.query({ method: 'extension', name: 'block_by_hash', params: [block['hash']] })).toEqual(block)
    expect(((await env.query({ method: 'extension', name: 'block_by_number', params: ['latest'] })) as Record<string, unknown>)['hash']).toBe(block['hash'])
    const genesisBlock = (await env.query({ method: 'extension', name: 'block_by_number', params: [0] })) as Record<string, unknown>
    expect(block['parentHash']).toBe(genesisBlock['hash'])
    expect(await env.query({ method: 'extension', name: 'block_number', params: [] })).toBe(1n)
    expect(await env.query({ method: 'extension', name: 'chain_id', params: [] })).toBe(31337n)
    expect(await env.query({ method: 'extension', name: 'transaction_by_hash', params: [`0x${'ab'.repeat(32)}`] })).toBeNull()
    await expect(env.query({ method: 'extension', name: 'nope', params: [] })).rejects.toBeInstanceOf(UnsupportedError)
    await expect(env.query({ method: 'extension', name: 'receipt_by_hash', params: ['0x12'] })).rejects.toBeInstanceOf(InvalidArgumentError)
  })

  it('enforces the block phases', async () => {
    const env = await environment()
    await expect(env.execute([])).rejects.toBeInstanceOf(BlockPhaseError)
    await expect(env.endBlock()).rejects.toBeInstanceOf(BlockPhaseError)
    await expect(env.beginBlock(contextAt(2n))).rejects.toBeInstanceOf(InvalidArgumentError)
    await expect(env.beginBlock({ ...contextAt(1n), parentHash: '0x1234' })).rejects.toBeInstanceOf(InvalidArgumentError)
    await expect(env.beginBlock({ ...contextAt(1n), proposer: '0xzz' })).rejects.toBeInstanceOf(InvalidArgumentError)
    await expect(env.beginBlock({ ...contextAt(1n), timestamp: -1n })).rejects.toBeInstanceOf(InvalidArgumentError)
    await env.beginBlock(contextAt(1n))
    await expect(env.beginBlock(contextAt(1n))).rejects.toBeInstanceOf(BlockPhaseError)
    await expect(env.commit()).rejects.toBeInstanceOf(BlockPhaseError)
    await env.execute([])
    await expect(env.deliver([])).rejects.toBeInstanceOf(BlockPhaseError)
    await env.endBlock()
    await expect(env.execute([])).rejects.toBeInstanceOf(BlockPhaseError)
    expect((await env.commit()).height).toBe(1n)
  })

  it('runs block methods one at a time in call order, even when the caller does not wait', async () => {
    const env = await environment()
    const payload = await sign(alice, { nonce: 0, to: carol.address, value: 3n, gas: 21_000n })
    const [, receipts, end, head] = await Promise.all([
      env.beginBlock(contextAt(1n)),
      env.execute([{ environment: 'evm', payload }]),
      env.endBlock(),
      env.commit(),
    ])
    expect(receipts[0]?.status).toBe('ok')
    expect(head).toEqual({ height: 1n, stateRoot: end.stateRoot })
    // A failing call does not block the queue.
    await expect(env.commit()).rejects.toBeInstanceOf(BlockPhaseError)
    expect(await env.rollback()).toEqual(head)
  })

  it('rolls back an open block and any committed height, forgetting later blocks', async () => {
    const env = await environment()
    const genesisHead = await env.head()
    const first = await mine(env, [await sign(alice, { nonce: 0, to: carol.address, value: 1n, gas: 21_000n })])
    const second = await mine(env, [await sign(alice, { nonce: 1, to: carol.address, value: 2n, gas: 21_000n })])
    expect(await balanceOf(env, carol.address)).toBe(3n)

    await env.beginBlock(contextAt(3n))
    await env.execute([{ environment: 'evm', payload: await sign(alice, { nonce: 2, to: carol.address, value: 4n, gas: 21_000n }) }])
    expect(await env.rollback()).toEqual({ height: 2n, stateRoot: second.end.stateRoot })

    expect(await env.rollback(1n)).toEqual({ height: 1n, stateRoot: first.end.stateRoot })
    expect(await balanceOf(env, carol.address)).toBe(1n)
    expect(await env.query({ method: 'extension', name: 'transaction_by_hash', params: [second.receipts[0]?.transactionHash] })).toBeNull()
    expect(await env.query({ method: 'extension', name: 'block_by_number', params: [2n] })).toBeNull()
    // The chain continues from height 1: the same transaction gives the same root again.
    const again = await mine(env, [await sign(alice, { nonce: 1, to: carol.address, value: 2n, gas: 21_000n })])
    expect(again.end.stateRoot).toBe(second.end.stateRoot)
    await expect(env.rollback(9n)).rejects.toBeInstanceOf(NotFoundError)
    expect(await env.rollback(0n)).toEqual(genesisHead)
    expect(await balanceOf(env, carol.address)).toBe(0n)
  })

  it('is deterministic: the same blocks give the same roots', async () => {
    const roots: string[][] = []
    for (let run = 0; run < 2; run++) {
      const env = await environment()
      const token = await deployToken(env)
      const data = encodeFunctionData({ abi: tokenAbi, functionName: 'transfer', args: [bob.address, 1n] })
      const { end } = await mine(env, [await sign(alice, { nonce: 1, to: token, data, gas: 100_000n })])
      roots.push([token, end.stateRoot])
    }
    expect(roots[1]).toEqual(roots[0])
  })

  it('refuses bad options and calls after close', async () => {
    await expect(createEVMEnvironment({ ...quiet, id: 'EVM!' })).rejects.toBeInstanceOf(InvalidArgumentError)
    await expect(createEVMEnvironment({ ...quiet, hardfork: 'berlin' })).rejects.toThrow(/before London/)
    await expect(createEVMEnvironment({ ...quiet, hardfork: 'nope' })).rejects.toThrow(/Unknown hardfork/)
    expect((await (await createEVMEnvironment({ ...quiet, hardfork: 'cancun', genesis })).head()).height).toBe(0n)
    await expect(
      createEVMEnvironment({ ...quiet, genesis: { '0x0000000000000000000000000000000000000b0c': { balance: 1n } } }),
    ).rejects.toThrow(/XEnv/)
    const env = await environment()
    await env.close()
    await expect(env.head()).rejects.toBeInstanceOf(EnvironmentClosedError)
    expect((await env.health()).status).toBe('stopped')
  })

  it('does not change the caller options', async () => {
    const options = { ...quiet, genesis }
    const frozen = JSON.stringify(options, (_, value) => (typeof value === 'bigint' ? value.toString() : value))
    await createEVMEnvironment(options)
    expect(JSON.stringify(options, (_, value) => (typeof value === 'bigint' ? value.toString() : value))).toBe(frozen)
  })
})
