// Sends the native asset from the EVM environment to the WASM environment and back, and
// watches the messages and the ledger: nothing is created or lost on the way.
import { readFile } from 'node:fs/promises'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { bulkheadActions } from '@bulkhead/client'
import { XENV_ABI, XENV_ADDRESS } from '@bulkhead/evm'
import { createPublicClient, createWalletClient, http, parseEther } from 'viem'
import { foundry } from 'viem/chains'
import { alice, bob } from './erc20-with-viem.js'

/** The WASM SDK's bridge contract: `send_to_evm(receiver ‖ amount)` sends its value to `evm`. */
async function bridgeCode(): Promise<Uint8Array> {
  const wasmPackage = dirname(createRequire(import.meta.url).resolve('@bulkhead/wasm/package.json'))
  return readFile(join(wasmPackage, 'sdk', 'build', 'evm-bridge.wasm'))
}

export async function nativeRoundTrip(url: string) {
  const client = createPublicClient({ chain: foundry, transport: http(url) }).extend(bulkheadActions())
  const wallet = createWalletClient({ account: alice, chain: foundry, transport: http(url) })
  const ledgerBefore = await client.getLedger()

  // EVM -> WASM: the IXEnv system contract takes the value and emits the message; with automine
  // the devnet delivers it (next block) and acknowledges it (the block after) before answering.
  const outbound = await wallet.writeContract({
    address: XENV_ADDRESS,
    abi: XENV_ABI,
    functionName: 'sendAsset',
    args: ['wasm', bob.address, 'to wasm'],
    value: parseEther('1'),
  })
  await client.waitForTransactionReceipt({ hash: outbound })
  const [toWasm] = await client.getMessages({ source: 'evm', destination: 'wasm' })
  const bobInWasm = await client.queryEnvironment({ environment: 'wasm', request: { method: 'balance', address: bob.address } })

  // WASM -> EVM: Bob sends half back through the bridge contract.
  const bridge = await client.deployWasmContract({ account: bob, code: await bridgeCode() })
  const back = await client.transferFromWasm({ account: bob, bridge: bridge.contractAddress, receiver: alice.address, amount: parseEther('0.5') })
  const returned = back.messages[0] === undefined ? null : await client.getMessage({ source: 'wasm', destination: 'evm', sequence: back.messages[0].message.sequence })

  const ledgerAfter = await client.getLedger()
  return { ledgerBefore, ledgerAfter, toWasm, bobInWasm, returned }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { toWasm, returned, ledgerAfter } = await nativeRoundTrip(process.env.BULKHEAD_RPC_URL ?? 'http://127.0.0.1:8545')
  console.log(`EVM -> WASM: ${toWasm?.status}; WASM -> EVM: ${returned?.status}`)
  console.log(JSON.stringify(ledgerAfter, (_, value) => (typeof value === 'bigint' ? value.toString() : value), 2))
}
