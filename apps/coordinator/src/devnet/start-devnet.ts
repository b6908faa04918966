import { randomBytes } from 'node:crypto'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { TransactionEnvelope } from '@bulkhead/core'
import type { Logger } from 'pino'
import type { Router } from '@bulkhead/router'
import { BUILTIN_FACTORIES } from '../node/builtin-factories.js'
import type { ChainGenesis } from '../genesis/chain-genesis.js'
import type { BulkheadNode } from '../node/create-node.js'
import type { ProducedBlock } from '../node/produced-block.js'
import { openChain } from '../node/open-chain.js'
import { resolveFactory } from '../node/resolve-factory.js'
import { createRpcDispatcher } from '../rpc/rpc-dispatcher.js'
import type { RpcMethods } from '../rpc/rpc-method.js'
import { startRpcServer } from '../rpc/rpc-server.js'
import { createEvmNamespace } from '../rpc/evm-namespace/create-evm-namespace.js'
import { openDataDirectory } from '../storage/data-directory.js'
import { createSharedLog, createSharedLogStore } from '../storage/shared-log-store.js'
import { createBlockLog } from './block-log.js'
import { createBlockProducer, type BlockProducer } from './block-producer.js'
import { createMetrics } from './create-metrics.js'
import { sendAdmitting, type Sent } from './send-admitting.js'
import { defaultDevnetGenesis } from './default-genesis.js'
import { deriveDevAccounts, type DevAccount } from './dev-accounts.js'
import { createDevnetClock, type DevnetClock } from './devnet-clock.js'

export interface DevnetOptions {
  /** Default `127.0.0.1`: the devnet is not reachable from other machines unless told. */
  readonly host?: string
  /** Default 8545; 0 picks a free port. */
  readonly port?: number
  /** Keep the chain here across restarts; default: a temporary directory removed on close (`--in-memory`). */
  readonly dataDirectory?: string
  /** Start from this genesis file; default: EVM + WASM with the 10 dev accounts prefunded. */
  readonly genesisFile?: string
  /** Seconds between blocks; default: automine (a block per transaction). */
  readonly blockTime?: number
  /** Bearer token for admin methods; default: generated. */
  readonly adminToken?: string
  /** `worker` (default): every environment in its own heap-capped worker thread. */
  readonly hosting?: 'worker' | 'in-process'
  readonly logger: Logger
  /** Extra JSON-RPC namespaces, given the running chain (eth_, bulkhead_). */
  readonly namespaces?: (context: DevnetContext) => RpcMethods
}

/** What the JSON-RPC namespaces of a devnet work with. */
export interface DevnetContext {
  readonly genesis: ChainGenesis
  readonly node: BulkheadNode
  readonly router: Router
  readonly producer: BlockProducer
  readonly clock: DevnetClock
  readonly accounts: readonly DevAccount[]
  /**
   * Submits a transaction. With automine, its check runs inside its block's own round trip to
   * the environment: `check` is known before `block` (the mined block, with the settling blocks
   * after it, or undefined when the transaction was refused or blocks come on an interval) is
   * committed.
   */
  readonly send: (transaction: TransactionEnvelope) => Promise<Sent>
}

export interface Devnet extends DevnetContext {
  readonly url: string
  readonly webSocketUrl: string
  readonly adminToken: string
  readonly dataDirectory: string
  readonly persistent: boolean
  close(): Promise<void>
}

/** Follow-up blocks automine produces so that a block's messages are delivered and acknowledged. */
const SETTLE_BLOCKS = 2

/** Starts a devnet: a node over a data directory, the JSON-RPC server, automine or a block interval. */
export async function startDevnet(options: DevnetOptions): Promise<Devnet> {
  const { logger } = options
  const accounts = deriveDevAccounts(10)
  const persistent = options.dataDirectory !== undefined
  const path = options.dataDirectory ?? (await mkdtemp(join(tmpdir(), 'bulkhead-devnet-')))
  const directory = await openDataDirectory({
    path,
    ...(options.genesisFile === undefined ? { genesisDocument: defaultDevnetGenesis(accounts) } : { genesisFile: options.genesisFile }),
    knownVMs: Object.keys(BUILTIN_FACTORIES),
  })
  const hosting = options.hosting ?? 'worker'
  // In memory, nothing has to survive the process, only a worker: each environment keeps its
  // state in a shared log that a restarted worker resumes from, the node its records in one of
  // its own (off the heap, as compact as the bytes themselves).
  const chainStore = persistent ? await directory.chainStore() : createSharedLogStore(createSharedLog())
  const { node, router } = await openChain({
    genesis: directory.genesis,
    store: chainStore,
    ...(hosting === 'worker'
      ? {
          workers: {
            storage: (id: string) => (persistent ? { levelPath: join(directory.path, 'envs', id) } : { sharedLog: createSharedLog() }),
            adapterBaseDirectory: directory.adapterBaseDirectory,
          },
        }
      : {
          factoryFor: (entry) => resolveFactory(entry, { builtins: BUILTIN_FACTORIES, baseDirectory: directory.adapterBaseDirectory }),
          environmentStore: (id: string) => (persistent ? directory.environmentStore(id) : createSharedLogStore(createSharedLog())),
        }),
    router: {
      onEvent: (event) => logger.warn({ event }, `router: ${event.kind}`),
    },
  })
  const clock = createDevnetClock()
  const producer = createBlockProducer(node, (parent) => clock.next(parent))
  const blockLog = createBlockLog(logger)
  producer.onBlock((produced) => blockLog.block(produced))
  // Automine also settles what a block sent: delivery takes one more block and the
  // acknowledgement another, so a transfer is final when the call returns. Capped, because
  // messages to a paused environment stay open until they time out.
  let lastAutomine: Promise<unknown> = Promise.resolve()
  /** Runs `mine` and then the settling blocks; every later call waits for them (`settled`). */
  const withSettling = (mine: () => Promise<ProducedBlock | undefined>) => {
    const run = (async () => {
      try {
        const produced = await mine()
        if (produced === undefined) return undefined
        for (let settle = 0; settle < SETTLE_BLOCKS && node.messages.snapshot().open.length > 0; settle++) await producer.mine()
        return produced
      } catch (error) {
        // Logged here too: the transaction that asked for the block may have had its answer already.
        logger.error({ err: error }, 'block production failed')
        throw error
      }
    })()
    lastAutomine = run.catch(() => undefined)
    return run
  }
  const send = async (transaction: TransactionEnvelope): Promise<Sent> => {
    if (options.blockTime !== undefined) return { check: await node.submit(transaction), block: Promise.resolve(undefined) }
    return sendAdmitting((onAdmitted) => withSettling(() => producer.mineAdmitting(transaction, onAdmitted)))
  }
  /** Resolves when the blocks asked for so far (with automine's settling blocks) are committed. */
  const settled = async () => {
    await lastAutomine
    await producer.settled()
  }
  const context: DevnetContext = { genesis: directory.genesis, node, router, producer, clock, accounts, send }
  const metrics = createMetrics(node, router)
  const adminToken = options.adminToken ?? randomBytes(24).toString('hex')
  const methods: RpcMethods = { ...createEvmNamespace({ node, producer, clock }), ...options.namespaces?.(context) }
  const server = await startRpcServer({
    // Every call waits for the blocks being produced: a transaction's hash is answered before
    // its block (automine), and what is read afterwards must include it.
    dispatcher: createRpcDispatcher({ methods, beforeCall: settled, onInternalError: (method, error) => logger.error({ err: error, method }, `internal error in ${method}`) }),
    host: options.host ?? '127.0.0.1',
    port: options.port ?? 8545,
    adminToken,
    metrics: async () => ({ contentType: metrics.contentType, body: await metrics.collect() }),
    onError: (error) => logger.error({ err: error }, 'rpc server error'),
  })
  const interval =
    options.blockTime === undefined
      ? undefined
      : setInterval(() => {
          producer.mine().catch((error: unknown) => logger.error({ err: error }, 'block production failed'))
        }, options.blockTime * 1000)
  return {
    ...context,
    url: server.url,
    webSocketUrl: server.webSocketUrl,
    adminToken,
    dataDirectory: directory.path,
    persistent,
    async close() {
      if (interval !== undefined) clearInterval(interval)
      await server.close()
      blockLog.flush()
      await producer.exclusive(async () => {
        await node.close()
        // In memory, the node's store is not the directory's: close it here.
        if (!persistent) await chainStore.close()
        await directory.close()
      })
      if (!persistent) await rm(path, { recursive: true, force: true })
    },
  }
}
