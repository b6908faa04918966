import { parseArgs } from 'node:util'
import { replayChain } from '../replay/replay-chain.js'
import { openDataDirectory } from '../storage/data-directory.js'
import { BUILTIN_FACTORIES } from '../node/builtin-factories.js'
import type { CommandIO } from './decode-command.js'
import { REPLAY_USAGE } from './usages.js'
import { openNodeFromDirectory } from './open-node-from-directory.js'
import { createProgressBar } from './progress-bar.js'


/** `bulkhead replay`; returns the exit code. */
export async function replayCommand(args: readonly string[], io: CommandIO): Promise<number> {
  const { values } = parseArgs({ args: [...args], options: { 'data-dir': { type: 'string' }, help: { type: 'boolean', short: 'h' } }, strict: true })
  if (values.help) {
    io.stdout(`${REPLAY_USAGE}\n`)
    return 0
  }
  if (values['data-dir'] === undefined) {
    io.stderr(`${REPLAY_USAGE}\n`)
    return 2
  }
  const directory = await openDataDirectory({ path: values['data-dir'], knownVMs: Object.keys(BUILTIN_FACTORIES) })
  try {
    const stored = await openNodeFromDirectory(directory, 'stored')
    const head = stored.node.head()
    const fresh = await openNodeFromDirectory(directory, 'fresh')
    const progress = createProgressBar('replaying block', head.height)
    const result = await replayChain({ source: stored.node.chain, toHeight: head.height, fresh: fresh.node, onProgress: (height) => progress.update(height) })
    progress.done()
    await fresh.node.close()
    await stored.node.close()
    if (result.status === 'match') {
      io.stdout(`all ${result.blocks} blocks match: every receipt, state root, message root and transaction root\n`)
      return 0
    }
    const { divergence } = result
    io.stdout(
      [
        `diverged at block ${divergence.height} (${result.blocks} blocks matched before it)`,
        `  what: ${divergence.what}`,
        ...(divergence.environment === undefined ? [] : [`  environment: ${divergence.environment}`]),
        ...(divergence.transactionIndex === undefined ? [] : [`  transaction: #${divergence.transactionIndex} ${divergence.transactionHash ?? ''}`.trimEnd()]),
        `  stored:   ${divergence.expected}`,
        `  replayed: ${divergence.actual}`,
        '',
      ].join('\n'),
    )
    return 1
  } finally {
    await directory.close()
  }
}
