import { execFile } from 'node:child_process'
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { encodeCounterTransaction } from '@bulkhead/example-counter-adapter'
import { createLevelStore } from '@bulkhead/storage'
import { afterAll, describe, expect, it } from 'vitest'
import { openNodeFromDirectory } from '../src/cli/open-node-from-directory.js'
import { BUILTIN_FACTORIES } from '../src/node/builtin-factories.js'
import { openDataDirectory } from '../src/storage/data-directory.js'
// @ts-expect-error plain JavaScript shared with the owed-blocks crash test's child process
import { counterAdapterGenesis } from './fixtures/counter-adapter-genesis.mjs'

const run = promisify(execFile)
const cli = join(import.meta.dirname, '..', 'dist', 'cli.js')
const alice = '0xf39fd6e51aad88f6f4ce6ab8827279cfffb92266'
const bob = '0x70997970c51812dc3a010c7d01b50e0d17dc79c8'
const directories: string[] = []
afterAll(async () => Promise.all(directories.map((directory) => rm(directory, { recursive: true, force: true }))))

async function bulkhead(...args: string[]) {
  try {
    const { stdout, stderr } = await run(process.execPath, [cli, ...args])
    return { code: 0, stdout, stderr }
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string }
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr }
  }
}

/** A data directory whose genesis names the example adapter by package, with `blocks` blocks of transfers. */
async function chainOnDisk(blocks: number) {
  const root = await mkdtemp(join(tmpdir(), 'bulkhead-dir-'))
  directories.push(root)
  const genesisFile = join(root, 'genesis.json')
  await writeFile(genesisFile, JSON.stringify(counterAdapterGenesis))
  const path = join(root, 'data')
  const directory = await openDataDirectory({ path, genesisFile, knownVMs: Object.keys(BUILTIN_FACTORIES) })
  const { node } = await openNodeFromDirectory(directory, 'stored')
  for (let nonce = 0n; nonce < BigInt(blocks); nonce++) {
    const operation = { type: 'send', destination: 'beta', receiver: bob, amount: nonce + 1n } as const
    const payload = encodeCounterTransaction({ from: alice, nonce, gasLimit: 100_000n, operation })
    await node.produceBlock({ transactions: [{ environment: 'alpha', payload }] })
  }
  await node.close()
  await directory.close()
  return { path, genesisFile, root }
}

describe('bulkhead replay and audit on a data directory', () => {
  it('replays a stored chain block by block and finds it equal', async () => {
    const { path } = await chainOnDisk(12)
    const result = await bulkhead('replay', '--data-dir', path)
    expect(result.stdout).toBe('all 12 blocks match: every receipt, state root, message root and transaction root\n')
    expect(result.stderr).toMatch(/replaying block 12\/12 \(100%/)
    expect(result.code).toBe(0)
  })

  it('names the block, environment and transaction of a tampered receipt', async () => {
    const { path } = await chainOnDisk(6)
    const store = await createLevelStore({ path: join(path, 'chain') })
    const chain = store.namespace('chain')
    const key = new TextEncoder().encode('body/00000000000000000004')
    const body = new TextDecoder().decode(await chain.get(key))
    await chain.batch([{ type: 'put', key, value: new TextEncoder().encode(body.replace(/"gasUsed":\{"\$n":"(\d+)"\}/, '"gasUsed":{"$n":"1"}')) }])
    await store.close()
    const result = await bulkhead('replay', '--data-dir', path)
    expect(result.code).toBe(1)
    expect(result.stdout).toMatch(/^diverged at block 4 \(3 blocks matched before it\)\n  what: receipt\n  environment: alpha\n  transaction: #0 0x[0-9a-f]{64}\n  stored:   ok, gas 1\n  replayed: ok, gas \d+\n$/)
  })

  it('exports the audit log as JSON lines', async () => {
    const { path, root } = await chainOnDisk(3)
    const out = join(root, 'audit.jsonl')
    const result = await bulkhead('audit', 'export', '--data-dir', path, '--out', out)
    expect(result.code).toBe(0)
    const lines = (await readFile(out, 'utf8')).trim().split('\n').map((line) => JSON.parse(line))
    expect(lines.map((line) => `${line.status}@${line.height.$n}`)).toEqual([
      'pending@1', 'delivered@2', 'pending@2', 'acknowledged@3', 'delivered@3', 'pending@3',
    ])
    expect(result.stderr).toBe(`wrote 6 audit entries to ${out}\n`)
  })

  it('refuses a directory without a chain, and one of another chain, with a clear error', async () => {
    const { path, root } = await chainOnDisk(1)
    const empty = await bulkhead('replay', '--data-dir', join(root, 'nothing-here'))
    expect(empty).toMatchObject({ code: 1, stderr: expect.stringMatching(/^error STORAGE: .*holds no chain yet\n  Pass --genesis FILE/) })
    const otherGenesis = join(root, 'other.json')
    await writeFile(otherGenesis, JSON.stringify({ chainId: 5, governance: [alice], environments: [{ id: 'alpha', vm: 'counter', adapter: { module: '@bulkhead/example-counter-adapter' } }] }))
    await expect(openDataDirectory({ path, genesisFile: otherGenesis, knownVMs: [] })).rejects.toThrowError(/belongs to another chain/)
    expect((await bulkhead('replay')).code).toBe(2)
  })
})
