// A node whose environments run in workers over LevelDB, producing blocks with work for alpha
// only as fast as it can until it is killed: beta's empty blocks are answered by its worker
// host and owed to its worker for up to 200 ms. Prints `committed <height>` after each block.
// Usage: node owed-blocks-child.mjs <data-dir>
import { join } from 'node:path'
import { encodeCounterTransaction } from '@bulkhead/example-counter-adapter'
import { createLevelStore } from '@bulkhead/storage'
import { openChain, parseGenesis } from '../../dist/index.js'
import { counterAdapterGenesis, workersIn } from '../fixtures/counter-adapter-genesis.mjs'

const directory = process.argv[2]
const store = await createLevelStore({ path: join(directory, 'chain') })
const genesis = parseGenesis(counterAdapterGenesis, { knownVMs: [] })
const { node, router } = await openChain({ genesis, store, workers: workersIn(directory) })
const alice = counterAdapterGenesis.environments[0].allocations
const from = Object.keys(alice)[0]

let nonce = await router.environment('alpha').query({ method: 'nonce', address: from })
for (;;) {
  const payload = encodeCounterTransaction({ from, nonce: nonce++, gasLimit: 100_000n, operation: { type: 'deploy', initial: 1n } })
  const { block } = await node.produceBlock({ transactions: [{ environment: 'alpha', payload }] })
  process.stdout.write(`committed ${block.header.height}\n`)
}
