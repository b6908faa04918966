import { describe, expect, it } from 'vitest'
import { quickStart } from '../examples/quick-start.js'
import { createWASMEnvironment } from './create-wasm-environment.js'

describe(`${createWASMEnvironment.name}: README examples`, () => {
  it('runs the quick start', async () => {
    const { receipts, end, committed, bobBalance } = await quickStart()
    expect(receipts.map((receipt) => receipt.status)).toEqual(['ok', 'ok', 'ok'])
    expect(bobBalance).toBe(25n)
    expect(committed).toEqual({ height: 1n, stateRoot: end.stateRoot })
  })
})
