#!/usr/bin/env node
// Router benchmarks. Run after `pnpm build` (`pnpm bench` does both through turbo).
// Environments are the package's ledger test fixture (CPU work = Keccak rounds, metered by gas),
// transpiled on the fly, because @bulkhead/evm and @bulkhead/wasm are not ready yet.
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs'
import { availableParallelism, loadavg } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import ts from 'typescript'
import { createRouter } from '../dist/index.js'

const packageDirectory = join(dirname(fileURLToPath(import.meta.url)), '..')
const fixtures = join(packageDirectory, 'src', '__fixtures__')
const output = join(packageDirectory, 'node_modules', '.cache', 'router-bench')
mkdirSync(output, { recursive: true })
for (const name of ['ledger-environment', 'ledger-transaction', 'file-store']) {
  const source = readFileSync(join(fixtures, `${name}.ts`), 'utf8')
  const { outputText } = ts.transpileModule(source, {
    compilerOptions: { module: ts.ModuleKind.ES2022, target: ts.ScriptTarget.ES2022, verbatimModuleSyntax: true },
  })
  writeFileSync(join(output, `${name}.js.tmp`), outputText)
  renameSync(join(output, `${name}.js.tmp`), join(output, `${name}.js`))
}
const ledgerUrl = pathToFileURL(join(output, 'ledger-environment.js')).href
const { createLedgerEnvironment } = await import(ledgerUrl)

const encoder = new TextEncoder()
const address = (n) => `0x${n.toString(16).padStart(40, '0')}`
const context = (height, gasLimit) => ({
  height,
  timestamp: 1_700_000_000n + height,
  parentHash: `0x${'00'.repeat(32)}`,
  gasLimit,
})
const call = (environment, sender, nonce, work, gasLimit = 21_000 + work * 100) => ({
  environment,
  payload: encoder.encode(
    JSON.stringify({ sender: address(sender), nonce, gasLimit, op: 'call', to: address(0xc0 + (nonce % 7)), work }),
  ),
})
const worker = (id) => ({ module: ledgerUrl, export: 'createLedgerEnvironment', options: { id } })
const inProcess = async (id) => createLedgerEnvironment({ id })
const noBreaker = { failures: 1_000_000 }

async function timeBlocks(router, blocks, transactionsFor) {
  let height = (await router.head()).height
  // Warm up (worker start, JIT) outside the measurement.
  for (let warm = 0; warm < 2; warm++) {
    await router.runBlock({
      context: context(++height, 30_000_000n),
      deliveries: [],
      transactions: transactionsFor(Number(height)),
    })
    await router.commit()
  }
  let okCount = 0
  const started = performance.now()
  for (let block = 0; block < blocks; block++) {
    const out = await router.runBlock({
      context: context(++height, 30_000_000n),
      deliveries: [],
      transactions: transactionsFor(Number(height)),
    })
    okCount += out.receipts.filter((receipt) => receipt.status === 'ok').length
    await router.commit()
  }
  return { ms: performance.now() - started, okCount }
}

const print = (line) => process.stdout.write(`${line}\n`)
const load = () => loadavg()[0].toFixed(1)
print(
  `@bulkhead/router bench — node ${process.version}, ${availableParallelism()} CPUs, load average ${load()} at start`,
)

// (b) Two equally loaded CPU-bound environments: worker-hosted (parallel) vs in-process (sequential).
{
  const blocks = 8
  const perBlock = 24
  const work = 1_500
  const load = (height) =>
    ['alpha', 'beta'].flatMap((id) =>
      Array.from({ length: perBlock }, (_, n) => call(id, 1, height * perBlock + n, work)),
    )
  const sequential = createRouter({
    environments: [
      { id: 'alpha', environment: await inProcess('alpha') },
      { id: 'beta', environment: await inProcess('beta') },
    ],
  })
  const parallel = createRouter({
    environments: [
      { id: 'alpha', worker: worker('alpha') },
      { id: 'beta', worker: worker('beta') },
    ],
  })
  const seq = await timeBlocks(sequential, blocks, load)
  const par = await timeBlocks(parallel, blocks, load)
  await Promise.all([sequential.close(), parallel.close()])
  print(`(b) 2 envs x ${perBlock} tx/block x ${work} Keccak rounds, ${blocks} blocks:`)
  print(`    in-process sequential ${seq.ms.toFixed(0)} ms (${((seq.okCount / seq.ms) * 1000).toFixed(0)} tx/s)`)
  print(`    worker parallel       ${par.ms.toFixed(0)} ms (${((par.okCount / par.ms) * 1000).toFixed(0)} tx/s)`)
  print(`    speed-up ${(seq.ms / par.ms).toFixed(2)}x (target >= 1.6x on 2 cores)`)
}

// (c) Per-block cost of worker hosting: empty blocks, runBlock + commit.
{
  const blocks = 300
  const empty = () => []
  const direct = createRouter({ environments: [{ id: 'alpha', environment: await inProcess('alpha') }] })
  const hosted = createRouter({ environments: [{ id: 'alpha', worker: worker('alpha') }] })
  const a = await timeBlocks(direct, blocks, empty)
  const b = await timeBlocks(hosted, blocks, empty)
  await Promise.all([direct.close(), hosted.close()])
  const perDirect = (a.ms / blocks) * 1000
  const perHosted = (b.ms / blocks) * 1000
  print(`(c) empty block (runBlock + commit), ${blocks} blocks, one environment:`)
  print(
    `    in-process ${perDirect.toFixed(0)} µs/block, worker ${perHosted.toFixed(0)} µs/block, worker hosting costs ${(
      perHosted - perDirect
    ).toFixed(0)} µs/block (2 round trips)`,
  )
}

// (a') Stand-in for (a) until the EVM/WASM adapters land: a saturated environment's throughput
// with a quiet neighbour vs with a neighbour saturated by transactions that burn their whole
// gas limit and fail out of gas. Both worker-hosted, equal weights, packed by takeBlock.
{
  const blocks = 8
  const measure = async (hostileNeighbour) => {
    const router = createRouter({
      circuitBreaker: noBreaker,
      throttles: { maxTransactionsPerSender: 100_000, maxTransactionsPerContract: 100_000 },
      environments: [
        { id: 'main', worker: worker('main') },
        { id: 'neighbour', worker: worker('neighbour') },
      ],
    })
    let nonce = 0
    for (let n = 0; n < 2_000; n++) await router.submit(call('main', 1, nonce++, 1_500))
    if (hostileNeighbour)
      for (let n = 0; n < 2_000; n++) await router.submit(call('neighbour', 2, n, 1_000_000, 221_000))
    let height = 0n
    let ok = 0
    let started = 0
    for (let block = 0; block < blocks + 2; block++) {
      if (block === 2) started = performance.now()
      const transactions = router.takeBlock({ gasLimit: 12_000_000n })
      const out = await router.runBlock({ context: context(++height, 12_000_000n), deliveries: [], transactions })
      if (block >= 2)
        ok += out.receipts.filter((receipt) => receipt.status === 'ok' && receipt.environment === 'main').length
      await router.commit()
    }
    const ms = performance.now() - started
    const [main, neighbour] = router.telemetry().environments
    await router.close()
    const mean = (entry) => (entry.totalSegmentMs / entry.blocks).toFixed(0)
    return {
      throughput: (ok / ms) * 1000,
      neighbour,
      segments: `segment mean main ${mean(main)} ms, neighbour ${mean(neighbour)} ms`,
    }
  }
  const quiet = await measure(false)
  const noisy = await measure(true)
  print(`(a') ledger stand-in (EVM/WASM adapters not ready): main env saturated, 6M gas share per block`)
  print(
    `    quiet neighbour ${quiet.throughput.toFixed(
      0,
    )} tx/s; neighbour saturated with out-of-gas burners ${noisy.throughput.toFixed(0)} tx/s (${
      noisy.neighbour.outcomes.out_of_gas
    } out_of_gas)`,
  )
  print(`    quiet: ${quiet.segments}; saturated: ${noisy.segments}`)
  print(`    ratio ${(noisy.throughput / quiet.throughput).toFixed(2)} (target >= 0.9)`)
}
print(`load average ${load()} at end (parallel figures need idle cores: compare with the CPU count)`)
