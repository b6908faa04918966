import { execFile } from 'node:child_process'
import { readFileSync, readdirSync } from 'node:fs'
import { setPriority } from 'node:os'

/**
 * V8 runs garbage-collection helpers (concurrent marking, sweeping) and its optimising compiler
 * on a pool of background threads. On a small machine they compete for the cores with the
 * threads that answer requests: the node's main thread and the environment workers, each woken
 * once or more per transaction. Linux's scheduler lets a woken thread preempt a running one of
 * equal priority only after a time slice, so each wake-up waited ~0.3–0.45 ms on average for a
 * core (measured with `perf sched` during the peer workload on two cores). At nice 19 the helpers
 * get little of a busy core, and under `SCHED_IDLE` (see `runWhenIdle`) a woken request thread
 * takes the core from them at once; they use the idle time.
 *
 * Linux only (nice values are per thread there). The helpers are told apart from the other
 * threads Node starts before any JavaScript runs (the platform's delayed-task scheduler, the
 * inspector's signal thread, libuv's pool, which does LevelDB's I/O and must keep its
 * priority) by what they wait on: all of them on one condition variable in the C heap, where
 * the others wait on an epoll set or on variables in the program's static data.
 */
export interface ThreadSample {
  readonly tid: number
  /** `/proc/self/task/<tid>/syscall`: the blocking system call and its arguments, or "running". */
  readonly syscall: string
}

/** `futex` on the architectures whose numbers are known here. */
const FUTEX: Partial<Record<NodeJS.Architecture, number>> = { x64: 202, arm64: 98 }

/** Threads of one sample waiting on the same address. */
export interface WaitGroup {
  readonly address: bigint
  readonly tids: readonly number[]
}

/**
 * The largest group of threads in `samples` blocked in `futex` on one address inside `heap`
 * (the C heap's ranges): V8's helpers wait together on their task queue's condition variable.
 * `undefined` when no thread waits in the heap, or two groups are equally large.
 */
export function largestHeapWaitGroup(
  samples: readonly ThreadSample[],
  heap: readonly [start: bigint, end: bigint][],
  futex: number,
): WaitGroup | undefined {
  const byAddress = new Map<bigint, number[]>()
  for (const { tid, syscall } of samples) {
    const [number, address] = syscall.trim().split(/\s+/)
    if (Number(number) !== futex || address === undefined || !/^0x[0-9a-f]+$/i.test(address)) continue
    const value = BigInt(address)
    if (!heap.some(([start, end]) => value >= start && value < end)) continue
    byAddress.set(value, [...(byAddress.get(value) ?? []), tid])
  }
  const groups = [...byAddress].map(([address, tids]) => ({ address, tids: tids.sort((a, b) => a - b) })).sort((a, b) => b.tids.length - a.tids.length)
  const [first, second] = groups
  if (first === undefined || (second !== undefined && second.tids.length === first.tids.length)) return undefined
  return first
}

/** What {@link lowerHelperThreadPriority} did. */
export type HelperPriorityOutcome =
  | {
      readonly lowered: readonly number[]
      readonly nice: number
      /** How many of them also run under `SCHED_IDLE` (only asked for at nice 19). */
      readonly idle: number
    }
  | { readonly skipped: string }

/**
 * Puts one thread under `SCHED_IDLE`; false when that could not be done. Since Linux 6.6 (EEVDF)
 * a nice-19 thread that has a core can keep it for the rest of its time slice (1.5 ms on two
 * cores) before a woken thread of normal priority runs; a `SCHED_IDLE` one gives way at once.
 * Node has no call for a thread's policy, so util-linux's `chrt` sets it.
 */
function runWhenIdle(tid: number): Promise<boolean> {
  return new Promise((resolve) => {
    execFile('chrt', ['--idle', '--pid', '0', String(tid)], { timeout: 5_000 }, (error) => resolve(error === null))
  })
}

/** The threads of this process now, by thread id; none where there is no /proc (not Linux). */
export function processThreads(): number[] {
  try {
    return readdirSync('/proc/self/task').map(Number)
  } catch {
    return []
  }
}

/**
 * Sets V8's helper threads among `candidates` (threads that existed before the program started
 * any of its own) to `nice`, and at nice 19 also under `SCHED_IDLE` where `chrt` can. Samples
 * `attempts` times, `pauseMs` apart: a helper at work at the moment of a sample is not waiting
 * on anything, and one briefly waiting on some other lock makes a group of its own. Each sample
 * votes for its largest group's address; the threads seen waiting on the leading address are
 * lowered as soon as they are seen.
 */
export async function lowerHelperThreadPriority(
  candidates: readonly number[],
  nice: number,
  { attempts = 40, pauseMs = 100 }: { readonly attempts?: number; readonly pauseMs?: number } = {},
): Promise<HelperPriorityOutcome> {
  if (!Number.isInteger(nice) || nice < 0 || nice > 19) throw new RangeError(`nice must be an integer from 0 to 19, got ${nice}`)
  if (nice === 0) return { skipped: 'left as they are (nice 0)' }
  const futex = FUTEX[process.arch]
  if (process.platform !== 'linux' || futex === undefined) return { skipped: `not supported on ${process.platform}/${process.arch}` }
  try {
    const heap = readFileSync('/proc/self/maps', 'utf8')
      .split('\n')
      .filter((line) => line.endsWith('[heap]'))
      .map((line): [bigint, bigint] => {
        const [start, end] = (line.split(' ')[0] as string).split('-')
        return [BigInt(`0x${start}`), BigInt(`0x${end}`)]
      })
    const others = candidates.filter((tid) => tid !== process.pid)
    const votes = new Map<bigint, number>()
    const seen = new Map<bigint, Set<number>>()
    const lowered = new Set<number>()
    const idle: Promise<boolean>[] = []
    let unclear = 0
    for (let attempt = 0; attempt < attempts; attempt++) {
      if (attempt > 0) await new Promise((resolve) => setTimeout(resolve, pauseMs))
      const samples = others.flatMap((tid): ThreadSample[] => {
        try {
          return [{ tid, syscall: readFileSync(`/proc/self/task/${tid}/syscall`, 'utf8') }]
        } catch {
          return [] // the thread has ended
        }
      })
      const group = largestHeapWaitGroup(samples, heap, futex)
      if (group === undefined) {
        unclear++
        continue
      }
      votes.set(group.address, (votes.get(group.address) ?? 0) + 1)
      const waiters = seen.get(group.address) ?? new Set<number>()
      for (const tid of group.tids) waiters.add(tid)
      seen.set(group.address, waiters)
      const [leader] = [...votes].sort((a, b) => b[1] - a[1])[0] as [bigint, number]
      for (const tid of seen.get(leader) ?? []) {
        if (lowered.has(tid)) continue
        setPriority(tid, nice)
        lowered.add(tid)
        if (nice === 19) idle.push(runWhenIdle(tid))
      }
    }
    if (lowered.size === 0) {
      return { skipped: `could not tell them apart from the other threads (${unclear} of ${attempts} samples unclear, ${heap.length} heap ranges)` }
    }
    const idled = (await Promise.all(idle)).filter(Boolean).length
    return { lowered: [...lowered].sort((a, b) => a - b), nice, idle: idled }
  } catch (error) {
    return { skipped: `the system refused: ${(error as Error).message}` }
  }
}
