import { existsSync } from 'node:fs'
import { mkdir, readFile, readdir, writeFile } from 'node:fs/promises'
import { dirname, join, resolve } from 'node:path'
import { StorageError, type KeyValueStore } from '@bulkhead/core'
import { genesisHash } from '@bulkhead/proto'
import { createLevelStore } from '@bulkhead/storage'
import type { ChainGenesis } from '../genesis/chain-genesis.js'
import { genesisToProto } from '../genesis/genesis-to-proto.js'
import { parseGenesis } from '../genesis/parse-genesis.js'

/**
 * A node's data directory:
 *
 * ```
 * DIR/genesis.json    the genesis document the chain started from
 * DIR/node.json       where relative adapter paths resolve (the genesis file's directory)
 * DIR/chain/          LevelDB: blocks, messages, ledger, audit log, head
 * DIR/envs/<id>/      LevelDB per environment: state isolation down to the disk
 * ```
 */
export interface DataDirectory {
  readonly path: string
  readonly genesis: ChainGenesis
  /** The genesis document as stored. */
  readonly document: unknown
  /** Where relative adapter module paths resolve. */
  readonly adapterBaseDirectory: string
  /** The node's own store, opened on first use (an in-memory devnet never opens it). */
  chainStore(): Promise<KeyValueStore>
  /** An environment's store, opened on first use. */
  environmentStore(id: string): Promise<KeyValueStore>
  close(): Promise<void>
}

export interface OpenDataDirectoryOptions {
  readonly path: string
  /** Required for a new directory (or `genesisDocument`); for an existing one it must be the same chain. */
  readonly genesisFile?: string
  /** A genesis given as a parsed document instead of a file (the devnet's default); used only for a new directory. */
  readonly genesisDocument?: unknown
  /** Built-in VM kinds, for genesis validation. */
  readonly knownVMs: readonly string[]
}

/** Opens (or, with a genesis file, creates) a data directory; refuses one that is half-written or of another chain. */
export async function openDataDirectory(options: OpenDataDirectoryOptions): Promise<DataDirectory> {
  const path = resolve(options.path)
  const storedGenesis = join(path, 'genesis.json')
  let document: unknown
  let adapterBaseDirectory: string
  if (existsSync(storedGenesis)) {
    document = await readJSON(storedGenesis, 'the stored genesis')
    const node = (await readJSON(join(path, 'node.json'), 'node.json')) as { adapterBaseDirectory?: unknown }
    if (typeof node.adapterBaseDirectory !== 'string') throw new StorageError(`${join(path, 'node.json')} is missing adapterBaseDirectory`)
    adapterBaseDirectory = node.adapterBaseDirectory
    if (options.genesisFile !== undefined) {
      const given = parseGenesis(await readJSON(options.genesisFile, options.genesisFile), { knownVMs: options.knownVMs, source: options.genesisFile })
      const stored = parseGenesis(document, { knownVMs: options.knownVMs, source: storedGenesis })
      if (genesisHash(genesisToProto(given)) !== genesisHash(genesisToProto(stored))) {
        throw new StorageError(`The data directory ${path} belongs to another chain than ${options.genesisFile}`, {
          details: ['Use another --data-dir for this genesis, or leave out --genesis to continue the stored chain.'],
        })
      }
    }
  } else {
    if (existsSync(path) && (await readdir(path)).length > 0) {
      throw new StorageError(`${path} is not empty but has no genesis.json`, {
        details: ['It is half-written or not a bulkhead data directory; nothing was changed.'],
      })
    }
    if (options.genesisFile === undefined && options.genesisDocument === undefined) {
      throw new StorageError(`${path} holds no chain yet`, { details: ['Pass --genesis FILE to start one there.'] })
    }
    const source = options.genesisFile ?? 'the default genesis'
    document = options.genesisFile === undefined ? options.genesisDocument : await readJSON(options.genesisFile, options.genesisFile)
    parseGenesis(document, { knownVMs: options.knownVMs, source })
    adapterBaseDirectory = options.genesisFile === undefined ? process.cwd() : dirname(resolve(options.genesisFile))
    await mkdir(path, { recursive: true })
    await writeFile(join(path, 'node.json'), `${JSON.stringify({ adapterBaseDirectory }, null, 2)}\n`)
    // Written last: its presence marks a directory that was fully set up.
    await writeFile(storedGenesis, `${JSON.stringify(document, null, 2)}\n`)
  }
  const genesis = parseGenesis(document, { knownVMs: options.knownVMs, source: storedGenesis })
  let chainStore: Promise<KeyValueStore> | undefined
  const environments = new Map<string, Promise<KeyValueStore>>()
  return {
    path,
    genesis,
    document,
    adapterBaseDirectory,
    chainStore() {
      chainStore ??= createLevelStore({ path: join(path, 'chain') })
      return chainStore
    },
    environmentStore(id) {
      let store = environments.get(id)
      if (store === undefined) {
        store = createLevelStore({ path: join(path, 'envs', id) })
        environments.set(id, store)
      }
      return store
    },
    async close() {
      await Promise.all([...environments.values()].map(async (store) => (await store).close()))
      await (await chainStore)?.close()
    },
  }
}

async function readJSON(path: string, what: string): Promise<unknown> {
  let text: string
  try {
    text = await readFile(path, 'utf8')
  } catch (error) {
    throw new StorageError(`Cannot read ${what} (${path})`, { cause: error })
  }
  try {
    return JSON.parse(text)
  } catch (error) {
    throw new StorageError(`${what} (${path}) is not valid JSON`, { cause: error, details: [(error as Error).message] })
  }
}
