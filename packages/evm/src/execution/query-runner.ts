import {
  type Address,
  type CallQuery,
  type CallQueryResult,
  type EstimateGasQueryResult,
  type ExtensionQuery,
  InvalidArgumentError,
  type QueryRequest,
  type ResourceLimits,
  UnsupportedError,
  bytesToHex,
  hexToBytes,
  isHex,
  keccak256Hex,
} from '@bulkhead/core'
import { type Block, createBlock } from '@ethereumjs/block'
import type { Common } from '@ethereumjs/common'
import { type EVMResult, createEVM } from '@ethereumjs/evm'
import type { MerklePatriciaTrie } from '@ethereumjs/mpt'
import { MerkleStateManager } from '@ethereumjs/statemanager'
import { createTx } from '@ethereumjs/tx'
import { Account, type Address as EngineAddress, createAddressFromString, createZeroAddress, setLengthLeft } from '@ethereumjs/util'
import { type HeightRecord, blockHashKey, decodeHeight, heightKey, transactionKey } from '../chain/chain-records.js'
import { type StoredTransaction, blockToRPC, logsToRPC, receiptToRPC, transactionToRPC } from '../chain/rpc-shapes.js'
import { decodeRevertReason, encodeAbi, readBytes, readWord, utf8 } from '../ixenv/abi-codec.js'
import { XENV_ADDRESS } from '../ixenv/xenv-address.js'
import { outcomeStatusOf } from './outcome-status.js'
import { runThrowawayCall } from './system-call.js'

export interface QueryRunnerOptions {
  readonly common: Common
  readonly createTrie: () => MerklePatriciaTrie
  /** Drops the trie nodes written by the last query (its changes are reverted: nothing refers to them). */
  readonly forgetWrites: () => void
  readonly blockchain: unknown
  readonly denom: string
  readonly chainId: bigint
  readonly limits: ResourceLimits
  readonly baseFeePerGas: bigint
  readonly readRecord: <T>(key: Uint8Array) => Promise<T | undefined>
  readonly readBytes: (key: Uint8Array) => Promise<Uint8Array | undefined>
  readonly head: () => HeightRecord
}

export interface QueryRunner {
  /** The committed account (an empty one when absent). */
  account(address: EngineAddress): Promise<Account>
  query(request: QueryRequest): Promise<unknown>
}

const READ_MIRROR_SELECTOR = hexToBytes(`0x${keccak256Hex(utf8('readMirror(string,bytes,bytes)')).slice(2, 10)}`)

/**
 * Reads against committed state only, through a second state manager and EVM over the same
 * trie database. The block being built writes only new content-addressed nodes, so the
 * committed root reads the same whatever is open; every call runs inside a checkpoint that
 * is reverted.
 */
export async function createQueryRunner(options: QueryRunnerOptions): Promise<QueryRunner> {
  const { common, limits, denom } = options
  const stateManager = new MerkleStateManager({ trie: options.createTrie(), common })
  const evm = await createEVM({ common, stateManager, blockchain: options.blockchain as never })
  let syncedRoot: string | undefined

  async function sync(): Promise<HeightRecord> {
    const head = options.head()
    if (head.stateRoot !== syncedRoot) {
      await stateManager.setStateRoot(hexToBytes(head.stateRoot))
      syncedRoot = head.stateRoot
    }
    return head
  }

  function pendingBlock(head: HeightRecord): Block {
    return createBlock(
      {
        header: {
          number: BigInt(head.height) + 1n,
          timestamp: BigInt(head.timestamp),
          gasLimit: limits.blockGasLimit,
          baseFeePerGas: options.baseFeePerGas,
          parentHash: hexToBytes(head.blockHash),
        },
      },
      { common },
    )
  }

  async function account(address: EngineAddress): Promise<Account> {
    await sync()
    return (await stateManager.getAccount(address)) ?? new Account()
  }

  function intrinsicGas(request: Omit<CallQuery, 'method'>): { intrinsic: bigint; minimum: bigint } {
    const transaction = createTx(
      {
        type: 2,
        data: request.data,
        value: request.value ?? 0n,
        gasLimit: limits.transactionGasLimit,
        maxFeePerGas: options.baseFeePerGas,
        ...(request.to === undefined ? {} : { to: request.to }),
      },
      { common },
    )
    return { intrinsic: transaction.getIntrinsicGas(), minimum: transaction.getMinimumGasLimit() }
  }

  async function attempt(request: Omit<CallQuery, 'method'>, block: Block, gasLimit: bigint): Promise<EVMResult> {
    return runThrowawayCall(evm, () =>
      evm.runCall({
        block,
        caller: request.from === undefined ? createZeroAddress() : address(request.from),
        ...(request.to === undefined ? {} : { to: address(request.to) }),
        data: request.data,
        value: request.value ?? 0n,
        gasLimit,
        gasPrice: 0n,
      }),
    )
  }

  async function call(request: CallQuery): Promise<CallQueryResult> {
    const head = await sync()
    const gasLimit = request.gasLimit ?? limits.transactionGasLimit
    const { intrinsic } = intrinsicGas(request)
    if (gasLimit < intrinsic) {
      return { status: 'rejected', reason: `gas limit ${gasLimit} is below the intrinsic gas ${intrinsic}`, gasUsed: 0n, returnData: new Uint8Array(0), events: [] }
    }
    const result = await attempt(request, pendingBlock(head), gasLimit - intrinsic)
    const error = result.execResult.exceptionError?.error
    const status = outcomeStatusOf(error)
    const reason = reasonOf(error, result.execResult.returnValue)
    return {
      status,
      ...(reason === undefined ? {} : { reason }),
      gasUsed: intrinsic + result.execResult.executionGasUsed,
      returnData: result.execResult.returnValue,
      events:
        status === 'ok'
          ? (result.execResult.logs ?? []).map(([log, topics, data]) => ({
              address: bytesToHex(log),
              topics: topics.map((topic) => bytesToHex(topic)),
              data,
            }))
          : [],
    }
  }

  /** Binary search for the least gas limit that succeeds, as geth's eth_estimateGas. */
  async function estimate(request: Omit<CallQuery, 'method'>): Promise<EstimateGasQueryResult> {
    const head = await sync()
    const block = pendingBlock(head)
    const cap = request.gasLimit ?? limits.transactionGasLimit
    const { intrinsic, minimum } = intrinsicGas(request)
    if (cap < minimum) {
      return { status: 'rejected', reason: `gas limit ${cap} is below the intrinsic gas ${minimum}`, gasLimit: 0n, returnData: new Uint8Array(0) }
    }
    const atCap = await attempt(request, block, cap - intrinsic)
    const capError = atCap.execResult.exceptionError?.error
    if (capError !== undefined) {
      const reason = reasonOf(capError, atCap.execResult.returnValue)
      return { status: outcomeStatusOf(capError), ...(reason === undefined ? {} : { reason }), gasLimit: cap, returnData: atCap.execResult.returnValue }
    }
    let low = minimum - 1n // fails (or is below the floor)
    let high = cap // succeeds
    const used = intrinsic + atCap.execResult.executionGasUsed
    if (used > minimum) {
      // Most calls succeed at what they used: test that first to save iterations.
      const tight = await attempt(request, block, used - intrinsic)
      if (tight.execResult.exceptionError === undefined) high = used
      else low = used
    }
    while (high - low > 1n) {
      const middle = (low + high) / 2n
      const trial = await attempt(request, block, middle - intrinsic)
      if (trial.execResult.exceptionError === undefined) high = middle
      else low = middle
    }
    const final = high === cap ? atCap : await attempt(request, block, high - intrinsic)
    return { status: 'ok', gasLimit: high, returnData: final.execResult.returnValue }
  }

  async function mirror(source: string, publisher: Address, key: Uint8Array) {
    const head = await sync()
    const data = new Uint8Array([
      ...READ_MIRROR_SELECTOR,
      ...encodeAbi([
        { type: 'bytes', value: utf8(source) },
        { type: 'bytes', value: hexToBytes(publisher) },
        { type: 'bytes', value: key },
      ]),
    ])
    const result = await attempt({ data, to: XENV_ADDRESS }, pendingBlock(head), 1_000_000n + BigInt(key.length) * 100n)
    if (result.execResult.exceptionError !== undefined) {
      return { value: undefined, version: 0n }
    }
    const returned = result.execResult.returnValue
    const version = readWord(returned, 1)
    return { value: version === 0n ? undefined : readBytes(returned, 0), version }
  }

  /** A block in the JSON-RPC shape, with full transaction objects when `full` (eth_getBlockBy*'s flag). */
  async function blockWithTransactions(record: HeightRecord, full: boolean): Promise<Record<string, unknown>> {
    const block = blockToRPC(record, common)
    if (!full) return block
    const transactions = await Promise.all(
      record.transactions.map(async (transactionHash) => {
        const stored = await options.readRecord<StoredTransaction>(transactionKey(transactionHash))
        return stored === undefined ? transactionHash : transactionToRPC(stored, common)
      }),
    )
    return { ...block, transactions }
  }

  /**
   * `eth_getLogs` inside the environment (one round trip for a worker-hosted one): the logs of
   * committed blocks `fromBlock`–`toBlock` (at most MAX_LOG_RANGE blocks) matching the address
   * and topic filters, in block and log order.
   */
  async function logs(filter: LogFilter): Promise<Record<string, unknown>[]> {
    const head = BigInt(options.head().height)
    const from = filter.fromBlock ?? head
    const to = filter.toBlock === undefined || filter.toBlock > head ? head : filter.toBlock
    if (to - from >= MAX_LOG_RANGE) {
      throw new InvalidArgumentError(`A log query may span at most ${MAX_LOG_RANGE} blocks, this one spans ${to - from + 1n}`)
    }
    const addresses = filter.address === undefined ? undefined : new Set(filter.address.map((address) => address.toLowerCase()))
    const matches: Record<string, unknown>[] = []
    for (let height = from; height <= to; height++) {
      const record = await options.readRecord<HeightRecord>(heightKey(height))
      if (record === undefined) continue
      for (const transactionHash of record.transactions) {
        const stored = await options.readRecord<StoredTransaction>(transactionKey(transactionHash))
        if (stored === undefined || stored.logs.length === 0) continue
        for (const log of logsToRPC(stored)) {
          if (addresses !== undefined && !addresses.has(String(log['address']).toLowerCase())) continue
          if (!topicsMatch(log['topics'] as readonly string[], filter.topics ?? [])) continue
          matches.push(log)
        }
      }
    }
    return matches
  }

  async function extension(request: ExtensionQuery): Promise<unknown> {
    const [first] = request.params
    switch (request.name) {
      case 'transaction_by_hash':
      case 'receipt_by_hash': {
        const stored = await options.readRecord<StoredTransaction>(transactionKey(hash(first)))
        if (stored === undefined) return null
        return request.name === 'transaction_by_hash' ? transactionToRPC(stored, common) : receiptToRPC(stored, common)
      }
      case 'block_by_number': {
        const head = options.head()
        const height = first === undefined || first === 'latest' ? BigInt(head.height) : toHeight(first)
        const record = await options.readRecord<HeightRecord>(heightKey(height))
        return record === undefined ? null : blockWithTransactions(record, request.params[1] === true)
      }
      case 'block_by_hash': {
        const height = await options.readBytes(blockHashKey(hash(first)))
        if (height === undefined) return null
        const record = await options.readRecord<HeightRecord>(heightKey(decodeHeight(height)))
        return record === undefined ? null : blockWithTransactions(record, request.params[1] === true)
      }
      case 'logs':
        return logs(first as LogFilter)
      case 'block_number':
        return BigInt(options.head().height)
      case 'chain_id':
        return options.chainId
      default:
        throw new UnsupportedError(`Unknown EVM extension query "${request.name}"`, {
          details: ['known: transaction_by_hash, receipt_by_hash, block_by_number, block_by_hash, block_number, chain_id, logs'],
        })
    }
  }

  // One query at a time: calls share this EVM's journal, so two interleaved calls would
  // checkpoint and revert each other's state.
  let queue: Promise<unknown> = Promise.resolve()
  const serial = <T>(run: () => Promise<T>): Promise<T> => {
    const result = queue.then(run).finally(options.forgetWrites)
    queue = result.catch(() => undefined)
    return result
  }

  return {
    account: (address) => serial(() => account(address)),
    query: (request) => serial(() => run(request)),
  }

  async function run(request: QueryRequest): Promise<unknown> {
    switch (request.method) {
      case 'balance': {
        if (request.denom !== undefined && request.denom !== denom) return 0n
        return (await account(address(request.address))).balance
      }
      case 'nonce':
        return (await account(address(request.address))).nonce
      case 'code':
        await sync()
        return stateManager.getCode(address(request.address))
      case 'storage': {
        await sync()
        if (request.key.length > 32) throw new InvalidArgumentError('A storage key is at most 32 bytes')
        const value = await stateManager.getStorage(address(request.address), setLengthLeft(request.key, 32))
        return setLengthLeft(value, 32)
      }
      case 'call':
        return call(request)
      case 'estimate_gas':
        return estimate(request)
      case 'mirror':
        return mirror(request.source, request.publisher, request.key)
      case 'extension':
        return extension(request)
      default:
        throw new UnsupportedError(`Unknown query method "${(request as { method?: unknown }).method}"`)
    }
  }
}

function address(value: string): EngineAddress {
  if (!/^0x[0-9a-fA-F]{40}$/.test(value)) throw new InvalidArgumentError(`Expected a 20-byte address; got ${value}`)
  return createAddressFromString(value)
}

function hash(value: unknown): `0x${string}` {
  if (!isHex(value) || value.length !== 66) throw new InvalidArgumentError(`Expected a 32-byte hash; got ${String(value)}`)
  return value.toLowerCase() as `0x${string}`
}

function toHeight(value: unknown): bigint {
  if (typeof value === 'bigint' && value >= 0n) return value
  if (typeof value === 'number' && Number.isSafeInteger(value) && value >= 0) return BigInt(value)
  if (typeof value === 'string' && /^0x[0-9a-f]+$/i.test(value)) return BigInt(value)
  throw new InvalidArgumentError(`Expected a block number (bigint, number, 0x quantity or "latest"); got ${String(value)}`)
}

function reasonOf(error: string | undefined, returnData: Uint8Array): string | undefined {
  if (error === undefined) return undefined
  const decoded = error === 'revert' ? decodeRevertReason(returnData) : undefined
  return decoded === undefined ? error : `${error}: ${decoded}`
}

/** The most blocks one `logs` query may scan (geth's default is similar in spirit). */
const MAX_LOG_RANGE = 10_000n

/** `eth_getLogs` filter, already parsed: block numbers as bigint, addresses and topics lower-case hex. */
export interface LogFilter {
  readonly fromBlock?: bigint
  readonly toBlock?: bigint
  readonly address?: readonly string[]
  /** Per position: null (any), one topic, or any of several. */
  readonly topics?: readonly (string | readonly string[] | null)[]
}

function topicsMatch(topics: readonly string[], filter: readonly (string | readonly string[] | null)[]): boolean {
  return filter.every((wanted, index) => {
    if (wanted === null) return true
    const actual = topics[index]?.toLowerCase()
    if (actual === undefined) return false
    return typeof wanted === 'string' ? actual === wanted.toLowerCase() : wanted.some((option) => option.toLowerCase() === actual)
  })
}
