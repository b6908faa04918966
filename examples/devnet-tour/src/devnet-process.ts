// Starts `bulkhead devnet` as a real child process, as a user would, and waits until it serves.
import { spawn } from 'node:child_process'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'

const coordinatorDirectory = dirname(createRequire(import.meta.url).resolve('@bulkhead/coordinator/package.json'))
/** The built `bulkhead` command line. */
export const BULKHEAD_CLI = join(coordinatorDirectory, 'dist', 'cli.js')

export interface DevnetProcess {
  readonly url: string
  readonly webSocketUrl: string
  readonly adminToken: string
  /** Milliseconds from spawning the process to its first JSON-RPC answer. */
  readonly startupMs: number
  /** Everything it printed on stdout (the banner). */
  readonly banner: string
  stop(): Promise<void>
}

/** `bulkhead devnet --port 0 …args`; resolves once `eth_chainId` answers. */
export async function startDevnetProcess(args: readonly string[] = []): Promise<DevnetProcess> {
  const started = performance.now()
  const child = spawn(process.execPath, [BULKHEAD_CLI, 'devnet', '--port', '0', ...args], { stdio: ['ignore', 'pipe', 'pipe'] })
  let banner = ''
  let errors = ''
  child.stderr.on('data', (chunk: Buffer) => (errors += chunk.toString()))
  const url = await new Promise<string>((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => {
      banner += chunk.toString()
      const match = /Listening on (http:\/\/\S+)/.exec(banner)
      if (match) resolve(match[1] as string)
    })
    child.once('exit', (code) => reject(new Error(`bulkhead devnet exited (${code}) before listening:\n${errors}`)))
  })
  await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"jsonrpc":"2.0","id":1,"method":"eth_chainId"}' })
  const startupMs = performance.now() - started
  const adminToken = /Admin token: (\S+)/.exec(banner)?.[1] ?? ''
  return {
    url,
    webSocketUrl: url.replace(/^http/, 'ws'),
    adminToken,
    startupMs,
    banner,
    async stop() {
      if (child.exitCode !== null) return
      const exited = new Promise((resolve) => child.once('exit', resolve))
      child.kill('SIGINT')
      await exited
    },
  }
}
