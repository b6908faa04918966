import {
  createMemoryStore,
  type Address,
  type BlockContext,
  BlockPhaseError,
  type BlockInput,
  type BlockOutput,
  type CommittedHead,
  type DeliveryResult,
  type EndBlockResult,
  EnvironmentClosedError,
  type ExecutionEnvironment,
  type Hash,
  type HealthReport,
  type InboundDelivery,
  InvalidArgumentError,
  type KeyValueOperation,
  NotFoundError,
  type OutboundMessage,
  type QueryRequest,
  type QueryResult,
  type Receipt,
  StorageError,
  type TransactionCheck,
  type TransactionEnvelope,
  bytesToHex,
  hexToBytes,
  keccak256Hex,
  normalizeHex,
} from '@bulkhead/core'
import { type Block, type HeaderData, createBlock, createBlockHeader } from '@ethereumjs/block'
import type { EVM } from '@ethereumjs/evm'
import { Caches } from '@ethereumjs/statemanager'
import type { TypedTransaction } from '@ethereumjs/tx'
import { Account, type Address as EngineAddress, ValueEncoding, createAccountFromRLP, createAddressFromString } from '@ethereumjs/util'
import { Bloom, type TxReceipt, createVM, encodeReceipt, runTx } from '@ethereumjs/vm'
import { type HeightRecord, NODE_PREFIX } from './chain/chain-records.js'
import {
  blockHashKey,
  decodeHeight,
  encodeHeight,
  encodeJson,
  headKey,
  heightKey,
  readJson,
  transactionKey,
} from './chain/chain-records.js'
import type { StoredLog, StoredTransaction } from './chain/rpc-shapes.js'
import { fromHex, toHex } from './encoding/fast-hex.js'
import { createEngineCommon } from './engine/create-engine-common.js'
import { loadFastCrypto } from './engine/fast-crypto.js'
import { type EVMEnvironmentOptions, resolveOptions } from './evm-environment-options.js'
import { createAdmissionCache } from './execution/admission-cache.js'
import { decodeTransaction, engineMessage } from './execution/decode-transaction.js'
import { outcomeStatusOf } from './execution/outcome-status.js'
import { createQueryRunner } from './execution/query-runner.js'
import { checkAgainstAccount, effectiveGasPriceOf, reasonOf, toEvent } from './execution/transaction-rules.js'
import { type DeliveryTarget, applyDelivery } from './ixenv/apply-delivery.js'
import { addPending } from './ixenv/pending-transfers.js'
import { XENV_ADDRESS } from './ixenv/xenv-address.js'
import { XENV_RUNTIME_CODE } from './ixenv/xenv-artifact.js'
import { type EngineLog, messagesFromLogs, outboundValue } from './ixenv/xenv-messages.js'
import { createRecentRecords } from './storage/recent-records.js'
import { checkpointDepth } from './engine/checkpoint-depth.js'
import { BlockStateManager } from './engine/block-state-manager.js'
import { DeferredHashingTrie, type DeferredHashingTrieOptions } from './engine/deferred-hashing-trie.js'
import { createScratchTrieDatabase } from './storage/scratch-trie-database.js'
import { createStagedTrieDatabase } from './storage/staged-trie-database.js'
import { orderedTrieRoot } from './chain/ordered-trie-root.js'
import { sealHeader } from './chain/seal-header.js'

type Phase = 'idle' | 'open' | 'ended'

interface OpenBlock {
  readonly context: BlockContext
  readonly gasLimit: bigint
  readonly block: Block
  readonly headerData: HeaderData
  gasUsed: bigint
  /** Gas of included transactions only: the Ethereum header's gasUsed. */
  evmGasUsed: bigint
  executed: boolean
  receiptCount: number
  logIndex: number
  readonly transactions: TypedTransaction[]
  readonly engineReceipts: TxReceipt[]
  readonly records: Omit<StoredTransaction, 'blockHash'>[]
  readonly messages: OutboundMessage[]
  /** Minted by deliveries (inbound transfers, refunds). */
  minted: bigint
  /** Base fees burned by transactions. */
  burned: bigint
  end?: { result: EndBlockResult; record: HeightRecord }
}

/**
 * Creates the EVM execution environment: standard signed Ethereum transactions on
 * @ethereumjs/vm `runTx`, a Merkle Patricia state trie kept in a {@link KeyValueStore}, and
 * the XEnv system contract at {@link XENV_ADDRESS} as the cross-environment boundary.
 *
 * Resumes at the store's committed head when it already holds a chain.
 */
export async function createEVMEnvironment(options: EVMEnvironmentOptions = {}): Promise<ExecutionEnvironment> {
  const settings = resolveOptions(options)
  const crypto = await loadFastCrypto()
  settings.logger(
    crypto.secp256k1 === 'native'
      ? '@bulkhead/evm: sender recovery uses native libsecp256k1'
      : '@bulkhead/evm: native secp256k1 binding not available; sender recovery falls back to noble (pure JS, slow)',
  )
  const { id, denom, limits } = settings
  const store = settings.store ?? createMemoryStore()
  let common: ReturnType<typeof createEngineCommon>
  try {
    common = createEngineCommon({ chainId: settings.chainId, hardfork: settings.hardfork, crypto })
  } catch (cause) {
    throw new InvalidArgumentError(`Unknown hardfork "${settings.hardfork}"`, { cause })
  }
  // Blocks carry a base fee, and supply accounting counts it as burned: London or later.
  if (!common.isActivatedEIP(1559)) {
    throw new InvalidArgumentError(`Hardfork "${settings.hardfork}" is before London; the EVM environment needs EIP-1559`)
  }
  const trieDatabase = createStagedTrieDatabase({ store, prefix: NODE_PREFIX })
  const trieOver = (db: DeferredHashingTrieOptions['db']) => new DeferredHashingTrie({ db, useKeyHashing: true, valueEncoding: ValueEncoding.Bytes, common })
  const caches = new Caches()
  const stateManager = new BlockStateManager({ trie: trieOver(trieDatabase), common, caches })

  // BLOCKHASH: the last 256 committed Ethereum-style block hashes.
  const recentHashes = new Map<bigint, Uint8Array>()
  const blockchain = {
    async getBlock(number: bigint | number) {
      const hash = recentHashes.get(BigInt(number)) ?? new Uint8Array(32)
      return { hash: () => hash }
    },
    async putBlock() {},
    shallowCopy() {
      return blockchain
    },
  }
  const admitted = createAdmissionCache(crypto.keccak256)
  const vm = await createVM({ common, stateManager, blockchain: blockchain as never })
  const xenv = createAddressFromString(XENV_ADDRESS)

  const recentRecords = createRecentRecords()
  let head = await loadOrCreateGenesis()
  await stateManager.setStateRoot(hexToBytes(head.stateRoot))
  await loadRecentHashes()
  const queryDatabase = createScratchTrieDatabase(trieDatabase)
  const queries = await createQueryRunner({
    common,
    createTrie: () => trieOver(queryDatabase),
    forgetWrites: queryDatabase.forget,
    blockchain,
    denom,
    chainId: settings.chainId,
    limits,
    baseFeePerGas: settings.baseFeePerGas,
    readRecord: async (key) => recentRecords.get(key) ?? readJson(store, key),
    readBytes: (key) => store.get(key),
    head: () => head,
  })

  let phase: Phase = 'idle'
  let queue: Promise<void> = Promise.resolve()
  /** Whether the block-wide state checkpoint of beginBlock is still open. */
  let blockCheckpoint = false
  let open: OpenBlock | undefined
  let closed = false

  function assertOpen(): void {
    if (closed) throw new EnvironmentClosedError(`EVM environment "${id}" is closed`)
  }

  function headOf(record: HeightRecord): CommittedHead {
    return { height: BigInt(record.height), stateRoot: record.stateRoot }
  }

  async function loadOrCreateGenesis(): Promise<HeightRecord> {
    const headBytes = await store.get(headKey())
    if (headBytes !== undefined) {
      const height = decodeHeight(headBytes)
      const record = await readJson<HeightRecord>(store, heightKey(height))
      if (record === undefined) throw new StorageError(`EVM store has head ${height} but no record for it`)
      return record
    }
    let supply = 0n
    for (const [address, account] of Object.entries(settings.genesis)) {
      const engineAddress = createAddressFromString(address)
      const balance = account.balance ?? 0n
      supply += balance
      await stateManager.putAccount(engineAddress, new Account(account.nonce ?? 0n, balance))
      if (account.code !== undefined) await stateManager.putCode(engineAddress, hexToBytes(account.code))
      for (const [slot, value] of Object.entries(account.storage ?? {})) {
        await stateManager.putStorage(engineAddress, hexToBytes(slot), hexToBytes(value))
      }
    }
    // Nonce 1 as for any deployed contract (EIP-161), so it is never "empty".
    await stateManager.putAccount(xenv, new Account(1n, 0n))
    await stateManager.putCode(xenv, hexToBytes(XENV_RUNTIME_CODE))
    const stateRoot = await stateManager.getStateRoot()
    const header = createBlockHeader(
      { number: 0n, timestamp: 0n, gasLimit: limits.blockGasLimit, baseFeePerGas: settings.baseFeePerGas, stateRoot },
      { common },
    )
    const blockHash = bytesToHex(header.hash())
    const record: HeightRecord = {
      height: '0',
      stateRoot: bytesToHex(stateRoot),
      blockHash,
      supply: supply.toString(),
      timestamp: '0',
      header: toHex(header.serialize()),
      transactions: [],
    }
    await store.batch([
      ...trieDatabase.staged(),
      { type: 'put', key: heightKey(0n), value: encodeJson(record) },
      { type: 'put', key: blockHashKey(blockHash), value: encodeHeight(0n) },
      { type: 'put', key: headKey(), value: encodeHeight(0n) },
    ])
    trieDatabase.persisted()
    return record
  }

  async function loadRecentHashes(): Promise<void> {
    recentHashes.clear()
    const top = BigInt(head.height)
    for (let height = top; height >= 0n && height > top - 256n; height--) {
      const record = height === top ? head : await readJson<HeightRecord>(store, heightKey(height))
      if (record !== undefined) recentHashes.set(height, hexToBytes(record.blockHash))
    }
  }

  function requirePhase(expected: Phase, method: string): OpenBlock {
    assertOpen()
    if (phase !== expected || (expected !== 'idle' && open === undefined)) {
      throw new BlockPhaseError(`${method} needs phase "${expected}"; the environment is "${phase}"`)
    }
    return open as OpenBlock
  }

  async function beginBlock(context: BlockContext): Promise<void> {
    requirePhase('idle', 'beginBlock')
    const expected = BigInt(head.height) + 1n
    if (context.height !== expected) {
      throw new InvalidArgumentError(`beginBlock needs height ${expected}; got ${context.height}`)
    }
    if (context.gasLimit <= 0n) throw new InvalidArgumentError('Block gas limit must be positive')
    const previous = BigInt(head.timestamp)
    if (context.timestamp < previous) {
      throw new InvalidArgumentError(`Block timestamp ${context.timestamp} is before the previous block's ${previous}`)
    }
    // Checked here: the engine would silently truncate malformed hex.
    normalizeHex(context.parentHash, 32)
    if (context.proposer !== undefined) normalizeHex(context.proposer, 20)
    const gasLimit = context.gasLimit < limits.blockGasLimit ? context.gasLimit : limits.blockGasLimit
    const headerData: HeaderData = {
      number: context.height,
      parentHash: fromHex(head.blockHash),
      timestamp: context.timestamp,
      gasLimit,
      baseFeePerGas: settings.baseFeePerGas,
      coinbase: fromHex(context.proposer ?? '0x0000000000000000000000000000000000000000'),
      // Deterministic PREVRANDAO: the coordinator's parent hash, the same on every node.
      mixHash: fromHex(context.parentHash),
    }
    open = {
      context,
      gasLimit,
      headerData,
      block: createBlock({ header: headerData }, { common }),
      gasUsed: 0n,
      evmGasUsed: 0n,
      executed: false,
      receiptCount: 0,
      logIndex: 0,
      transactions: [],
      engineReceipts: [],
      records: [],
      messages: [],
      minted: 0n,
      burned: 0n,
    }
    // One state checkpoint around the whole block: runTx's own checkpoints nest inside it, so
    // the caches are flushed into the trie once per block instead of after every transaction
    // (fewer trie writes and no intermediate nodes to store).
    await stateManager.checkpoint()
    blockCheckpoint = true
    phase = 'open'
  }

  const deliveryTarget: DeliveryTarget = {
    id,
    denom,
    limits,
    evm: vm.evm as EVM,
    stateManager,
  }

  async function deliver(deliveries: readonly InboundDelivery[]): Promise<readonly DeliveryResult[]> {
    const block = requirePhase('open', 'deliver')
    if (block.executed) throw new BlockPhaseError('deliver must come before the first execute of a block')
    const results: DeliveryResult[] = []
    for (const delivery of deliveries) results.push(await applyDelivery(deliveryTarget, block, delivery))
    return results
  }

  function rejectedReceipt(block: OpenBlock, payload: Uint8Array, reason: string, hash?: Hash, sender?: Address): Receipt {
    return {
      // Undecodable payloads still get a stable id: Keccak of the bytes (the hash of a typed tx).
      transactionHash: hash ?? keccak256Hex(payload),
      environment: id,
      index: block.receiptCount++,
      status: 'rejected',
      reason,
      ...(sender === undefined ? {} : { sender }),
      gasUsed: 0n,
      returnData: new Uint8Array(0),
      events: [],
      messageCount: 0,
    }
  }

  async function executeOne(block: OpenBlock, envelope: TransactionEnvelope): Promise<Receipt> {
    if (envelope.environment !== id) {
      return rejectedReceipt(block, envelope.payload, `transaction for environment "${envelope.environment}" sent to "${id}"`)
    }
    const decoded =
      admitted.take(envelope.payload) ??
      decodeTransaction(envelope.payload, {
        common,
        keccak256: crypto.keccak256,
        chainId: settings.chainId,
        maxTransactionBytes: limits.maxTransactionBytes,
        transactionGasLimit: limits.transactionGasLimit,
      })
    if (!decoded.ok) return rejectedReceipt(block, envelope.payload, decoded.reason, decoded.hash, decoded.sender)
    const { transaction, hash, sender, senderAddress } = decoded
    const left = block.gasLimit - block.gasUsed
    if (transaction.gasLimit > left) {
      return rejectedReceipt(block, envelope.payload, `gas limit ${transaction.gasLimit} is above the gas left in this block (${left})`, hash, sender)
    }
    const account = (await stateManager.getAccount(senderAddress)) ?? new Account()
    const stateReason = checkAgainstAccount(transaction, account, settings.baseFeePerGas, 'exact')
    if (stateReason !== undefined) return rejectedReceipt(block, envelope.payload, stateReason, hash, sender)
    let result: Awaited<ReturnType<typeof runTx>>
    const depth = checkpointDepth(stateManager)
    try {
      result = await runTx(vm, {
        tx: transaction,
        block: block.block,
        blockGasUsed: block.evmGasUsed,
        skipBlockGasLimitValidation: true,
        skipHardForkValidation: true,
      })
    } catch (error) {
      // runTx reverts one checkpoint, but an error thrown from inside execution (the KZG
      // precompile has no trusted setup here, say) leaves the call frame's open too; with the
      // block-wide checkpoint no longer on top, the block's trie nodes would never be written.
      while (checkpointDepth(stateManager) > depth) await vm.evm.journal.revert()
      // Nothing of the transaction stays: no state change, no nonce consumed.
      return rejectedReceipt(block, envelope.payload, engineMessage(error), hash, sender)
    }
    const transactionIndex = block.transactions.length
    const gasUsed = result.totalGasSpent
    block.gasUsed += gasUsed
    block.evmGasUsed += gasUsed
    block.burned += result.amountSpent - result.minerValue
    block.transactions.push(transaction)
    block.engineReceipts.push(result.receipt)
    const error = result.execResult.exceptionError?.error
    const status = outcomeStatusOf(error)
    const logs = result.receipt.logs as EngineLog[]
    const messages = status === 'ok' ? messagesFromLogs(logs, { denom, origin: hash }) : []
    block.messages.push(...messages)
    const contractAddress = result.createdAddress?.toString() as Address | undefined
    const effectiveGasPrice = effectiveGasPriceOf(transaction, settings.baseFeePerGas)
    const firstLogIndex = block.logIndex
    block.logIndex += logs.length
    const storedLogs: StoredLog[] = logs.map(([address, topics, data]) => [toHex(address), topics.map(toHex), toHex(data)])
    const logsBloom = toHex(result.bloom.bitvector)
    const reason = status === 'ok' ? undefined : reasonOf(error, result.execResult.returnValue)
    const receipt: Receipt = {
      transactionHash: hash,
      environment: id,
      index: block.receiptCount++,
      status,
      ...(reason === undefined ? {} : { reason }),
      sender,
      ...(contractAddress === undefined ? {} : { contractAddress }),
      gasUsed,
      returnData: result.execResult.returnValue,
      events: status === 'ok' ? logs.map(toEvent) : [],
      messageCount: messages.length,
      extensions: {
        type: transaction.type,
        status: status === 'ok' ? 1 : 0,
        transactionIndex,
        from: sender,
        to: transaction.to?.toString() ?? null,
        nonce: transaction.nonce,
        cumulativeGasUsed: result.receipt.cumulativeBlockGasUsed,
        effectiveGasPrice,
        contractAddress: contractAddress ?? null,
        logs: storedLogs.map(([address, topics, data], offset) => ({
          address,
          topics,
          data,
          logIndex: firstLogIndex + offset,
          transactionIndex,
        })),
        logsBloom,
        blockNumber: block.context.height,
      },
    }
    block.records.push({
      hash,
      payload: toHex(envelope.payload),
      blockNumber: block.context.height.toString(),
      transactionIndex,
      from: sender,
      outcome: status,
      ...(reason === undefined ? {} : { reason }),
      gasUsed: gasUsed.toString(),
      cumulativeGasUsed: result.receipt.cumulativeBlockGasUsed.toString(),
      effectiveGasPrice: effectiveGasPrice.toString(),
      contractAddress: contractAddress ?? null,
      firstLogIndex,
      logs: storedLogs,
      to: transaction.to?.toString() ?? null,
      type: transaction.type,
    })
    return receipt
  }

  async function execute(transactions: readonly TransactionEnvelope[]): Promise<readonly Receipt[]> {
    const block = requirePhase('open', 'execute')
    block.executed = true
    const receipts: Receipt[] = []
    for (const envelope of transactions) receipts.push(await executeOne(block, envelope))
    return receipts
  }

  async function endBlock(): Promise<EndBlockResult> {
    const block = requirePhase('open', 'endBlock')
    // Close the block-wide checkpoint: this flushes the block's state changes into the trie.
    await stateManager.commit()
    blockCheckpoint = false
    // The value that left through AssetSent is held by XEnv until now: burn it (in flight).
    const leaving = outboundValue(block.messages)
    for (const message of block.messages) {
      if (message.body.kind === 'asset_transfer') await addPending(stateManager, { ...message, body: message.body })
    }
    if (leaving > 0n) {
      const account = (await stateManager.getAccount(xenv)) ?? new Account()
      account.balance -= leaving
      await stateManager.putAccount(xenv, account)
    }
    const supply = BigInt(head.supply) + block.minted - block.burned - leaving
    const stateRoot = await stateManager.getStateRoot()
    const bloom = new Bloom(undefined, common)
    for (const receipt of block.engineReceipts) bloom.or(new Bloom(receipt.bitvector, common))
    const transactionsTrie = orderedTrieRoot(
      block.transactions.map((transaction) => transaction.serialize()),
      crypto.keccak256,
    )
    const receiptTrie = orderedTrieRoot(
      block.engineReceipts.map((receipt, index) => encodeReceipt(receipt, (block.transactions[index] as TypedTransaction).type)),
      crypto.keccak256,
    )
    const header = sealHeader(
      block.block.header,
      { stateRoot, transactionsTrie, receiptTrie, logsBloom: bloom.bitvector, gasUsed: block.evmGasUsed },
      crypto.keccak256,
    )
    const blockHash = header.hash
    const result: EndBlockResult = {
      height: block.context.height,
      stateRoot: bytesToHex(stateRoot),
      messages: block.messages,
      gasUsed: block.gasUsed,
      supply: { [denom]: supply },
      burnedByRule: { [denom]: block.burned },
      mintedByRule: {},
      extensions: { blockHash },
    }
    const record: HeightRecord = {
      height: block.context.height.toString(),
      stateRoot: result.stateRoot,
      blockHash,
      supply: supply.toString(),
      timestamp: block.context.timestamp.toString(),
      header: toHex(header.rlp),
      transactions: block.records.map((entry) => entry.hash),
      coordinatorParentHash: block.context.parentHash,
    }
    block.end = { result, record }
    phase = 'ended'
    return result
  }

  async function commit(): Promise<CommittedHead> {
    const block = requirePhase('ended', 'commit')
    const end = block.end as NonNullable<OpenBlock['end']>
    const { record } = end
    const height = block.context.height
    const operations: KeyValueOperation[] = trieDatabase.staged()
    const stored = block.records.map((entry): [Uint8Array, StoredTransaction] => [transactionKey(entry.hash), { ...entry, blockHash: record.blockHash }])
    for (const [key, transaction] of stored) operations.push({ type: 'put', key, value: encodeJson(transaction) })
    operations.push(
      { type: 'put', key: heightKey(height), value: encodeJson(record) },
      { type: 'put', key: blockHashKey(record.blockHash), value: encodeHeight(height) },
      { type: 'put', key: headKey(), value: encodeHeight(height) },
    )
    try {
      await store.batch(operations)
    } catch (cause) {
      throw new StorageError(`Could not commit EVM block ${height}`, { cause })
    }
    trieDatabase.persisted()
    for (const [key, transaction] of stored) recentRecords.remember(key, transaction)
    recentRecords.remember(heightKey(height), record)
    head = record
    recentHashes.set(height, hexToBytes(record.blockHash))
    recentHashes.delete(height - 256n)
    open = undefined
    phase = 'idle'
    return headOf(head)
  }

  async function rollback(height?: bigint): Promise<CommittedHead> {
    assertOpen()
    const top = BigInt(head.height)
    const target = height ?? top
    if (target > top || target < 0n) throw new NotFoundError(`EVM height ${target} is not committed (head is ${top})`)
    const record = target === top ? head : await readJson<HeightRecord>(store, heightKey(target))
    if (record === undefined) throw new NotFoundError(`EVM height ${target} was pruned or never stored`)
    if (blockCheckpoint) {
      blockCheckpoint = false
      await stateManager.revert()
    }
    // setStateRoot flushes the caches into the trie first: discard those writes afterwards.
    await stateManager.setStateRoot(hexToBytes(record.stateRoot))
    trieDatabase.discard()
    recentRecords.clear()
    if (target < top) {
      const operations: KeyValueOperation[] = []
      for (let dropped = top; dropped > target; dropped--) {
        const droppedRecord = dropped === top ? head : await readJson<HeightRecord>(store, heightKey(dropped))
        if (droppedRecord === undefined) continue
        operations.push({ type: 'delete', key: heightKey(dropped) }, { type: 'delete', key: blockHashKey(droppedRecord.blockHash) })
        for (const hash of droppedRecord.transactions) {
          operations.push({ type: 'delete', key: transactionKey(hash) })
        }
      }
      operations.push({ type: 'put', key: headKey(), value: encodeHeight(target) })
      try {
        await store.batch(operations)
      } catch (cause) {
        throw new StorageError(`Could not roll the EVM environment back to ${target}`, { cause })
      }
      head = record
      await loadRecentHashes()
    }
    open = undefined
    phase = 'idle'
    return headOf(head)
  }

  /**
   * The committed account at `address`. Between blocks the state's account cache holds
   * committed values only, and a sender that sent before is in it: no trie walk for the check
   * (which answers before its block runs). Otherwise the query runner reads the committed root.
   */
  async function committedAccount(address: EngineAddress): Promise<Account> {
    if (phase === 'idle') {
      const cached = caches.account?.get(address)
      if (cached !== undefined) return cached.accountRLP === undefined ? new Account() : createAccountFromRLP(cached.accountRLP)
    }
    return queries.account(address)
  }

  async function checkTransaction(envelope: TransactionEnvelope): Promise<TransactionCheck> {
    assertOpen()
    if (envelope.environment !== id) {
      return { status: 'rejected', reason: `transaction for environment "${envelope.environment}" sent to "${id}"` }
    }
    const decoded = decodeTransaction(envelope.payload, {
      common,
      keccak256: crypto.keccak256,
      chainId: settings.chainId,
      maxTransactionBytes: limits.maxTransactionBytes,
      transactionGasLimit: limits.blockGasLimit < limits.transactionGasLimit ? limits.blockGasLimit : limits.transactionGasLimit,
    })
    if (!decoded.ok) {
      return {
        status: 'rejected',
        reason: decoded.reason,
        ...(decoded.hash === undefined ? {} : { hash: decoded.hash }),
        ...(decoded.sender === undefined ? {} : { sender: decoded.sender }),
      }
    }
    const { transaction, hash, sender } = decoded
    const account = await committedAccount(decoded.senderAddress)
    const reason = checkAgainstAccount(transaction, account, settings.baseFeePerGas, 'at-least')
    if (reason === undefined) admitted.remember(envelope.payload, decoded)
    const to = transaction.to?.toString() as Address | undefined
    return {
      status: reason === undefined ? 'ok' : 'rejected',
      hash,
      sender,
      nonce: transaction.nonce,
      gasLimit: transaction.gasLimit,
      ...(to === undefined ? {} : { to }),
      ...(reason === undefined ? {} : { reason }),
    }
  }

  const environment: ExecutionEnvironment = {
    specificationVersion: 'v1',
    id,
    vm: 'evm',
    limits,
    capabilities: Object.freeze({
      receives: Object.freeze(['asset_transfer', 'contract_call', 'state_sync', 'acknowledgement'] as const),
      sends: Object.freeze(['asset_transfer', 'contract_call', 'state_sync'] as const),
      denoms: Object.freeze([denom]),
    }),
    async head() {
      assertOpen()
      return headOf(head)
    },
    async health(): Promise<HealthReport> {
      if (closed) return { status: 'stopped', head: headOf(head), detail: 'closed' }
      return { status: 'healthy', head: headOf(head) }
    },
    checkTransaction,
    beginBlock: (context) => serial(() => beginBlock(context)),
    deliver: (deliveries) => serial(() => deliver(deliveries)),
    execute: (transactions) => serial(() => execute(transactions)),
    endBlock: () => serial(endBlock),
    commit: () => serial(commit),
    rollback: (height) => serial(() => rollback(height)),
    runBlock: (input) => serial(() => runBlock(input)),
    async query<TRequest extends QueryRequest>(request: TRequest): Promise<QueryResult<TRequest>> {
      assertOpen()
      return (await queries.query(request)) as QueryResult<TRequest>
    },
    close: () => serial(close),
  }
  return environment

  async function runBlock(input: BlockInput): Promise<BlockOutput> {
    await beginBlock(input.context)
    try {
      const deliveries = await deliver(input.deliveries)
      const receipts = await execute(input.transactions)
      const end = await endBlock()
      return { deliveries, receipts, end }
    } catch (error) {
      // A failed batch leaves the environment at its committed head, as core's runBlockInSteps.
      await rollback()
      throw error
    }
  }

  async function close(): Promise<void> {
    if (closed) return
    closed = true
    open = undefined
    phase = 'idle'
    // Only a store we created is ours to close; a caller's store (or namespace) stays open.
    if (settings.store === undefined) await store.close()
  }

  /**
   * Block methods run one at a time, in call order: a caller that forgets an `await` gets
   * queued calls instead of two transactions interleaved inside one engine.
   */
  function serial<T>(run: () => Promise<T>): Promise<T> {
    const result = queue.then(run)
    queue = result.then(
      () => undefined,
      () => undefined,
    )
    return result
  }
}

