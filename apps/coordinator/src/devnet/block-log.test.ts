import { Writable } from 'node:stream'
import pino from 'pino'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { ProducedBlock } from '../node/produced-block.js'
import { createBlockLog } from './block-log.js'

const produced = (height: number, transactions = 1): ProducedBlock =>
  ({
    block: { header: { height: BigInt(height) }, transactions: Array.from({ length: transactions }), messages: [] },
    rejected: [],
    ends: {},
  }) as unknown as ProducedBlock

function capture() {
  const lines: { msg: string; [key: string]: unknown }[] = []
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(JSON.parse(chunk.toString()))
      done()
    },
  })
  return { logger: pino({ base: null, timestamp: false }, stream), lines }
}

beforeEach(() => vi.useFakeTimers())
afterEach(() => vi.useRealTimers())

describe(createBlockLog.name, () => {
  it('writes a line per block while blocks are a second apart', async () => {
    const { logger, lines } = capture()
    const log = createBlockLog(logger)
    log.block(produced(1))
    vi.advanceTimersByTime(1_000)
    log.block(produced(2, 3))
    await vi.runAllTimersAsync()
    expect(lines).toMatchObject([
      { msg: 'block 1 committed', height: 1, transactions: 1 },
      { msg: 'block 2 committed', height: 2, transactions: 3 },
    ])
  })

  it('under load, sums the blocks of each second into one line', async () => {
    const { logger, lines } = capture()
    const log = createBlockLog(logger)
    for (let height = 1; height <= 400; height++) {
      log.block(produced(height, 2))
      vi.advanceTimersByTime(4) // 250 blocks a second
    }
    await vi.runAllTimersAsync()
    expect(lines.map((line) => line.msg)).toEqual(['block 1 committed', '249 blocks committed, the last 250', '150 blocks committed, the last 400'])
    expect(lines[1]).toMatchObject({ from: 2, to: 250, blocks: 249, transactions: 498, messages: 0, rejected: 0 })
  })

  it('flush writes what is pending at once', () => {
    const { logger, lines } = capture()
    const log = createBlockLog(logger)
    log.block(produced(1))
    log.block(produced(2))
    expect(lines).toHaveLength(1)
    log.flush()
    expect(lines.map((line) => line.msg)).toEqual(['block 1 committed', 'block 2 committed'])
  })
})
