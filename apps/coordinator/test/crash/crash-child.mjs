// A node that produces blocks with cross-environment traffic as fast as it can, over LevelDB,
// until it is killed. It prints `committed <height>` once a block's write has returned.
// Usage: node crash-child.mjs <data-dir>
import { createEnvironment, encodeCounterTransaction } from '@bulkhead/example-counter-adapter'
import { createLevelStore } from '@bulkhead/storage'
import { openChain, parseGenesis } from '../../dist/index.js'
import { genesisDocument } from './crash-genesis.mjs'

const store = await createLevelStore({ path: process.argv[2] })
const { accounts: _, ...document } = genesisDocument
const genesis = parseGenesis(document, { knownVMs: ['counter'] })
const { node, router } = await openChain({ genesis, store, factoryFor: () => createEnvironment })
const accounts = { alpha: genesisDocument.accounts.alice, beta: genesisDocument.accounts.bob }

for (;;) {
  const transactions = []
  for (const [source, destination] of [['alpha', 'beta'], ['beta', 'alpha']]) {
    let nonce = await router.environment(source).query({ method: 'nonce', address: accounts[source] })
    for (let index = 0; index < 5; index++) {
      const operation = { type: 'send', destination, receiver: accounts[destination], amount: BigInt(1 + index) }
      const transaction = { from: accounts[source], nonce: nonce++, gasLimit: 100_000n, operation }
      transactions.push({ environment: source, payload: encodeCounterTransaction(transaction) })
    }
  }
  const { block } = await node.produceBlock({ transactions })
  process.stdout.write(`committed ${block.header.height}\n`)
}
