import { createMemoryStore } from '@bulkhead/core'
import { createEnvironment } from '@bulkhead/evm'
import { describe, expect, it } from 'vitest'
import { addressOf, signEip1559 } from './sign-eip1559.js'

// account 0 of the "test … junk" mnemonic, as every devnet lists it
const KEY = Uint8Array.from(Buffer.from('ac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80', 'hex'))
const fields = { nonce: 0n, maxPriorityFeePerGas: 1n, maxFeePerGas: 10n ** 10n, gasLimit: 21_000n, to: `0x${'22'.repeat(20)}`, value: 5n, data: new Uint8Array(0) } as const

describe('signEip1559', () => {
  it('derives the address every devnet gives the key', () => {
    expect(addressOf(KEY)).toBe('0xf39fd6e51aad88f6f4ce6ab8827279cfffb92266')
  })

  it('signs what the engine accepts, from that address, only on the chain it was signed for', async () => {
    const environment = await createEnvironment({ id: 'evm', chainId: 31337n, denom: 'ETH', allocations: { [addressOf(KEY)]: 10n ** 18n }, options: {}, store: createMemoryStore() })
    try {
      const accepted = await environment.checkTransaction({ environment: 'evm', payload: signEip1559({ ...fields, chainId: 31337n }, KEY) })
      expect(accepted).toMatchObject({ status: 'ok', sender: addressOf(KEY), nonce: 0n })
      const otherChain = await environment.checkTransaction({ environment: 'evm', payload: signEip1559({ ...fields, chainId: 1n }, KEY) })
      expect(otherChain.status).toBe('rejected')
    } finally {
      await environment.close()
    }
  })
})
