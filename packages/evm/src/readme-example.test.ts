import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { transfer } from '../examples/transfer.js'

describe('README example', () => {
  it('runs: one transfer committed to LevelDB', async () => {
    const directory = await mkdtemp(join(tmpdir(), 'bulkhead-evm-readme-'))
    try {
      const { status, end } = await transfer(join(directory, 'chain'))
      expect(status).toBe('ok')
      expect(end.height).toBe(1n)
      expect(end.supply['wei']).toBe(10n ** 21n - 21_000n * 1_000_000_000n)
    } finally {
      await rm(directory, { recursive: true, force: true })
    }
  })
})
