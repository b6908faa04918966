#!/usr/bin/env node
// Runs the shared peer workload (../shared/bench-peers: 2,000 ETH transfers and 1,000 ERC-20
// transfers, each waiting for its receipt) against `bulkhead devnet` and, in the same run, the
// peer devnets that harness installs, then prints the side-by-side table.
//
//   node bench/peers.mjs [--runs 3] [--peers anvil,hardhat2,hardhat3,ganache] [--harness DIR]
//
// The harness directory is read-only, so it is copied to a temporary directory first; the
// peers install there from their lockfiles (npm registry only). Build first (`pnpm build`).
//
// The nodes take turns, one run each, in an order that alternates from round to round
// (Bulkhead first, then last, ...): this machine's speed drifts by a fifth within minutes, and
// a peer's runs all made in one stretch compare it with the others' made in another.
import { spawnSync } from 'node:child_process'
import { cpSync, existsSync, mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const { values } = parseArgs({
  options: {
    runs: { type: 'string', default: '3' },
    peers: { type: 'string', default: 'anvil,hardhat2' },
    harness: { type: 'string', default: resolve(root, '..', 'shared', 'bench-peers') },
    transfers: { type: 'string', default: '2000' },
    erc20: { type: 'string', default: '1000' },
  },
})
if (!existsSync(join(values.harness, 'bench.mjs'))) {
  console.error(`No peer harness at ${values.harness}; pass --harness DIR`)
  process.exit(2)
}
const cli = join(root, 'apps', 'coordinator', 'dist', 'cli.js')
if (!existsSync(cli)) {
  console.error('Build first: pnpm build')
  process.exit(2)
}
const work = mkdtempSync(join(tmpdir(), 'bulkhead-peers-'))
cpSync(values.harness, work, { recursive: true })
spawnSync('chmod', ['-R', 'u+w', work])
const run = (command, args, env = {}) => {
  console.error(`$ ${command} ${args.join(' ')}`)
  const result = spawnSync(command, args, { cwd: work, stdio: 'inherit', env: { ...process.env, ...env } })
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} exited ${result.status}`)
}
const peers = values.peers.split(',').filter(Boolean)
run('./install.sh', ['workload', ...peers])
const envOf = (node) => (node === 'bulkhead' ? { BULKHEAD_CMD: `node ${cli} devnet --in-memory --port PORT`, BULKHEAD_DIR: root } : {})
const nodes = ['bulkhead', ...peers]
for (let round = 1; round <= Number(values.runs); round++) {
  for (const node of round % 2 === 1 ? nodes : [...nodes].reverse()) {
    const turn = ['--runs', '1', '--first-run', String(round), '--transfers', values.transfers, '--erc20', values.erc20]
    run('node', ['bench.mjs', node, ...turn], envOf(node))
  }
}
// Each turn wrote one run's summary; the medians are over all of a node's runs.
for (const node of nodes) run('node', ['bench.mjs', node, '--summarize-only'], envOf(node))
run('node', ['summarize.mjs'])
console.error(`\nresults: ${join(work, 'results')}`)
