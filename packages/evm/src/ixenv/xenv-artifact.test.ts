import { execFile } from 'node:child_process'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import { describe, expect, it } from 'vitest'
import { XENV_ABI, XENV_RUNTIME_CODE } from './xenv-artifact.js'

const root = join(dirname(fileURLToPath(import.meta.url)), '../..')

describe('XENV_RUNTIME_CODE', () => {
  it('is what contracts/*.sol compile to with solc 0.8.30 (and so are the test fixtures)', async () => {
    // Exits 1 and names the file when a committed output differs from a fresh compile.
    const { stderr } = await promisify(execFile)(process.execPath, [join(root, 'scripts/compile-contracts.mjs'), '--check'], { cwd: root })
    expect(stderr).toBe('')
  }, 60_000)

  it('exposes the IXEnv functions and events', () => {
    const names = (XENV_ABI as readonly { type: string; name?: string }[]).map((entry) => `${entry.type}:${entry.name}`).sort()
    expect(names).toEqual(
      expect.arrayContaining([
        'event:AssetSent',
        'event:CallSent',
        'event:StatePublished',
        'function:callContract',
        'function:publishState',
        'function:readMirror',
        'function:sendAsset',
        'function:writeMirror',
      ]),
    )
    expect(XENV_RUNTIME_CODE.startsWith('0x6080')).toBe(true)
  })
})
