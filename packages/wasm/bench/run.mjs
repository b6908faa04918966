// Benchmarks of @bulkhead/wasm, printed in one run (build first: `pnpm build`).
//   1. metered vs unmetered time of a loop-heavy and a call-heavy function
//   2. token transfers per second through the environment (signed, 100 per block, committed)
//   3. validation + instrumentation time of a ~100 KB module
import { readFileSync } from 'node:fs'
import { performance } from 'node:perf_hooks'
import { encodeSignedWasmTransaction, encodeWasmTransaction } from '@bulkhead/proto'
import { privateKeyToAccount } from 'viem/accounts'
import wabtInit from 'wabt'
import {
  DEFAULT_VALIDATION_LIMITS,
  GAS_SCHEDULE_V2,
  METERING_EXPORTS,
  contractAddress,
  createWASMEnvironment,
} from '../dist/index.js'
import { instrumentModule, validateModule } from '../dist/tooling.js'

const wabt = await wabtInit()
const wat = (source) => {
  const module = wabt.parseWat('bench.wat', source, {})
  try {
    return new Uint8Array(module.toBinary({}).buffer)
  } finally {
    module.destroy()
  }
}
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]
const meterOptions = { schedule: GAS_SCHEDULE_V2, maxMemoryPages: 512, maxCallDepth: 1024 }

// ── 1. metering overhead ────────────────────────────────────────────────────────────
const kernels = wat(`(module (memory 1)
  (func (export "loop") (param $n i32) (result i32) (local $acc i32) (local $x i32)
    (local.set $x (i32.const 12345))
    (block $done (loop $next
      (br_if $done (i32.eqz (local.get $n)))
      (local.set $x (i32.xor (local.get $x) (i32.shl (local.get $x) (i32.const 13))))
      (local.set $x (i32.xor (local.get $x) (i32.shr_u (local.get $x) (i32.const 17))))
      (local.set $x (i32.xor (local.get $x) (i32.shl (local.get $x) (i32.const 5))))
      (local.set $acc (i32.add (local.get $acc) (i32.and (local.get $x) (i32.const 255))))
      (i32.store (i32.and (local.get $x) (i32.const 1020)) (local.get $acc))
      (local.set $n (i32.sub (local.get $n) (i32.const 1)))
      (br $next)))
    (local.get $acc))
  (func $fib (param $n i32) (result i32)
    (if (result i32) (i32.lt_u (local.get $n) (i32.const 2)) (then (local.get $n))
      (else (i32.add (call $fib (i32.sub (local.get $n) (i32.const 1))) (call $fib (i32.sub (local.get $n) (i32.const 2)))))))
  (export "calls" (func $fib)))`)

function kernel(bytes, metered, name) {
  const exports = new WebAssembly.Instance(new WebAssembly.Module(bytes), {}).exports
  return (argument) => {
    if (metered) exports[METERING_EXPORTS.gas].value = 1n << 62n
    const start = performance.now()
    exports[name](argument)
    return performance.now() - start
  }
}

const meteredKernels = instrumentModule(kernels, meterOptions)
// The machine is shared: runs alternate between the two builds and the fastest of each is
// kept, the least disturbed measurement of the same work.
console.log('metering overhead (fastest of 15 alternating runs after 3 warm-ups)')
for (const [label, name, argument] of [
  ['loop-heavy (xorshift, 20M iterations)', 'loop', 20_000_000],
  ['call-heavy (recursive fib(30), 2.7M calls)', 'calls', 30],
]) {
  const plainRun = kernel(kernels, false, name)
  const meteredRun = kernel(meteredKernels, true, name)
  const plain = []
  const metered = []
  for (let round = 0; round < 18; round++) {
    plain.push(plainRun(argument))
    metered.push(meteredRun(argument))
  }
  const best = (values) => Math.min(...values.slice(3))
  console.log(`  ${label}: unmetered ${best(plain).toFixed(1)} ms, metered ${best(metered).toFixed(1)} ms, ratio ${(best(metered) / best(plain)).toFixed(2)}`)
}

// ── 2. token transfers through the environment ──────────────────────────────────────
const account = privateKeyToAccount('0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80')
const sender = account.address.toLowerCase()
const token = new Uint8Array(readFileSync(new URL('../sdk/build/token.wasm', import.meta.url)))
async function sign(nonce, action) {
  const transaction = { chainId: 31337n, environment: 'wasm', nonce, gasLimit: 1_000_000n, gasPrice: 1n, value: 0n, action }
  const signature = await account.signMessage({ message: { raw: encodeWasmTransaction(transaction) } })
  return { environment: 'wasm', payload: encodeSignedWasmTransaction({ transaction, signature }) }
}
const transfers = 2_000
const perBlock = 100
const environment = await createWASMEnvironment({ genesis: { [sender]: 10n ** 24n } })
const tokenAddress = contractAddress(sender, 0n)
const context = (height) => ({ height, timestamp: 1_700_000_000n + height, parentHash: `0x${'00'.repeat(32)}`, gasLimit: 30_000_000_000n })
await environment.runBlock({ context: context(1n), deliveries: [], transactions: [await sign(0n, { kind: 'deploy', code: token, initArgs: new Uint8Array(0) })] })
await environment.commit()
const signed = []
for (let index = 0; index < transfers; index++) {
  const args = new Uint8Array(28)
  args[19] = (index % 200) + 1
  new DataView(args.buffer).setBigUint64(20, 1n, true)
  signed.push(await sign(BigInt(index + 1), { kind: 'call', contract: tokenAddress, function: 'transfer', args }))
}
const started = performance.now()
let ok = 0
for (let offset = 0, height = 2n; offset < transfers; offset += perBlock, height++) {
  const output = await environment.runBlock({ context: context(height), deliveries: [], transactions: signed.slice(offset, offset + perBlock) })
  ok += output.receipts.filter((receipt) => receipt.status === 'ok').length
  await environment.commit()
}
const seconds = (performance.now() - started) / 1000
console.log(`token transfers: ${ok}/${transfers} ok, ${(transfers / seconds).toFixed(0)} tx/s (${perBlock} per block, decode + secp256k1 recovery + run + trie root + commit)`)
await environment.close()

// ── 3. instrumentation time of a ~100 KB module ─────────────────────────────────────
const functions = Array.from(
  { length: 1_400 },
  (_, index) => `(func (export "f${index}") (param $n i32) (result i32) (local $acc i32)
    (block $done (loop $next (br_if $done (i32.eqz (local.get $n)))
      (if (i32.and (local.get $n) (i32.const 1)) (then (local.set $acc (i32.add (local.get $acc) (i32.const ${index}))))
        (else (local.set $acc (i32.mul (local.get $acc) (i32.const 3)))))
      (i32.store (i32.const 64) (local.get $acc))
      (local.set $n (i32.sub (local.get $n) (i32.const 1))) (br $next)))
    (local.get $acc))`,
).join('\n')
const large = wat(`(module (memory 1) ${functions})`)
const timings = []
let meteredSize = 0
for (let round = 0; round < 5; round++) {
  const start = performance.now()
  validateModule(large, DEFAULT_VALIDATION_LIMITS)
  meteredSize = instrumentModule(large, meterOptions).length
  timings.push(performance.now() - start)
}
console.log(`instrumentation: ${(large.length / 1024).toFixed(0)} KiB module -> ${(meteredSize / 1024).toFixed(0)} KiB metered, validate + instrument median ${median(timings).toFixed(0)} ms`)
