import type { CommandIO } from '../decode-command.js'
import { parseRemoteArguments } from './remote-options.js'
import { rpcRequest } from './rpc-request.js'

export const ENV_USAGE = `Usage: bulkhead env list [--rpc URL]
       bulkhead env pause ENV [--reason TEXT] --admin-token TOKEN [--rpc URL]
       bulkhead env resume ENV --admin-token TOKEN [--rpc URL]

Lists a running node's environments, or pauses and resumes one through a governance
transaction (admin token of the node required). --rpc defaults to http://127.0.0.1:8545.`

interface EnvironmentRow {
  id: string
  vm: string
  hosting: string
  status: string
  detail?: string
  head: { height: string }
  counters: { transactions: number; restarts: number; queueDepth: number } | null
}

/** `bulkhead env …`; returns the exit code. */
export async function envCommand(args: readonly string[], io: CommandIO): Promise<number> {
  const { values, positionals } = parseRemoteArguments(args)
  const [action, environment] = positionals
  if (values.help) {
    io.stdout(`${ENV_USAGE}\n`)
    return 0
  }
  if (action === 'list') {
    const rows = await rpcRequest<EnvironmentRow[]>(values.rpc, 'bulkhead_environments', [])
    io.stdout(`${['id', 'vm', 'hosting', 'status', 'height', 'transactions', 'queue', 'restarts'].join('\t')}\n`)
    for (const row of rows) {
      const counters = row.counters
      io.stdout(
        `${[row.id, row.vm, row.hosting, row.detail ? `${row.status} (${row.detail})` : row.status, BigInt(row.head.height), counters?.transactions ?? '-', counters?.queueDepth ?? '-', counters?.restarts ?? '-'].join('\t')}\n`,
      )
    }
    return 0
  }
  if ((action === 'pause' || action === 'resume') && environment !== undefined) {
    const method = action === 'pause' ? 'bulkhead_pauseEnvironment' : 'bulkhead_resumeEnvironment'
    const params = action === 'pause' ? [environment, values.reason ?? ''] : [environment]
    const result = await rpcRequest<{ hash: string; height?: string }>(values.rpc, method, params, values['admin-token'])
    io.stdout(`${action === 'pause' ? 'paused' : 'resumed'} ${environment} (governance transaction ${result.hash}${result.height ? `, block ${BigInt(result.height)}` : ''}); effective from the next block\n`)
    return 0
  }
  io.stderr(`${ENV_USAGE}\n`)
  return 2
}
