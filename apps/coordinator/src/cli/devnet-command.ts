import { parseArgs } from 'node:util'
import pino from 'pino'
import pretty from 'pino-pretty'
import { lowerHelperThreadPriority, processThreads } from '../devnet/helper-thread-priority.js'
import { startDevnet, type DevnetOptions } from '../devnet/start-devnet.js'
import { createBulkheadNamespace } from '../rpc/bulkhead-namespace/index.js'
import { createEthNamespace } from '../rpc/eth-namespace/create-eth-namespace.js'
import type { CommandIO } from './decode-command.js'
import { DEVNET_USAGE } from './usages.js'
import { formatBanner } from './format-banner.js'


/** `bulkhead devnet`: runs until SIGINT/SIGTERM; returns the exit code. */
export async function devnetCommand(args: readonly string[], io: CommandIO, extra: Pick<DevnetOptions, 'namespaces'> = {}): Promise<number> {
  // Before any thread of the devnet's own (environment workers) exists: V8's helpers are among these.
  const startupThreads = processThreads()
  const { values } = parseArgs({
    args: [...args],
    options: {
      port: { type: 'string' },
      host: { type: 'string' },
      'data-dir': { type: 'string' },
      'in-memory': { type: 'boolean' },
      genesis: { type: 'string' },
      'block-time': { type: 'string' },
      'admin-token': { type: 'string' },
      'in-process': { type: 'boolean' },
      'background-nice': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
  })
  if (values.help) {
    io.stdout(`${DEVNET_USAGE}\n`)
    return 0
  }
  const problems: string[] = []
  const port = values.port === undefined ? 8545 : Number(values.port)
  if (!Number.isInteger(port) || port < 0 || port > 65_535) problems.push(`--port must be 0–65535, got ${values.port}`)
  const blockTime = values['block-time'] === undefined ? undefined : Number(values['block-time'])
  if (blockTime !== undefined && !(blockTime > 0)) problems.push(`--block-time must be a positive number of seconds, got ${values['block-time']}`)
  if (values['in-memory'] && values['data-dir'] !== undefined) problems.push('--in-memory and --data-dir exclude each other')
  const backgroundNice = values['background-nice'] === undefined ? 19 : Number(values['background-nice'])
  if (!Number.isInteger(backgroundNice) || backgroundNice < 0 || backgroundNice > 19) {
    problems.push(`--background-nice must be an integer from 0 to 19, got ${values['background-nice']}`)
  }
  if (problems.length > 0) {
    io.stderr(`${problems.join('\n')}\n\n${DEVNET_USAGE}\n`)
    return 2
  }
  // Not a terminal: lines written while a write is under way go out together (a block per
  // transaction would otherwise cost a write system call each); pino flushes on exit.
  const destination = process.stderr.isTTY ? pretty({ colorize: true, destination: 2 }) : pino.destination({ dest: 2, sync: false })
  const logger = pino({ level: process.env.BULKHEAD_LOG_LEVEL ?? 'info' }, destination)
  const devnet = await startDevnet({
    logger,
    port,
    ...(values.host === undefined ? {} : { host: values.host }),
    ...(values['data-dir'] === undefined ? {} : { dataDirectory: values['data-dir'] }),
    ...(values.genesis === undefined ? {} : { genesisFile: values.genesis }),
    ...(blockTime === undefined ? {} : { blockTime }),
    ...(values['admin-token'] === undefined ? {} : { adminToken: values['admin-token'] }),
    ...(values['in-process'] ? { hosting: 'in-process' as const } : {}),
    namespaces: (context) => ({
      ...createEthNamespace(context),
      ...createBulkheadNamespace({
        node: context.node,
        router: context.router,
        genesis: context.genesis,
        // With automine, bulkhead_sendRawTransaction mines at once and reports in-block refusals.
        send: context.send,
        // Admin methods sign with the first dev account that genesis lists as a governance key.
        ...governanceKeyOf(context),
      }),
      ...extra.namespaces?.(context),
    }),
  })
  io.stdout(formatBanner(devnet, { blockTime, generatedToken: values['admin-token'] === undefined }))
  void lowerHelperThreadPriority(startupThreads, backgroundNice).then((outcome) =>
    'lowered' in outcome
      ? logger.info(
          `V8's ${outcome.lowered.length} background threads (GC helpers, optimising compiler) run at nice ${outcome.nice}` +
            (outcome.idle > 0 ? `, ${outcome.idle} of them under SCHED_IDLE` : ''),
        )
      : logger.info(`V8's background threads keep their priority: ${outcome.skipped}`),
  )
  await new Promise<void>((resolve) => {
    const stop = (signal: string) => {
      logger.info(`${signal}: shutting down`)
      resolve()
    }
    process.once('SIGINT', () => stop('SIGINT'))
    process.once('SIGTERM', () => stop('SIGTERM'))
  })
  await devnet.close()
  await new Promise<void>((resolve) => logger.flush(() => resolve()))
  return 0
}

function governanceKeyOf(context: { accounts: readonly { address: string; privateKey: `0x${string}` }[]; genesis: { governance: readonly string[] } }) {
  const account = context.accounts.find((candidate) => context.genesis.governance.includes(candidate.address))
  return account === undefined ? {} : { governanceKey: account.privateKey }
}
