import pino from 'pino'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startDevnet, type Devnet } from '../../devnet/start-devnet.js'
import { createEthNamespace } from './create-eth-namespace.js'
import { ethereumReceipt } from './ethereum-receipt.js'

// Creation code that emits one log (topic 0x2a, 32 bytes of data) and deploys nothing; and one that reverts.
const LOGGING_INIT = '0x602a60005260ff60206000a100'
const REVERTING_INIT = '0x60006000fd'

let devnet: Devnet
beforeAll(async () => {
  devnet = await startDevnet({ logger: pino({ level: 'silent' }), port: 0, hosting: 'in-process', namespaces: (context) => createEthNamespace(context) })
})
afterAll(async () => devnet?.close())

async function rpc(method: string, params: unknown[]): Promise<unknown> {
  const response = await fetch(devnet.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ jsonrpc: '2.0', id: 1, method, params }) })
  const body = (await response.json()) as { result?: unknown; error?: { message: string } }
  if (body.error !== undefined) throw new Error(body.error.message)
  return body.result
}
const stored = (hash: unknown) => devnet.router.environment('evm').query({ method: 'extension', name: 'receipt_by_hash', params: [hash] })

describe(ethereumReceipt.name, () => {
  it('answers fresh receipts exactly as the EVM environment stores them: transfer, logs, revert', async () => {
    const [alice, bob] = devnet.accounts as [(typeof devnet.accounts)[0], (typeof devnet.accounts)[0]]
    const hashes = [
      await rpc('eth_sendTransaction', [{ from: alice.address, to: bob.address, value: '0x7' }]),
      await rpc('eth_sendTransaction', [{ from: alice.address, data: LOGGING_INIT, gas: '0x30000' }]),
      await rpc('eth_sendTransaction', [{ from: alice.address, data: REVERTING_INIT, gas: '0x30000' }]),
    ]
    const served = (await Promise.all(hashes.map((hash) => rpc('eth_getTransactionReceipt', [hash])))) as Record<string, unknown>[]
    expect(served.map((receipt) => [receipt['status'], (receipt['logs'] as unknown[]).length])).toEqual([
      ['0x1', 0],
      ['0x1', 1],
      ['0x0', 0],
    ])
    for (const [index, hash] of hashes.entries()) expect(served[index]).toEqual(await stored(hash))
  })

  it('never answers the receipt of a block a revert abandoned', async () => {
    const [alice, bob] = devnet.accounts as [(typeof devnet.accounts)[0], (typeof devnet.accounts)[0]]
    const height = devnet.node.head().height
    const abandoned = await rpc('eth_sendTransaction', [{ from: alice.address, to: bob.address, value: '0x1' }])
    expect(await rpc('eth_getTransactionReceipt', [abandoned])).not.toBeNull()
    await devnet.producer.exclusive(() => devnet.node.revertTo(height))
    expect(await rpc('eth_getTransactionReceipt', [abandoned])).toBeNull()
    const replacement = await rpc('eth_sendTransaction', [{ from: alice.address, to: bob.address, value: '0x2' }])
    expect(await rpc('eth_getTransactionReceipt', [abandoned])).toBeNull()
    expect(await rpc('eth_getTransactionReceipt', [replacement])).toEqual(await stored(replacement))
  })
})
