import { execFileSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { bytesToHex, concatBytes, hexToBytes, type Address } from '@bulkhead/core'
import { describe, expect, it } from 'vitest'
import { createWASMEnvironment } from './create-wasm-environment.js'
import { contractAddress } from './execution/contract-address.js'
import { GENESIS_BALANCE, SENDER, blockContext, call, deploy, otherAccount } from './__fixtures__/test-chain.js'

const sdk = fileURLToPath(new URL('../sdk/', import.meta.url))
const artifact = (name: string) => new Uint8Array(readFileSync(join(sdk, 'build', `${name}.wasm`)))
const OTHER = otherAccount.address.toLowerCase() as Address

function u64(value: bigint): Uint8Array {
  const bytes = new Uint8Array(8)
  new DataView(bytes.buffer).setBigUint64(0, value, true)
  return bytes
}

describe(`${createWASMEnvironment.name}: AssemblyScript SDK examples`, () => {
  it('rebuilds the committed artifacts byte for byte', () => {
    const out = mkdtempSync(join(tmpdir(), 'bulkhead-sdk-'))
    try {
      execFileSync(process.execPath, [join(sdk, 'build.mjs'), out], { stdio: 'pipe' })
      for (const name of ['token', 'evm-bridge']) {
        expect(bytesToHex(new Uint8Array(readFileSync(join(out, `${name}.wasm`))))).toBe(bytesToHex(artifact(name)))
      }
    } finally {
      rmSync(out, { recursive: true, force: true })
    }
  })

  it('runs the token: init mints, transfer moves and emits, overdraft reverts', async () => {
    const environment = await createWASMEnvironment({ genesis: { [SENDER]: GENESIS_BALANCE } })
    const token = contractAddress(SENDER, 0n)
    const output = await environment.runBlock({
      context: blockContext(1n),
      deliveries: [],
      transactions: [
        await deploy(artifact('token'), 0n),
        await call(token, 'transfer', 1n, concatBytes(hexToBytes(OTHER), u64(250n))),
        await call(token, 'transfer', 2n, concatBytes(hexToBytes(OTHER), u64(10_000_000n))),
        await call(token, 'balance_of', 3n, hexToBytes(OTHER)),
        await call(token, 'balance_of', 4n, hexToBytes(SENDER)),
      ],
    })
    const [deployed, moved, overdraft, other, own] = output.receipts
    expect(deployed).toMatchObject({ status: 'ok', contractAddress: token })
    expect(moved).toMatchObject({ status: 'ok' })
    expect(moved!.events[0]!.topics[2]).toBe(`0x${'00'.repeat(12)}${OTHER.slice(2)}`)
    expect(overdraft).toMatchObject({ status: 'reverted', reason: 'insufficient balance' })
    expect(other!.returnData).toEqual(u64(250n))
    expect(own!.returnData).toEqual(u64(1_000_000n - 250n))
    await environment.close()
  })

  it('runs the EVM bridge: value in, AssetTransfer out', async () => {
    const environment = await createWASMEnvironment({ genesis: { [SENDER]: GENESIS_BALANCE } })
    const bridge = contractAddress(SENDER, 0n)
    const output = await environment.runBlock({
      context: blockContext(1n),
      deliveries: [],
      transactions: [
        await deploy(artifact('evm-bridge'), 0n, { value: 1_000n }),
        await call(bridge, 'send_to_evm', 1n, concatBytes(hexToBytes(OTHER), u64(600n))),
        await call(bridge, 'send_to_evm', 2n, concatBytes(hexToBytes(OTHER), u64(600n))),
      ],
    })
    expect(output.receipts.map((receipt) => receipt.status)).toEqual(['ok', 'ok', 'reverted'])
    expect(output.receipts[2]!.reason).toBe('insufficient funds')
    expect(output.end.messages.map((message) => [message.destination, message.body])).toEqual([
      ['evm', { kind: 'asset_transfer', denom: 'wei', amount: 600n, sender: bridge, receiver: OTHER, memo: '' }],
    ])
    await environment.close()
  })
})
