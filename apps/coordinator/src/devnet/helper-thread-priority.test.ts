import { spawn, spawnSync } from 'node:child_process'
import { readFileSync, readdirSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { devnetCommand } from '../cli/devnet-command.js'
import { largestHeapWaitGroup, lowerHelperThreadPriority } from './helper-thread-priority.js'

const FUTEX = 202
const heap: [bigint, bigint][] = [[0x2c000000n, 0x2d000000n]]

/** What a Node 20 process on Linux showed at its first line: scheduler, 4 helpers, signal thread, libuv's 4. */
const startup = [
  { tid: 101, syscall: '281 0x9 0x7f8de1d39cf0 0x400 0xffffffff 0x0 0x8 0x7f8de1d39cb8 0x7f8de2a0e3ab\n' },
  ...[102, 103, 104, 105].map((tid) => ({ tid, syscall: '202 0x2c659850 0x189 0x0 0x0 0x0 0xffffffff 0x7f8de0d38d80 0x7f8de29c3f16\n' })),
  { tid: 106, syscall: '202 0x5660460 0x189 0x0 0x0 0x0 0xffffffff 0x7f8dd7ffed80 0x7f8de29c3f16\n' },
  ...[107, 108, 109, 110].map((tid) => ({ tid, syscall: '202 0x566f9cc 0x189 0x0 0x0 0x0 0xffffffff 0x7f8dd77fdd80 0x7f8de29c3f16\n' })),
]

/** Linux's number for the `SCHED_IDLE` policy, as /proc/<pid>/task/<tid>/stat shows it. */
const SCHED_IDLE = 5
const chrtInstalled = spawnSync('chrt', ['--version']).status === 0

/** Starts the built program, waits for its word on V8's threads, reads every thread's nice value and policy, stops it. */
async function devnetThreads(
  args: readonly string[],
): Promise<{ pid: number; log: string; nice: Map<number, number>; policy: Map<number, number> }> {
  const cli = fileURLToPath(new URL('../../dist/cli.js', import.meta.url))
  const child = spawn(process.execPath, [cli, 'devnet', '--port', '0', '--in-memory', ...args], { stdio: ['ignore', 'pipe', 'pipe'] })
  let log = ''
  child.stderr.on('data', (chunk: Buffer) => (log += chunk.toString()))
  child.stdout.resume()
  try {
    const deadline = Date.now() + 20_000
    while (!/V8's .*background threads/.test(log)) {
      if (child.exitCode !== null || Date.now() > deadline) throw new Error(`no word on V8's threads:\n${log}`)
      await new Promise((resolve) => setTimeout(resolve, 50))
    }
    const pid = child.pid as number
    // Fields after the command's closing parenthesis, from the third (state): nice is the 19th, policy the 41st.
    const stats = readdirSync(`/proc/${pid}/task`).map((tid) => {
      const stat = readFileSync(`/proc/${pid}/task/${tid}/stat`, 'utf8')
      return [Number(tid), stat.slice(stat.lastIndexOf(')') + 2).split(' ')] as const
    })
    const nice = new Map(stats.map(([tid, fields]) => [tid, Number(fields[16])]))
    const policy = new Map(stats.map(([tid, fields]) => [tid, Number(fields[38])]))
    return { pid, log, nice, policy }
  } finally {
    if (child.exitCode === null) {
      const exited = new Promise((resolve) => child.once('exit', resolve))
      child.kill('SIGTERM')
      await exited
    }
  }
}

describe('V8 helper threads at low priority', () => {
  it('finds the threads waiting on one condition variable in the C heap, not libuv’s pool or the others', () => {
    expect(largestHeapWaitGroup(startup, heap, FUTEX)).toEqual({ address: 0x2c659850n, tids: [102, 103, 104, 105] })
    // A helper at work is not waiting: the others are still found.
    const busy = startup.map((sample) => (sample.tid === 103 ? { tid: 103, syscall: 'running\n' } : sample))
    expect(largestHeapWaitGroup(busy, heap, FUTEX)?.tids).toEqual([102, 104, 105])
    // One waiting on some other lock for a moment: the larger group still wins.
    const locked = startup.map((sample) => (sample.tid === 104 ? { tid: 104, syscall: '202 0x2c700000 0x80 0x2\n' } : sample))
    expect(largestHeapWaitGroup(locked, heap, FUTEX)?.tids).toEqual([102, 103, 105])
  })

  it('finds nothing rather than guess when the picture is not clear', () => {
    // Two groups of the same size in the heap: which is V8's?
    const twoGroups = [...startup.slice(0, 3), { tid: 111, syscall: '202 0x2c700000 0x189 0x0\n' }, { tid: 112, syscall: '202 0x2c700000 0x189 0x0\n' }]
    expect(largestHeapWaitGroup(twoGroups, heap, FUTEX)).toBeUndefined()
    expect(largestHeapWaitGroup(startup, [], FUTEX)).toBeUndefined()
    expect(largestHeapWaitGroup(startup, heap, 98)).toBeUndefined()
  })

  // In a process of its own (the test runner's may hold other libraries' threads): the program.
  it.skipIf(process.platform !== 'linux' || !['x64', 'arm64'].includes(process.arch))(
    'bulkhead devnet lowers V8’s helpers to nice 19, under SCHED_IDLE where chrt is installed, and leaves every other thread alone; --background-nice 0 leaves all',
    async () => {
      const lowered = await devnetThreads([])
      expect(lowered.log).toMatch(/V8's \d+ background threads \(GC helpers, optimising compiler\) run at nice 19/)
      const count = Number(/V8's (\d+) background threads/.exec(lowered.log)?.[1])
      expect(count).toBeGreaterThanOrEqual(1)
      expect(lowered.nice.get(lowered.pid)).toBe(0)
      expect([...lowered.nice.values()].filter((nice) => nice === 19)).toHaveLength(count)
      // Everything else (main thread, environment workers, libuv's pool, ...) stays at 0.
      expect([...lowered.nice.values()].filter((nice) => nice !== 19).every((nice) => nice === 0)).toBe(true)
      expect(lowered.nice.size - count).toBeGreaterThanOrEqual(4)
      // Where chrt is installed, the helpers and only they run under SCHED_IDLE.
      const idle = [...lowered.policy].filter(([, policy]) => policy === SCHED_IDLE).map(([tid]) => tid)
      if (chrtInstalled) {
        expect(lowered.log).toMatch(new RegExp(`run at nice 19, ${count} of them under SCHED_IDLE`))
        expect(idle.sort()).toEqual([...lowered.nice].filter(([, nice]) => nice === 19).map(([tid]) => tid).sort())
      } else {
        expect(idle).toEqual([])
      }

      const left = await devnetThreads(['--background-nice', '0'])
      expect(left.log).toMatch(/V8's background threads keep their priority: left as they are \(nice 0\)/)
      expect([...left.nice.values()].every((nice) => nice === 0)).toBe(true)
      expect([...left.policy.values()].every((policy) => policy !== SCHED_IDLE)).toBe(true)
    },
  )

  it('does nothing at nice 0, and refuses a nice value out of range', async () => {
    expect(await lowerHelperThreadPriority([process.pid], 0)).toEqual({ skipped: 'left as they are (nice 0)' })
    await expect(lowerHelperThreadPriority([process.pid], 20)).rejects.toThrow(RangeError)
  })

  it('bulkhead devnet refuses --background-nice out of range before starting anything', async () => {
    let stderr = ''
    const code = await devnetCommand(['--background-nice', '20'], { stdout: () => undefined, stderr: (text) => (stderr += text) })
    expect(code).toBe(2)
    expect(stderr).toMatch(/--background-nice must be an integer from 0 to 19, got 20/)
  })
})
