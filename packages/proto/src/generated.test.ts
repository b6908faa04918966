import { execFileSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'

const packageRoot = join(dirname(fileURLToPath(import.meta.url)), '..')

describe('generated code', () => {
  it('is exactly what proto/ generates (run `pnpm proto:generate` after editing a .proto)', () => {
    const out = mkdtempSync(join(tmpdir(), 'bulkhead-proto-'))
    try {
      execFileSync(process.execPath, [join(packageRoot, 'scripts', 'generate.mjs'), '--out', out], { stdio: 'pipe' })
      for (const file of ['bulkhead.js', 'bulkhead.d.ts']) {
        const committed = readFileSync(join(packageRoot, 'src', 'generated', file), 'utf8')
        expect(readFileSync(join(out, file), 'utf8'), `${file} drifted from proto/`).toBe(committed)
      }
    } finally {
      rmSync(out, { recursive: true, force: true })
    }
  }, 60_000)
})
