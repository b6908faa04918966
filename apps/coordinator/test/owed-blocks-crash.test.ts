import { spawn } from 'node:child_process'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createCounterEnvironment } from '@bulkhead/example-counter-adapter'
import { createLevelStore } from '@bulkhead/storage'
import { afterAll, describe, expect, it } from 'vitest'
import { parseGenesis, type openChain as OpenChain } from '../src/index.js'
// @ts-expect-error plain JavaScript shared with the child process
import { counterAdapterGenesis, workersIn } from './fixtures/counter-adapter-genesis.mjs'

const directories: string[] = []
afterAll(async () => Promise.all(directories.map((directory) => rm(directory, { recursive: true, force: true }))))

/** Runs the child until it has committed for `lingerMs`, kills it with SIGKILL; returns the last height it reported. */
async function runAndKill(directory: string, lingerMs: number): Promise<bigint> {
  const child = spawn(process.execPath, [join(import.meta.dirname, 'crash', 'owed-blocks-child.mjs'), directory], { stdio: ['ignore', 'pipe', 'pipe'] })
  let committed = 0n
  let errors = ''
  child.stderr.on('data', (chunk: Buffer) => (errors += chunk.toString()))
  await new Promise<void>((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => {
      for (const match of chunk.toString().matchAll(/^committed (\d+)$/gm)) committed = BigInt(match[1] as string)
      resolve()
    })
    child.once('exit', (code) => reject(new Error(`child exited (${code}) before committing: ${errors}`)))
  })
  await new Promise((resolve) => setTimeout(resolve, lingerMs))
  const exited = new Promise((resolve) => child.once('exit', resolve))
  child.kill('SIGKILL')
  await exited
  return committed
}

/** The height an environment's own store holds, read without a node. */
async function storedHeight(directory: string, id: string): Promise<bigint> {
  const store = await createLevelStore({ path: join(directory, id) })
  try {
    const environment = await createCounterEnvironment({ id, denom: 'ucount', store })
    return (await environment.head()).height
  } finally {
    await store.close()
  }
}

describe('a killed node with empty blocks owed to a worker-hosted environment', () => {
  it('runs them from the chain when it opens, and goes on', async () => {
    // The built node: its workers load the built worker entry, as the shipped program does.
    const built = new URL('../dist/index.js', import.meta.url).href
    const { openChain } = (await import(built)) as { openChain: typeof OpenChain }
    const directory = await mkdtemp(join(tmpdir(), 'bulkhead-owed-'))
    directories.push(directory)
    const genesis = parseGenesis(counterAdapterGenesis, { knownVMs: [] })
    let owedAtKill = 0n
    // A kill lands while blocks are owed unless it falls right after a catch-up (a few ms of
    // every 200): a few kills make sure at least one finds beta behind the chain.
    for (let kill = 0; kill < 4 && owedAtKill === 0n; kill++) {
      const reported = await runAndKill(directory, 150 + kill * 70)
      const betaAtKill = await storedHeight(directory, 'beta')
      const store = await createLevelStore({ path: join(directory, 'chain') })
      try {
        const { node, router } = await openChain({ genesis, store, workers: workersIn(directory) })
        const head = node.head()
        expect(head.height, 'every block reported committed survived').toBeGreaterThanOrEqual(reported)
        if (betaAtKill < head.height) owedAtKill = head.height - betaAtKill
        const chainRoot = (await node.chain.block(head.height))?.header.stateRoots.find((root) => root.environment === 'beta')?.stateRoot
        expect(await router.environment('beta').head()).toEqual({ height: head.height, stateRoot: chainRoot })
        const { block } = await node.produceBlock({ transactions: [] })
        expect(block.header.parentHash).toBe(head.hash)
        await node.close()
      } finally {
        await store.close()
      }
    }
    expect(owedAtKill, 'a kill found beta behind the chain').toBeGreaterThan(0n)
  }, 120_000)
})
