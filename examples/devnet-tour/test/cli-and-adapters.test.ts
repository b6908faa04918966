import { execFile } from 'node:child_process'
import { createRequire } from 'node:module'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { promisify } from 'node:util'
import { bytesToHex } from '@bulkhead/core'
import { encodeCounterTransaction } from '@bulkhead/example-counter-adapter'
import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { BULKHEAD_CLI, startDevnetProcess, type DevnetProcess } from '../src/devnet-process.js'
import { alice, bob } from '../src/erc20-with-viem.js'

const run = promisify(execFile)
async function bulkhead(...args: string[]) {
  try {
    const { stdout, stderr } = await run(process.execPath, [BULKHEAD_CLI, ...args])
    return { code: 0, stdout, stderr }
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string }
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr }
  }
}
async function rpc(url: string, method: string, params: unknown[] = []) {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ jsonrpc: '2.0', id: 1, method, params }) })
  return (await response.json()) as { result?: any; error?: { code: number; message: string } }
}
const tokenWasm = join(dirname(createRequire(import.meta.url).resolve('@bulkhead/wasm/package.json')), 'sdk', 'build', 'token.wasm')

describe('bulkhead CLI against a running devnet', () => {
  let devnet: DevnetProcess
  beforeAll(async () => {
    devnet = await startDevnetProcess()
  })
  afterAll(async () => devnet?.stop())

  it('lists, pauses and resumes environments (the pause needs the admin token)', async () => {
    const list = await bulkhead('env', 'list', '--rpc', devnet.url)
    expect(list.stdout).toMatch(/^id\tvm\thosting\tstatus\theight/)
    expect(list.stdout).toMatch(/\nevm\tevm\tworker\thealthy\t0\t/)
    expect(list.stdout).toMatch(/\nwasm\twasm\tworker\thealthy\t0\t/)
    expect(await bulkhead('env', 'pause', 'wasm', '--rpc', devnet.url)).toMatchObject({ code: 1, stderr: expect.stringMatching(/bulkhead_pauseEnvironment failed \(-32003\)/) })
    const paused = await bulkhead('env', 'pause', 'wasm', '--reason', 'upgrade', '--admin-token', devnet.adminToken, '--rpc', devnet.url)
    expect(paused.stdout).toMatch(/^paused wasm \(governance transaction 0x[0-9a-f]{64}, block 1\)/)
    expect((await bulkhead('env', 'list', '--rpc', devnet.url)).stdout).toMatch(/\nwasm\twasm\tworker\tpaused \(upgrade\)\t/)
    expect((await bulkhead('env', 'resume', 'wasm', '--admin-token', devnet.adminToken, '--rpc', devnet.url)).code).toBe(0)
    expect((await bulkhead('env', 'list', '--rpc', devnet.url)).stdout).toMatch(/\nwasm\twasm\tworker\thealthy\t/)
  })

  it('deploys and calls a WASM contract, and sends the native asset across', async () => {
    const deployed = await bulkhead('wasm', 'deploy', tokenWasm, '--rpc', devnet.url)
    expect(deployed.code).toBe(0)
    const contract = /contract: (0x[0-9a-f]{40})/.exec(deployed.stdout)?.[1] as string
    expect(contract).toBeDefined()
    const amount = Buffer.alloc(8)
    amount.writeBigUInt64LE(5n)
    const args = `${bob.address.toLowerCase()}${amount.toString('hex')}`
    const called = await bulkhead('wasm', 'call', contract, 'transfer', '--args', args, '--rpc', devnet.url)
    expect(called.stdout).toMatch(/status: {3}ok/)
    const balance = await bulkhead('wasm', 'call', contract, 'balance_of', '--args', bob.address.toLowerCase(), '--rpc', devnet.url)
    expect(balance.stdout).toMatch(/returned: 0x0500000000000000/)
    const failing = await bulkhead('wasm', 'call', contract, 'transfer', '--args', '0x00', '--rpc', devnet.url)
    expect(failing).toMatchObject({ code: 1, stdout: expect.stringMatching(/status: {3}reverted \(.*transfer takes to/) })

    const transfer = await bulkhead('xenv', 'transfer', '--to', 'wasm', '--amount', '1000', '--receiver', bob.address, '--rpc', devnet.url)
    expect(transfer.stdout).toMatch(/sent 1000 wei from evm to wasm[\s\S]*message evm -> wasm #1: pending@\d+ -> delivered@\d+ -> acknowledged@\d+/)
  })

  it('keeps answering correctly after thousands of random requests', async () => {
    const before = (await rpc(devnet.url, 'eth_blockNumber')).result
    const methods = ['eth_getBalance', 'eth_call', 'eth_getLogs', 'eth_sendRawTransaction', 'bulkhead_call', 'bulkhead_getMessages', 'bulkhead_sendRawTransaction', 'evm_revert', 'nope']
    const request = fc.oneof(
      fc.string({ maxLength: 120 }),
      fc.record({ jsonrpc: fc.constant('2.0'), id: fc.integer(), method: fc.constantFrom(...methods), params: fc.array(fc.jsonValue(), { maxLength: 3 }) }).map((value) => JSON.stringify(value)),
      fc.array(fc.record({ jsonrpc: fc.constant('2.0'), id: fc.integer(), method: fc.constantFrom(...methods), params: fc.array(fc.string(), { maxLength: 2 }) }), { maxLength: 5 }).map((value) => JSON.stringify(value)),
    )
    const bodies = fc.sample(request, { numRuns: 2_000, seed: 7 })
    let internalErrors = 0
    for (let start = 0; start < bodies.length; start += 50) {
      const answers = await Promise.all(
        bodies.slice(start, start + 50).map(async (body) => {
          const response = await fetch(devnet.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body })
          return response.status === 204 ? '' : response.text()
        }),
      )
      internalErrors += answers.filter((answer) => answer.includes('"code":-32603')).length
    }
    expect(internalErrors).toBe(0)
    expect((await rpc(devnet.url, 'eth_chainId')).result).toBe('0x7a69')
    expect((await rpc(devnet.url, 'eth_blockNumber')).result).toBe(before)
    expect((await rpc(devnet.url, 'eth_getBalance', [alice.address, 'latest'])).result).toMatch(/^0x[0-9a-f]+$/)
  }, 120_000)
})

describe('a third-party adapter in the devnet', () => {
  it('runs the example counter VM next to EVM and WASM, from a genesis file, worker-hosted', async () => {
    const directory = await mkdtemp(join(tmpdir(), 'bulkhead-adapter-'))
    const genesisFile = join(directory, 'genesis.json')
    const allocations = { [alice.address.toLowerCase()]: '1000000000000000000000', [bob.address.toLowerCase()]: '1000000000000000000000' }
    await writeFile(
      genesisFile,
      JSON.stringify({
        chainId: 31337,
        nativeDenom: 'wei',
        governance: [alice.address],
        environments: [
          { id: 'evm', vm: 'evm', allocations },
          { id: 'wasm', vm: 'wasm', allocations },
          { id: 'counter', vm: 'counter', adapter: { module: '@bulkhead/example-counter-adapter' }, allocations },
        ],
      }),
    )
    const devnet = await startDevnetProcess(['--genesis', genesisFile])
    try {
      expect(devnet.banner).toMatch(/Environments: counter, evm, wasm \(worker hosted\)/)
      const operation = { type: 'send', destination: 'evm', receiver: bob.address.toLowerCase() as `0x${string}`, amount: 777n } as const
      const payload = bytesToHex(encodeCounterTransaction({ from: alice.address.toLowerCase() as `0x${string}`, nonce: 0n, gasLimit: 100_000n, operation }))
      const before = BigInt((await rpc(devnet.url, 'eth_getBalance', [bob.address, 'latest'])).result)
      const sent = await rpc(devnet.url, 'bulkhead_sendRawTransaction', ['counter', payload])
      expect(sent.result).toMatch(/^0x[0-9a-f]{64}$/)
      const message = (await rpc(devnet.url, 'bulkhead_getMessage', ['counter', 'evm', '0x1'])).result
      expect(message.status).toBe('acknowledged')
      expect(BigInt((await rpc(devnet.url, 'eth_getBalance', [bob.address, 'latest'])).result)).toBe(before + 777n)
      const environments = (await rpc(devnet.url, 'bulkhead_environments')).result
      expect(environments.map((environment: { id: string; vm: string; hosting: string }) => `${environment.id}/${environment.vm}/${environment.hosting}`)).toEqual([
        'counter/counter/worker',
        'evm/evm/worker',
        'wasm/wasm/worker',
      ])
      // Limits and capabilities as each worker-hosted environment reported them.
      for (const environment of environments) {
        expect(environment.limits.blockGasLimit).toMatch(/^0x[0-9a-f]+$/)
        expect(environment.capabilities).toEqual(expect.any(Object))
      }
    } finally {
      await devnet.stop()
      await rm(directory, { recursive: true, force: true })
    }
  })
})
