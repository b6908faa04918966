// Coordinator benchmarks (run after `pnpm build`): committed cross-environment round trips per
// second, and restart time of a 10,000-block chain. Environments are the example counter VM,
// so the figures measure the coordinator (delivery, sequencing, ledger, atomic writes), not a VM.
//
//   node bench/coordinator.bench.mjs [--round-trips N] [--blocks N]
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import { createEnvironment, encodeCounterTransaction } from '@bulkhead/example-counter-adapter'
import { createLevelStore } from '@bulkhead/storage'
import { openChain, parseGenesis } from '../dist/index.js'

const { values } = parseArgs({ options: { 'round-trips': { type: 'string', default: '20000' }, blocks: { type: 'string', default: '10000' } } })
const alice = '0xf39fd6e51aad88f6f4ce6ab8827279cfffb92266'
const bob = '0x70997970c51812dc3a010c7d01b50e0d17dc79c8'
const genesis = parseGenesis(
  {
    chainId: 31337,
    nativeDenom: 'ucount',
    blockGasLimit: 1_000_000_000,
    governance: [alice],
    environments: [
      { id: 'alpha', vm: 'counter', allocations: { [alice]: '1000000000000000' }, options: {} },
      { id: 'beta', vm: 'counter', allocations: { [bob]: '1000000000000000' } },
    ],
  },
  { knownVMs: ['counter'] },
)
const limits = { transactionGasLimit: 1_000_000n, blockGasLimit: 1_000_000_000n, maxTransactionBytes: 4096, maxCallDepth: 1, maxMessagesPerTransaction: 16 }
const factory = (options) => createEnvironment({ ...options, options: { limits } })

async function open(path) {
  const store = await createLevelStore({ path })
  const opened = await openChain({ genesis, store, factoryFor: () => factory })
  return { ...opened, store }
}

function sends(from, to, receiver, firstNonce, count) {
  return Array.from({ length: count }, (_, index) => ({
    environment: from,
    payload: encodeCounterTransaction({ from: from === 'alpha' ? alice : bob, nonce: firstNonce + BigInt(index), gasLimit: 100_000n, operation: { type: 'send', destination: to, receiver, amount: 1n } }),
  }))
}

const directory = await mkdtemp(join(tmpdir(), 'bulkhead-bench-'))
try {
  // 1. Round trips: every block sends `perBlock` transfers each way; a round trip is done when its
  // acknowledgement is committed back at the source (send in N, deliver in N+1, ack in N+2).
  const roundTrips = Number(values['round-trips'])
  const perBlock = 250
  const chain = await open(join(directory, 'round-trips'))
  let nonce = 0n
  const warmup = 4
  for (let block = 0; block < warmup; block++) {
    await chain.node.produceBlock({ transactions: [...sends('alpha', 'beta', bob, nonce, perBlock), ...sends('beta', 'alpha', alice, nonce, perBlock)] })
    nonce += BigInt(perBlock)
  }
  let acknowledged = 0
  const started = performance.now()
  while (acknowledged < roundTrips) {
    const { block } = await chain.node.produceBlock({ transactions: [...sends('alpha', 'beta', bob, nonce, perBlock), ...sends('beta', 'alpha', alice, nonce, perBlock)] })
    nonce += BigInt(perBlock)
    acknowledged += block.messages.filter((message) => message.body.kind === 'acknowledgement').length
  }
  const seconds = (performance.now() - started) / 1000
  console.log(`cross-environment round trips (send -> deliver -> ack, committed to LevelDB): ${acknowledged} in ${seconds.toFixed(2)} s = ${(acknowledged / seconds).toFixed(0)}/s (target >= 500/s)`)
  await chain.node.close()
  await chain.store.close()

  // 2. Restart: a chain of `blocks` blocks (one transfer each), closed, then opened again.
  const blocks = Number(values.blocks)
  const long = await open(join(directory, 'restart'))
  const building = performance.now()
  for (let height = 0; height < blocks; height++) {
    await long.node.produceBlock({ transactions: sends('alpha', 'beta', bob, BigInt(height), 1) })
    if ((height + 1) % 2000 === 0) process.stderr.write(`  built ${height + 1}/${blocks} blocks (${((height + 1) / ((performance.now() - building) / 1000)).toFixed(0)} blocks/s)\n`)
  }
  await long.node.close()
  await long.store.close()
  const restarting = performance.now()
  const reopened = await open(join(directory, 'restart'))
  const restartMs = performance.now() - restarting
  console.log(`restart of a ${blocks}-block chain (open LevelDB, check head, resume message book, align environments): ${restartMs.toFixed(0)} ms at height ${reopened.node.head().height} (target <= 2000 ms)`)
  await reopened.node.produceBlock({ transactions: [] })
  await reopened.node.close()
  await reopened.store.close()
} finally {
  await rm(directory, { recursive: true, force: true })
}
