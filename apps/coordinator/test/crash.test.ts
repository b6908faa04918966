import { spawn } from 'node:child_process'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { createEnvironment } from '@bulkhead/example-counter-adapter'
import { createLevelStore } from '@bulkhead/storage'
import { afterAll, describe, expect, it } from 'vitest'
import { openChain, parseGenesis } from '../src/index.js'
// @ts-expect-error plain JavaScript shared with the child process
import { genesisDocument } from './crash/crash-genesis.mjs'

const here = dirname(fileURLToPath(import.meta.url))
const KILLS = Number(process.env.BULKHEAD_CRASH_KILLS ?? 20)
const directories: string[] = []
afterAll(async () => Promise.all(directories.map((directory) => rm(directory, { recursive: true, force: true }))))

/** Starts the child, lets it commit for a random while, kills it with SIGKILL; returns the last height it reported committed. */
async function runAndKill(dataDirectory: string, lingerMs: number): Promise<bigint> {
  const child = spawn(process.execPath, [join(here, 'crash', 'crash-child.mjs'), dataDirectory], { stdio: ['ignore', 'pipe', 'pipe'] })
  let committed = 0n
  let errors = ''
  child.stderr.on('data', (chunk: Buffer) => (errors += chunk.toString()))
  const firstBlock = new Promise<void>((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => {
      for (const line of chunk.toString().split('\n')) {
        const match = /^committed (\d+)$/.exec(line)
        if (match) committed = BigInt(match[1] as string)
      }
      resolve()
    })
    child.once('exit', (code) => reject(new Error(`child exited (${code}) before committing: ${errors}`)))
  })
  await firstBlock
  await new Promise((resolve) => setTimeout(resolve, lingerMs))
  const exited = new Promise((resolve) => child.once('exit', resolve))
  child.kill('SIGKILL')
  await exited
  return committed
}

describe('crash safety', () => {
  it(`restarts at a committed block with every invariant intact after ${KILLS} kill -9s`, async () => {
    const dataDirectory = await mkdtemp(join(tmpdir(), 'bulkhead-crash-'))
    directories.push(dataDirectory)
    const { accounts: _, ...document } = genesisDocument as Record<string, unknown>
    const genesis = parseGenesis(document, { knownVMs: ['counter'] })
    let previousHead = 0n
    for (let kill = 0; kill < KILLS; kill++) {
      // Seeded spread of kill points: 0–250 ms into a run of back-to-back block commits.
      const reported = await runAndKill(dataDirectory, (kill * 37) % 251)
      const store = await createLevelStore({ path: dataDirectory })
      try {
        // Opening checks the directory (format, genesis, head block) and rolls environments back to the head.
        const { node } = await openChain({ genesis, store, factoryFor: () => createEnvironment })
        const head = node.head()
        expect(head.height, 'every block reported committed survived').toBeGreaterThanOrEqual(reported)
        expect(head.height).toBeGreaterThanOrEqual(previousHead)
        expect((await node.chain.block(head.height))?.hash).toBe(head.hash)
        // One more block runs the full ledger check (conservation over every environment plus
        // what is in flight) and the delivery of whatever the killed node left pending.
        const { block } = await node.produceBlock({ transactions: [] })
        expect(block.header.parentHash).toBe(head.hash)
        for (const message of node.messages.snapshot().open) expect(await node.chain.message(message.message.source, message.message.destination, message.message.sequence)).toBeDefined()
        previousHead = block.header.height
        await node.close()
      } finally {
        await store.close()
      }
    }
    expect(previousHead).toBeGreaterThan(BigInt(KILLS))
  }, 300_000)
})
