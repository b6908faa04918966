import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { devnetCommand } from '../cli/devnet-command.js'
import { findHelperThreads, lowerHelperThreadPriority, processThreads } from './helper-thread-priority.js'

const FUTEX = 202
const heap: [bigint, bigint][] = [[0x2c000000n, 0x2d000000n]]

/** What a Node 20 process on Linux showed at its first line: scheduler, 4 helpers, signal thread, libuv's 4. */
const startup = [
  { tid: 101, syscall: '281 0x9 0x7f8de1d39cf0 0x400 0xffffffff 0x0 0x8 0x7f8de1d39cb8 0x7f8de2a0e3ab\n' },
  ...[102, 103, 104, 105].map((tid) => ({ tid, syscall: '202 0x2c659850 0x189 0x0 0x0 0x0 0xffffffff 0x7f8de0d38d80 0x7f8de29c3f16\n' })),
  { tid: 106, syscall: '202 0x5660460 0x189 0x0 0x0 0x0 0xffffffff 0x7f8dd7ffed80 0x7f8de29c3f16\n' },
  ...[107, 108, 109, 110].map((tid) => ({ tid, syscall: '202 0x566f9cc 0x189 0x0 0x0 0x0 0xffffffff 0x7f8dd77fdd80 0x7f8de29c3f16\n' })),
]

const niceOf = (tid: number) => {
  const stat = readFileSync(`/proc/self/task/${tid}/stat`, 'utf8')
  return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[16])
}

describe('V8 helper threads at low priority', () => {
  it('finds the threads waiting on one condition variable in the C heap, not libuv’s pool or the others', () => {
    expect(findHelperThreads(startup, heap, FUTEX)).toEqual([102, 103, 104, 105])
    // A helper at work is not waiting: the others are still found.
    expect(findHelperThreads(startup.map((sample) => (sample.tid === 103 ? { tid: 103, syscall: 'running\n' } : sample)), heap, FUTEX)).toEqual([102, 104, 105])
  })

  it('finds nothing rather than guess when the picture is not clear', () => {
    // Two groups in the heap: which is V8's?
    const twoGroups = [...startup, { tid: 111, syscall: '202 0x2c700000 0x189 0x0\n' }, { tid: 112, syscall: '202 0x2c700000 0x189 0x0\n' }]
    expect(findHelperThreads(twoGroups, heap, FUTEX)).toBeUndefined()
    expect(findHelperThreads(startup, [], FUTEX)).toBeUndefined()
    expect(findHelperThreads(startup, heap, 98)).toBeUndefined()
  })

  it.skipIf(process.platform !== 'linux' || !['x64', 'arm64'].includes(process.arch))(
    'lowers this process’s V8 helpers to the given nice value and leaves every other thread alone',
    async () => {
      const threads = processThreads()
      const outcome = await lowerHelperThreadPriority(threads, 19)
      if (!('lowered' in outcome)) throw new Error(`not lowered: ${outcome.skipped}`)
      expect(outcome.lowered.length).toBeGreaterThanOrEqual(1)
      expect(outcome.lowered).not.toContain(process.pid)
      for (const tid of outcome.lowered) expect(niceOf(tid)).toBe(19)
      const others = threads.filter((tid) => !outcome.lowered.includes(tid))
      expect(others).toContain(process.pid)
      // The main thread and libuv's pool (at least) keep their priority.
      expect(others.length).toBeGreaterThanOrEqual(2)
      for (const tid of others) expect(niceOf(tid)).toBe(0)
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
