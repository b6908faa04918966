import { execFileSync } from 'node:child_process'
import { encodeMessage, messageHash } from '@bulkhead/proto'
import { bytesToHex, type CrossEnvironmentMessage } from '@bulkhead/core'
import { describe, expect, it } from 'vitest'
import { main } from './main.js'

async function run(...args: string[]) {
  let stdout = ''
  let stderr = ''
  const code = await main(args, { stdout: (text) => (stdout += text), stderr: (text) => (stderr += text) })
  return { code, stdout, stderr }
}

const message: CrossEnvironmentMessage = {
  source: 'evm',
  destination: 'wasm',
  sequence: 3n,
  timeoutHeight: 40n,
  originTransaction: `0x${'cd'.repeat(32)}`,
  body: { kind: 'state_sync', publisher: `0x${'11'.repeat(20)}`, key: Uint8Array.of(1), value: Uint8Array.of(2, 3), version: 9n },
}

describe('bulkhead', () => {
  it('decodes a message to JSON with its hash', async () => {
    const result = await run('decode', 'message', bytesToHex(encodeMessage(message)))
    expect(result.code).toBe(0)
    const printed = JSON.parse(result.stdout)
    expect(printed.hash).toBe(messageHash(message))
    expect(printed.message).toMatchObject({ sequence: '3', body: { kind: 'state_sync', value: '0x0203', version: '9' } })
  })

  it('says what is wrong with bad bytes and exits 1', async () => {
    const result = await run('decode', 'message', '0xffff')
    expect(result.code).toBe(1)
    expect(result.stderr).toMatch(/^error DECODE_FAILED: Envelope: malformed or truncated bytes/)
    expect((await run('decode', 'message', '0xzz')).stderr).toMatch(/INVALID_ARGUMENT: Expected 0x-prefixed hex/)
  })

  it('refuses unknown commands and types with usage and exit 2', async () => {
    expect(await run('frobnicate')).toMatchObject({ code: 2, stderr: expect.stringMatching(/Unknown command "frobnicate"/) })
    expect(await run('decode', 'block', '0x00')).toMatchObject({ code: 2, stderr: expect.stringMatching(/Unknown type "block"/) })
    expect(await run('decode')).toMatchObject({ code: 2, stderr: expect.stringMatching(/Usage: bulkhead decode/) })
  })

  it('runs as a built executable', () => {
    const output = execFileSync(process.execPath, ['dist/cli.js', 'info'], { encoding: 'utf8' })
    expect(output).toMatch(/ExecutionEnvironment specification: v1/)
  })
})
