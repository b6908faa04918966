import {
  BlockPhaseError,
  EnvironmentClosedError,
  NotFoundError,
  bytesToHex,
  createMemoryStore,
  keccak256,
  keccak256Hex,
  merkleRoot,
  runBlockInSteps,
  type Address,
  type BlockContext,
  type CommittedHead,
  type DeliveryResult,
  type EndBlockResult,
  type EnvironmentId,
  type ExecutionEnvironment,
  type Hash,
  type InboundDelivery,
  type KeyValueStore,
  type OutboundMessage,
  type Receipt,
  type TransactionCheck,
  type TransactionEnvelope,
} from '@bulkhead/core'
import { createFileStore } from './file-store.js'
import type { LedgerTransaction } from './ledger-transaction.js'

export interface LedgerEnvironmentOptions {
  readonly id: EnvironmentId
  /** A file to persist to (worker-hosted tests); default an in-memory store. */
  readonly storePath?: string
  /** Balances at genesis, in `unit`. */
  readonly genesis?: Readonly<Record<Address, bigint>>
  /** Enables the hostile ops (spin, allocate, throw, exit). */
  readonly hostile?: boolean
  /** Declares `emptyBlocksKeepState` (true of this ledger, unless `driftInEmptyBlocks`). */
  readonly emptyBlocksKeepState?: boolean
  /** Counts every `beginBlock` into element 0, readable from any thread without a call. */
  readonly blocksBegun?: Int32Array
  /** The worker exits at the `beginBlock` of this height, once (element 1 of `blocksBegun` remembers). */
  readonly exitOnceAtHeight?: bigint
  /** Breaks the promise: every block, empty or not, bumps a counter in the state. */
  readonly driftInEmptyBlocks?: boolean
}

const denom = 'unit'
const encoder = new TextEncoder()
const decoder = new TextDecoder()
const baseGas = 21_000n
const gasPerWork = 100n

type State = Map<string, bigint>

/**
 * A deterministic ledger/counter environment for router tests: balances, per-contract
 * counters, contract deployment, outbound asset transfers; gas accounting; a real state root
 * (Merkle root of the sorted state); durable commits and rollback to any committed height.
 */
export async function createLedgerEnvironment(options: LedgerEnvironmentOptions): Promise<ExecutionEnvironment> {
  const store: KeyValueStore =
    options.storePath === undefined ? createMemoryStore() : createFileStore({ path: options.storePath })
  const id = options.id
  const readState = async (height: bigint): Promise<State | undefined> => {
    const bytes = await store.get(encoder.encode(`state/${height}`))
    if (bytes === undefined) return undefined
    return new Map(
      Object.entries(JSON.parse(decoder.decode(bytes)) as Record<string, string>).map(([k, v]) => [k, BigInt(v)]),
    )
  }
  const writeState = (state: State) =>
    encoder.encode(JSON.stringify(Object.fromEntries([...state].map(([k, v]) => [k, v.toString()]))))

  let committed = await readState(await readHeight())
  let height = await readHeight()
  if (committed === undefined) {
    committed = new Map(
      Object.entries(options.genesis ?? {}).map(([address, amount]) => [`balance:${address}`, amount]),
    )
    height = 0n
    await store.batch([
      { type: 'put', key: encoder.encode('state/0'), value: writeState(committed) },
      { type: 'put', key: encoder.encode('head'), value: encoder.encode('0') },
    ])
  }
  async function readHeight(): Promise<bigint> {
    const bytes = await store.get(encoder.encode('head'))
    return bytes === undefined ? 0n : BigInt(decoder.decode(bytes))
  }

  let block:
    | {
        context: BlockContext
        state: State
        gasLeft: bigint
        gasUsed: bigint
        messages: OutboundMessage[]
        executed: boolean
        end?: EndBlockResult
      }
    | undefined
  let closed = false

  const rootOf = (state: State): Hash =>
    merkleRoot(
      [...state]
        .filter(([, value]) => value !== 0n)
        .sort(([a], [b]) => (a < b ? -1 : 1))
        .map(([k, v]) => encoder.encode(`${k}=${v}`)),
    )
  const supplyOf = (state: State) => {
    let total = 0n
    for (const [key, value] of state) if (key.startsWith('balance:')) total += value
    return { [denom]: total }
  }
  const ensureOpen = () => {
    if (closed) throw new EnvironmentClosedError(`environment "${id}" is closed`)
  }
  const decode = (transaction: TransactionEnvelope): LedgerTransaction | string => {
    try {
      const parsed = JSON.parse(decoder.decode(transaction.payload)) as LedgerTransaction
      if (typeof parsed.sender !== 'string' || typeof parsed.gasLimit !== 'number') return 'missing sender or gasLimit'
      return parsed
    } catch (error) {
      return `undecodable payload: ${String(error)}`
    }
  }
  const add = (state: State, key: string, amount: bigint) => state.set(key, (state.get(key) ?? 0n) + amount)

  const environment: ExecutionEnvironment = {
    specificationVersion: 'v1',
    id,
    vm: options.hostile ? 'hostile-ledger' : 'ledger',
    limits: {
      transactionGasLimit: 30_000_000n,
      blockGasLimit: 30_000_000n,
      maxTransactionBytes: 4096,
      maxCallDepth: 1,
      maxMessagesPerTransaction: 1,
      vm: {},
    },
    capabilities: {
      receives: ['asset_transfer', 'contract_call', 'acknowledgement'],
      sends: ['asset_transfer', 'state_sync'],
      denoms: [denom],
      ...(options.emptyBlocksKeepState === true ? { emptyBlocksKeepState: true } : {}),
    },
    async head() {
      ensureOpen()
      return { height, stateRoot: rootOf(committed as State) }
    },
    async health() {
      return { status: closed ? 'stopped' : 'healthy', head: { height, stateRoot: rootOf(committed as State) } }
    },
    async checkTransaction(transaction) {
      ensureOpen()
      const hash = keccak256Hex(transaction.payload)
      const decoded = decode(transaction)
      if (typeof decoded === 'string') return { status: 'rejected', hash, reason: decoded }
      const check: { -readonly [K in keyof TransactionCheck]: TransactionCheck[K] } = {
        status: 'ok',
        hash,
        sender: decoded.sender,
        nonce: BigInt(decoded.nonce),
        gasLimit: BigInt(decoded.gasLimit),
      }
      if ('to' in decoded && decoded.to !== undefined) check.to = decoded.to
      if (BigInt(decoded.gasLimit) > environment.limits.transactionGasLimit) {
        return { ...check, status: 'rejected', reason: 'gas limit above the transaction gas limit' }
      }
      return check
    },
    async beginBlock(context) {
      ensureOpen()
      if (block !== undefined)
        throw new BlockPhaseError(`environment "${id}" already has block ${block.context.height} open`)
      if (context.height !== height + 1n) {
        throw new BlockPhaseError(`environment "${id}" expected block ${height + 1n}, got ${context.height}`)
      }
      block = {
        context,
        state: new Map(committed),
        gasLeft: context.gasLimit,
        gasUsed: 0n,
        messages: [],
        executed: false,
      }
      if (options.blocksBegun !== undefined) {
        Atomics.add(options.blocksBegun, 0, 1)
        if (context.height === options.exitOnceAtHeight && Atomics.compareExchange(options.blocksBegun, 1, 0, 1) === 0) process.exit(4)
      }
      if (options.driftInEmptyBlocks === true) add(block.state, 'drift', 1n)
    },
    async deliver(deliveries: readonly InboundDelivery[]) {
      ensureOpen()
      if (block === undefined || block.end !== undefined || block.executed)
        throw new BlockPhaseError('deliver outside the delivery phase')
      const open = block
      return deliveries.map((delivery): DeliveryResult => {
        const body = delivery.message.body
        if (delivery.kind === 'message') {
          if (body.kind === 'asset_transfer') add(open.state, `balance:${body.receiver}`, body.amount)
          else if (body.kind === 'contract_call') add(open.state, `counter:${body.contract}`, 1n)
          else
            return {
              status: 'rejected',
              reason: `cannot receive ${body.kind}`,
              gasUsed: 0n,
              events: [],
              acknowledgement: {
                kind: 'acknowledgement',
                success: false,
                result: new Uint8Array(0),
                error: `cannot receive ${body.kind}`,
              },
            }
          return {
            status: 'ok',
            gasUsed: 0n,
            events: [],
            acknowledgement: { kind: 'acknowledgement', success: true, result: new Uint8Array(0), error: '' },
          }
        }
        const failed = delivery.kind === 'timeout' || !delivery.acknowledgement.success
        if (failed && body.kind === 'asset_transfer') {
          add(open.state, `balance:${body.sender}`, body.amount)
          return { status: 'ok', gasUsed: 0n, events: [], refunded: body.amount }
        }
        return { status: 'ok', gasUsed: 0n, events: [], refunded: 0n }
      })
    },
    async execute(transactions) {
      ensureOpen()
      if (block === undefined || block.end !== undefined) throw new BlockPhaseError('execute outside an open block')
      const open = block
      open.executed = true
      const receipts: Receipt[] = []
      for (const transaction of transactions) {
        const index = receipts.length
        const transactionHash = keccak256Hex(transaction.payload)
        const base = {
          transactionHash,
          environment: id,
          index,
          returnData: new Uint8Array(0),
          events: [],
          messageCount: 0,
        }
        const decoded = decode(transaction)
        if (typeof decoded === 'string') {
          receipts.push({ ...base, status: 'rejected', reason: decoded, gasUsed: 0n })
          continue
        }
        const gasLimit = BigInt(decoded.gasLimit)
        if (gasLimit > open.gasLeft) {
          receipts.push({
            ...base,
            sender: decoded.sender,
            status: 'rejected',
            reason: 'block gas exhausted',
            gasUsed: 0n,
          })
          continue
        }
        const charge = (gas: bigint) => {
          open.gasLeft -= gas
          open.gasUsed += gas
          return gas
        }
        const withSender = { ...base, sender: decoded.sender }
        if (options.hostile) {
          if (decoded.op === 'spin') for (;;) {}
          if (decoded.op === 'allocate') {
            const hoard: number[][] = []
            for (;;) hoard.push(Array.from({ length: 1_000_000 }, (_, n) => n))
          }
          if (decoded.op === 'throw') throw new Error('hostile environment threw on purpose')
          if (decoded.op === 'exit') process.exit(3)
          if (decoded.op === 'busy') busyWait(decoded.ms)
          if (decoded.op === 'uncaught') {
            // An exception nobody can catch: thrown from a callback, while the block waits forever.
            await new Promise(() =>
              setImmediate(() => {
                throw new Error('hostile environment threw from a callback')
              }),
            )
          }
        }
        switch (decoded.op) {
          case 'transfer': {
            const amount = BigInt(decoded.amount)
            const balance = open.state.get(`balance:${decoded.sender}`) ?? 0n
            const gas = charge(baseGas > gasLimit ? gasLimit : baseGas)
            if (gas < baseGas)
              receipts.push({ ...withSender, status: 'out_of_gas', reason: 'out of gas', gasUsed: gas })
            else if (balance < amount)
              receipts.push({ ...withSender, status: 'reverted', reason: 'insufficient balance', gasUsed: gas })
            else {
              add(open.state, `balance:${decoded.sender}`, -amount)
              add(open.state, `balance:${decoded.to}`, amount)
              receipts.push({ ...withSender, status: 'ok', gasUsed: gas })
            }
            break
          }
          case 'call': {
            // Metered like a real VM: work runs until the gas runs out, then the call fails.
            const work = BigInt(decoded.work ?? 0)
            const affordable = gasLimit < baseGas ? 0n : (gasLimit - baseGas) / gasPerWork
            let digest: Uint8Array = encoder.encode(decoded.to)
            for (let round = 0n; round < work && round < affordable; round++) digest = keccak256(digest)
            if (gasLimit < baseGas || work > affordable) {
              receipts.push({ ...withSender, status: 'out_of_gas', reason: 'out of gas', gasUsed: charge(gasLimit) })
              break
            }
            add(open.state, `counter:${decoded.to}`, 1n)
            receipts.push({
              ...withSender,
              status: 'ok',
              gasUsed: charge(baseGas + work * gasPerWork),
              returnData: digest,
            })
            break
          }
          case 'fail':
            receipts.push({
              ...withSender,
              status: decoded.status,
              reason: `fixture ${decoded.status}`,
              gasUsed: charge(gasLimit),
            })
            break
          case 'deploy': {
            const address = bytesToHex(
              keccak256(encoder.encode(`${decoded.sender}/${decoded.nonce}`)).subarray(12),
            ) as Address
            add(open.state, `code:${address}`, 1n)
            receipts.push({ ...withSender, status: 'ok', gasUsed: charge(baseGas), contractAddress: address })
            break
          }
          case 'send': {
            const amount = BigInt(decoded.amount)
            const balance = open.state.get(`balance:${decoded.sender}`) ?? 0n
            const gas = charge(baseGas)
            if (balance < amount) {
              receipts.push({ ...withSender, status: 'reverted', reason: 'insufficient balance', gasUsed: gas })
              break
            }
            // Escrowed at send: the amount leaves this environment's supply and is in flight.
            add(open.state, `balance:${decoded.sender}`, -amount)
            open.messages.push({
              destination: decoded.destination,
              timeoutHeight: 0n,
              originTransaction: transactionHash,
              body: {
                kind: 'asset_transfer',
                denom,
                amount,
                sender: decoded.sender,
                receiver: decoded.receiver,
                memo: '',
              },
            })
            receipts.push({ ...withSender, status: 'ok', gasUsed: gas, messageCount: 1 })
            break
          }
          case 'sync':
            open.messages.push({
              destination: decoded.destination,
              timeoutHeight: 0n,
              originTransaction: transactionHash,
              body: {
                kind: 'state_sync',
                publisher: decoded.to,
                key: encoder.encode('k'),
                value: encoder.encode('v'),
                version: BigInt(decoded.nonce),
              },
            })
            receipts.push({ ...withSender, status: 'ok', gasUsed: charge(baseGas), messageCount: 1 })
            break
          default:
            receipts.push({ ...withSender, status: 'rejected', reason: `unknown op ${decoded.op}`, gasUsed: 0n })
        }
      }
      return receipts
    },
    async endBlock() {
      ensureOpen()
      if (block === undefined || block.end !== undefined) throw new BlockPhaseError('endBlock outside an open block')
      block.end = {
        height: block.context.height,
        stateRoot: rootOf(block.state),
        messages: block.messages,
        gasUsed: block.gasUsed,
        supply: supplyOf(block.state),
        burnedByRule: {},
        mintedByRule: {},
      }
      return block.end
    },
    async commit(): Promise<CommittedHead> {
      ensureOpen()
      if (block?.end === undefined) throw new BlockPhaseError('commit before endBlock')
      const next = block.context.height
      await store.batch([
        { type: 'put', key: encoder.encode(`state/${next}`), value: writeState(block.state) },
        { type: 'put', key: encoder.encode('head'), value: encoder.encode(String(next)) },
      ])
      committed = block.state
      height = next
      block = undefined
      return { height, stateRoot: rootOf(committed) }
    },
    async rollback(target) {
      ensureOpen()
      block = undefined
      if (target !== undefined && target !== height) {
        const state = target > height ? undefined : await readState(target)
        if (state === undefined) throw new NotFoundError(`environment "${id}" has no committed height ${target}`)
        committed = state
        height = target
        await store.batch([{ type: 'put', key: encoder.encode('head'), value: encoder.encode(String(target)) }])
      }
      return { height, stateRoot: rootOf(committed as State) }
    },
    runBlock(input) {
      return runBlockInSteps(environment, input)
    },
    async query(request) {
      ensureOpen()
      const state = committed as State
      if (request.method === 'balance') return (state.get(`balance:${request.address}`) ?? 0n) as never
      if (options.hostile && request.method === 'extension' && request.name === 'busy') {
        busyWait(Number(request.params[0]))
        return height as never
      }
      if (request.method === 'extension' && request.name === 'counter') {
        return (state.get(`counter:${String(request.params[0])}`) ?? 0n) as never
      }
      throw new NotFoundError(`fixture environment does not answer ${request.method}`)
    },
    async close() {
      closed = true
      await store.close()
    },
  }
  return environment
}

/** Blocks the thread for `ms` of wall-clock time (a slow but finite segment). */
function busyWait(ms: number): void {
  const until = Date.now() + ms
  while (Date.now() < until) {
    // spin
  }
}
