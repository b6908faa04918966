// Isolation benchmark (issue: router and isolation): throughput of the EVM environment with a
// quiet WASM neighbour vs with a WASM neighbour flooded by hostile transactions (infinite loops
// that run until their gas limit). Both environments are worker-hosted by the router, as in the
// devnet; block gas is shared 1:1, so the neighbour can burn at most its own share.
//
//   node bench/isolation.bench.mjs [--blocks 10] [--per-block 1000]
// Throughput means a saturated EVM: 1,000 transfers fill most of its block-gas share.
import { createRequire } from 'node:module'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import { hexToBytes, bytesToHex, signDigest, privateKeyToAddress } from '@bulkhead/core'
import { encodeSignedWasmTransaction, wasmTransactionSigningHash } from '@bulkhead/proto'
import { createRouter } from '@bulkhead/router'
import { privateKeyToAccount } from 'viem/accounts'

const { values } = parseArgs({ options: { blocks: { type: 'string', default: '10' }, 'per-block': { type: 'string', default: '1000' } } })
const blocks = Number(values.blocks)
const perBlock = Number(values['per-block'])
const aliceKey = '0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80'
const malloryKey = '0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d'
const alice = privateKeyToAccount(aliceKey)
const mallory = privateKeyToAddress(malloryKey)
const allocations = { [alice.address.toLowerCase()]: 10n ** 24n, [mallory]: 10n ** 24n }
const BLOCK_GAS = 60_000_000n

// The hostile contract: an export that loops forever (stopped by metering at its gas limit).
const wabt = await createRequire(new URL('../../../packages/wasm/package.json', import.meta.url))('wabt')()
const spin = wabt.parseWat('spin.wat', '(module (memory 1) (func (export "run") (loop $l (br $l))))')
const spinCode = new Uint8Array(spin.toBinary({}).buffer)

function wasmTransaction(nonce, action, gasLimit) {
  const transaction = { chainId: 31337n, environment: 'wasm', nonce, gasLimit, gasPrice: 1n, value: 0n, action }
  return { environment: 'wasm', payload: encodeSignedWasmTransaction({ transaction, signature: signDigest(wasmTransactionSigningHash(transaction), malloryKey) }) }
}

async function evmTransfers(count) {
  const out = []
  for (let nonce = 0; nonce < count; nonce++) {
    const signed = await alice.signTransaction({ type: 'eip1559', chainId: 31337, nonce, to: '0x000000000000000000000000000000000000beef', value: 1n, gas: 21_000n, maxFeePerGas: 3_000_000_000n, maxPriorityFeePerGas: 1_000_000_000n })
    out.push({ environment: 'evm', payload: hexToBytes(signed) })
  }
  return out
}

async function run(hostile) {
  const directory = await mkdtemp(join(tmpdir(), 'bulkhead-isolation-'))
  const worker = (id, vm) => ({
    module: new URL('../dist/environment-worker.js', import.meta.url).href,
    export: 'createHostedEnvironment',
    options: { entry: { id, vm, options: {} }, chainId: 31337n, denom: 'wei', allocations, storage: { levelPath: join(directory, id) }, adapterBaseDirectory: directory },
    resourceLimits: { maxOldGenerationSizeMb: 512 },
  })
  const router = createRouter({
    environments: [
      { id: 'evm', worker: worker('evm', 'evm') },
      { id: 'wasm', worker: worker('wasm', 'wasm') },
    ],
    blockGasLimit: BLOCK_GAS,
    circuitBreaker: { failures: 1_000_000 }, // measure the flood itself, not the quarantine that would stop it
  })
  const transfers = await evmTransfers((blocks + 2) * perBlock)
  let height = 0n
  const block = async (transactions) => {
    const output = await router.runBlock({ context: { height: ++height, timestamp: 1_700_000_000n + height, parentHash: `0x${'00'.repeat(32)}`, gasLimit: BLOCK_GAS }, deliveries: [], transactions })
    await router.commit()
    return output
  }
  // Block 1: deploy the spinner; block 2: warm-up. Neither is measured.
  const deployed = await block([wasmTransaction(0n, { kind: 'deploy', code: spinCode, initArgs: new Uint8Array(0) }, 5_000_000n)])
  const spinner = deployed.receipts[0]?.contractAddress
  let malloryNonce = 1n
  const flood = () =>
    hostile ? Array.from({ length: 10 }, () => wasmTransaction(malloryNonce++, { kind: 'call', contract: spinner, function: 'run', args: new Uint8Array(0) }, 3_000_000n)) : []
  await block([...transfers.splice(0, perBlock), ...flood()])
  let ok = 0
  let hostileOutOfGas = 0
  const started = performance.now()
  for (let index = 0; index < blocks; index++) {
    const output = await block([...transfers.splice(0, perBlock), ...flood()])
    ok += output.receipts.filter((receipt) => receipt.environment === 'evm' && receipt.status === 'ok').length
    hostileOutOfGas += output.receipts.filter((receipt) => receipt.environment === 'wasm' && receipt.status === 'out_of_gas').length
  }
  const seconds = (performance.now() - started) / 1000
  await router.close()
  await rm(directory, { recursive: true, force: true })
  return { rate: ok / seconds, ok, hostileOutOfGas }
}

const quiet = await run(false)
const hostile = await run(true)
console.log(`EVM throughput, worker-hosted, ${perBlock} transfers per block, ${blocks} blocks:`)
console.log(`  quiet WASM neighbour:   ${quiet.rate.toFixed(0)} tx/s (${quiet.ok} ok)`)
console.log(`  hostile WASM neighbour: ${hostile.rate.toFixed(0)} tx/s (${hostile.ok} ok; neighbour ran ${hostile.hostileOutOfGas} infinite loops to their gas limit)`)
console.log(`  ratio ${(hostile.rate / quiet.rate).toFixed(2)} (target >= 0.9)`)
