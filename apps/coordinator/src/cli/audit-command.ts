import { createWriteStream } from 'node:fs'
import { parseArgs } from 'node:util'
import { createChainStore } from '../chain/chain-store.js'
import { toTaggedJSON } from '../chain/tagged-json.js'
import { BUILTIN_FACTORIES } from '../node/builtin-factories.js'
import { openDataDirectory } from '../storage/data-directory.js'
import type { CommandIO } from './decode-command.js'
import { AUDIT_USAGE } from './usages.js'


/** `bulkhead audit export`; returns the exit code. */
export async function auditCommand(args: readonly string[], io: CommandIO): Promise<number> {
  const [subcommand, ...rest] = args
  const { values } = parseArgs({
    args: rest,
    options: { 'data-dir': { type: 'string' }, from: { type: 'string' }, out: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
    strict: true,
  })
  if (subcommand === '--help' || subcommand === '-h' || values.help) {
    io.stdout(`${AUDIT_USAGE}\n`)
    return 0
  }
  if (subcommand !== 'export' || values['data-dir'] === undefined || (values.from !== undefined && !/^\d+$/.test(values.from))) {
    io.stderr(`${AUDIT_USAGE}\n`)
    return 2
  }
  const directory = await openDataDirectory({ path: values['data-dir'], knownVMs: Object.keys(BUILTIN_FACTORIES) })
  const out = values.out === undefined ? undefined : createWriteStream(values.out)
  const write = (line: string) => (out === undefined ? io.stdout(line) : out.write(line))
  let lines = 0
  try {
    for await (const entry of createChainStore((await directory.chainStore()).namespace('chain')).audit(BigInt(values.from ?? 0))) {
      write(`${toTaggedJSON(entry)}\n`)
      lines++
    }
  } finally {
    await new Promise<void>((resolve) => (out === undefined ? resolve() : out.end(resolve)))
    await directory.close()
  }
  if (out !== undefined) io.stderr(`wrote ${lines} audit entries to ${values.out}\n`)
  return 0
}
