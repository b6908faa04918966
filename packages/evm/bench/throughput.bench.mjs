// EVM throughput: N signed ERC-20 transfers through @bulkhead/evm and through raw
// @ethereumjs/vm runTx, on the same signed transactions, in the same process.
// Run after `pnpm build`:  node bench/throughput.bench.mjs [transactions] [perBlock]
// Defaults: 2,000 transactions, 1 and 100 per block, 3 runs per setup (mean of rates).
import { readFileSync } from 'node:fs'
import { createBlock, paramsBlock } from '@ethereumjs/block'
import { Common, Mainnet, createCustomCommon } from '@ethereumjs/common'
import { MerklePatriciaTrie } from '@ethereumjs/mpt'
import { Caches, MerkleStateManager } from '@ethereumjs/statemanager'
import { createTxFromRLP, paramsTx } from '@ethereumjs/tx'
import { Account, MapDB, ValueEncoding, createAddressFromString } from '@ethereumjs/util'
import { createVM, runTx } from '@ethereumjs/vm'
import { createKeccak } from 'hash-wasm'
import { encodeDeployData, encodeFunctionData, hexToBytes, parseEther } from 'viem'
import { privateKeyToAccount } from 'viem/accounts'
import { createRequire } from 'node:module'
import { createEVMEnvironment } from '../dist/index.js'

const require = createRequire(import.meta.url)
const contracts = JSON.parse(readFileSync(new URL('../src/__fixtures__/contracts.json', import.meta.url), 'utf8'))
const total = Number(process.argv[2] ?? 2000)
const blockSizes = process.argv[3] === undefined ? [1, 100] : [Number(process.argv[3])]
const runs = Number(process.env.BENCH_RUNS ?? 3)
const alice = privateKeyToAccount('0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80')
const chainId = 31337
const gwei = 1_000_000_000n

async function signAll() {
  const deploy = hexToBytes(
    await alice.signTransaction({
      chainId, nonce: 0, type: 'eip1559', gas: 2_000_000n, maxFeePerGas: 3n * gwei, maxPriorityFeePerGas: gwei,
      data: encodeDeployData({ abi: contracts.Token.abi, bytecode: contracts.Token.bytecode, args: ['T', 'T', 10n ** 30n] }),
    }),
  )
  // The token's address: CREATE from alice at nonce 0.
  const token = '0x5fbdb2315678afecb367f032d93f642f64180aa3'
  const transfers = []
  for (let index = 0; index < total; index++) {
    const to = `0x${(index + 1).toString(16).padStart(40, '0')}`
    transfers.push(
      hexToBytes(
        await alice.signTransaction({
          chainId, nonce: index + 1, type: 'eip1559', gas: 100_000n, maxFeePerGas: 3n * gwei, maxPriorityFeePerGas: gwei, to: token,
          data: encodeFunctionData({ abi: contracts.Token.abi, functionName: 'transfer', args: [to, 1n] }),
        }),
      ),
    )
  }
  return { deploy, transfers }
}

function context(height) {
  return { height, timestamp: 1_700_000_000n + height, parentHash: `0x${height.toString(16).padStart(64, '0')}`, gasLimit: 30_000_000n }
}

/** The environment: runBlock + commit per block, exactly what a coordinator does. */
async function createEnvironmentSide(signed) {
  const env = await createEVMEnvironment({ genesis: { [alice.address.toLowerCase()]: { balance: parseEther('1000000') } }, logger: () => {} })
  let height = 1n
  const block = async (payloads) => {
    const { receipts } = await env.runBlock({ context: context(height++), deliveries: [], transactions: payloads.map((payload) => ({ environment: 'evm', payload })) })
    await env.commit()
    const failed = receipts.find((receipt) => receipt.status !== 'ok')
    if (failed) throw new Error(`environment: ${failed.status} ${failed.reason}`)
  }
  await block([signed.deploy])
  return {
    // "admitted": the mempool ran checkTransaction (decode + sender recovery) before block production.
    prepare: async (payloads, admitted) => {
      if (admitted) for (const payload of payloads) await env.checkTransaction({ environment: 'evm', payload })
      return payloads
    },
    block,
  }
}

/** The same engine setup a careful user of @ethereumjs would write: fast crypto, bytes trie, caches. */
async function createRawSide(signed) {
  const hasher = await createKeccak(256)
  const keccak256 = (data) => { hasher.init(); hasher.update(data); return hasher.digest('binary') }
  const native = require('secp256k1/bindings')
  const ecrecover = (hash, v, r, s, id) => {
    const recovery = v === 0n || v === 1n ? v : id === undefined ? v - 27n : v - (id * 2n + 35n)
    const signature = new Uint8Array(64)
    signature.set(r, 32 - r.length)
    signature.set(s, 64 - s.length)
    return native.ecdsaRecover(signature, Number(recovery), hash, false).subarray(1)
  }
  const common = createCustomCommon({ chainId }, Mainnet, { hardfork: 'prague', customCrypto: { keccak256, ecrecover } })
  common.updateParams(paramsTx)
  common.updateParams(paramsBlock)
  const trie = new MerklePatriciaTrie({ db: new MapDB(), useKeyHashing: true, valueEncoding: ValueEncoding.Bytes, common })
  const stateManager = new MerkleStateManager({ trie, common, caches: new Caches() })
  await stateManager.putAccount(createAddressFromString(alice.address), new Account(0n, parseEther('1000000')))
  const vm = await createVM({ common, stateManager })
  let height = 1n
  const block = async (inputs) => {
    const header = { number: height, timestamp: 1_700_000_000n + height, gasLimit: 30_000_000n, baseFeePerGas: gwei }
    height++
    const engineBlock = createBlock({ header }, { common })
    let gasUsed = 0n
    for (const input of inputs) {
      const tx = input instanceof Uint8Array ? createTxFromRLP(input, { common }) : input
      const result = await runTx(vm, { tx, block: engineBlock, blockGasUsed: gasUsed, skipHardForkValidation: true })
      if (result.execResult.exceptionError) throw new Error(`raw: ${result.execResult.exceptionError.error}`)
      gasUsed += result.totalGasSpent
    }
    return stateManager.getStateRoot()
  }
  await block([signed.deploy])
  return {
    prepare: async (payloads, admitted) =>
      admitted
        ? payloads.map((payload) => {
            const tx = createTxFromRLP(payload, { common })
            tx.getSenderAddress() // fills the sender cache of the frozen tx
            return tx
          })
        : payloads,
    block,
  }
}

/**
 * Both sides advance through the same transactions chunk by chunk, alternating which goes
 * first, and each side's time is summed over all chunks: on a shared machine, load changes
 * hit both sides alike instead of whichever ran during the spike.
 */
async function measure(signed, perBlock, admitted) {
  const sides = { environment: await createEnvironmentSide(signed), raw: await createRawSide(signed) }
  const seconds = { environment: 0, raw: 0 }
  const chunk = Math.max(perBlock, 50)
  for (let start = 0, round = 0; start < signed.transfers.length; start += chunk, round++) {
    const payloads = signed.transfers.slice(start, start + chunk)
    const order = round % 2 === 0 ? ['raw', 'environment'] : ['environment', 'raw']
    for (const name of order) {
      const inputs = await sides[name].prepare(payloads, admitted)
      const began = performance.now()
      for (let index = 0; index < inputs.length; index += perBlock) await sides[name].block(inputs.slice(index, index + perBlock))
      seconds[name] += (performance.now() - began) / 1000
    }
  }
  return { environment: signed.transfers.length / seconds.environment, raw: signed.transfers.length / seconds.raw }
}

const signed = await signAll()
console.log(`EVM throughput: ${total} signed ERC-20 transfers, node ${process.version}, ${runs} runs, interleaved`)
console.log('decoded: decode + sender recovery inside the timed block loop; admitted: done before it (mempool), on both sides')
for (const admitted of [false, true]) {
  for (const perBlock of blockSizes) {
    let environment = 0
    let raw = 0
    for (let run = 0; run < runs; run++) {
      const rates = await measure(signed, perBlock, admitted)
      environment += rates.environment / runs
      raw += rates.raw / runs
    }
    console.log(
      `${admitted ? 'admitted' : 'decoded '} ${String(perBlock).padStart(4)} tx/block  @bulkhead/evm ${environment.toFixed(0).padStart(6)} tx/s   raw runTx ${raw.toFixed(0).padStart(6)} tx/s   ratio ${(environment / raw).toFixed(2)}`,
    )
  }
}
