import { describe, expect, it } from 'vitest'
import { shareBlockGas } from './share-block-gas.js'

describe(shareBlockGas.name, () => {
  it('splits gas by weight, rounding down', () => {
    expect(shareBlockGas(100n, { alpha: 1, beta: 2 })).toEqual({ alpha: 33n, beta: 66n })
    expect(shareBlockGas(30_000_000n, { evm: 3, wasm: 1 })).toEqual({ evm: 22_500_000n, wasm: 7_500_000n })
  })

  it('refuses weights that are not positive integers', () => {
    expect(() => shareBlockGas(1n, { alpha: 0 })).toThrow(/positive integer/)
    expect(() => shareBlockGas(1n, { alpha: 1.5 })).toThrow(/positive integer/)
  })
})
