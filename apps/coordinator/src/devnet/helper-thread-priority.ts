import { readFileSync, readdirSync } from 'node:fs'
import { setPriority } from 'node:os'

/**
 * V8 runs garbage-collection helpers (concurrent marking, sweeping) and its optimising compiler
 * on a pool of background threads. On a small machine they compete for the cores with the
 * threads that answer requests: the node's main thread and the environment workers, each woken
 * once or more per transaction. Linux's scheduler lets a woken thread preempt a running one of
 * equal priority only after a time slice, so each wake-up waited ~0.3–0.45 ms on average for a
 * core (measured with `perf sched` during the peer workload on two cores). With the helpers at
 * the lowest priority a woken request thread runs at once, and the helpers use the idle time.
 *
 * Linux only (nice values are per thread there). The helpers are told apart from the other
 * threads Node starts before any JavaScript runs (the platform's delayed-task scheduler, the
 * inspector's signal thread, libuv's pool, which does LevelDB's I/O and must keep its
 * priority) by what they wait on: all of them on one condition variable in the C heap.
 */
export interface ThreadSample {
  readonly tid: number
  /** `/proc/self/task/<tid>/syscall`: the blocking system call and its arguments, or "running". */
  readonly syscall: string
}

/** `futex` on the architectures whose numbers are known here. */
const FUTEX: Partial<Record<NodeJS.Architecture, number>> = { x64: 202, arm64: 98 }

/**
 * The V8 helper threads among `samples`: the threads blocked in `futex` on one address inside
 * `heap` (the C heap's range). `undefined` when that is not one clear group.
 */
export function findHelperThreads(
  samples: readonly ThreadSample[],
  heap: readonly [start: bigint, end: bigint][],
  futex: number,
): number[] | undefined {
  const byAddress = new Map<bigint, number[]>()
  for (const { tid, syscall } of samples) {
    const [number, address] = syscall.trim().split(/\s+/)
    if (Number(number) !== futex || address === undefined || !/^0x[0-9a-f]+$/i.test(address)) continue
    const value = BigInt(address)
    if (!heap.some(([start, end]) => value >= start && value < end)) continue
    byAddress.set(value, [...(byAddress.get(value) ?? []), tid])
  }
  const groups = [...byAddress.values()]
  if (groups.length !== 1) return undefined
  return (groups[0] as number[]).sort((a, b) => a - b)
}

/** What {@link lowerHelperThreadPriority} did. */
export type HelperPriorityOutcome =
  | { readonly lowered: readonly number[]; readonly nice: number }
  | { readonly skipped: string }

/** The threads of this process now, by thread id. */
export function processThreads(): number[] {
  return readdirSync('/proc/self/task').map(Number)
}

/**
 * Sets V8's helper threads among `candidates` (threads that existed before the program started
 * any of its own) to `nice`. Samples `attempts` times, `pauseMs` apart, lowering each helper as
 * soon as it is seen: one that is working at the moment of a sample is not waiting on anything.
 */
export async function lowerHelperThreadPriority(
  candidates: readonly number[],
  nice: number,
  { attempts = 20, pauseMs = 50 }: { readonly attempts?: number; readonly pauseMs?: number } = {},
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
    const found = new Set<number>()
    for (let attempt = 0; attempt < attempts; attempt++) {
      if (attempt > 0) await new Promise((resolve) => setTimeout(resolve, pauseMs))
      const samples = others.flatMap((tid): ThreadSample[] => {
        try {
          return [{ tid, syscall: readFileSync(`/proc/self/task/${tid}/syscall`, 'utf8') }]
        } catch {
          return [] // the thread has ended
        }
      })
      for (const tid of findHelperThreads(samples, heap, futex) ?? []) {
        if (found.has(tid)) continue
        setPriority(tid, nice)
        found.add(tid)
      }
    }
    if (found.size === 0) return { skipped: 'could not tell them apart from the other threads' }
    return { lowered: [...found].sort((a, b) => a - b), nice }
  } catch (error) {
    return { skipped: `the system refused: ${(error as Error).message}` }
  }
}
