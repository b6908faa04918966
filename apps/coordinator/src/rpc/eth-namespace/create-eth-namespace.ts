import { bytesToHex, hexToBytes, type Address, type Hash, type Hex, type TransactionEnvelope } from '@bulkhead/core'
import type { Router } from '@bulkhead/router'
import { privateKeyToAccount } from 'viem/accounts'
import type { BlockProducer } from '../../devnet/block-producer.js'
import type { DevAccount } from '../../devnet/dev-accounts.js'
import type { Sent } from '../../devnet/send-admitting.js'
import type { ChainGenesis } from '../../genesis/chain-genesis.js'
import type { BulkheadNode } from '../../node/create-node.js'
import { VERSION } from '../../version.js'
import { JsonRpcError, RPC_ERROR } from '../json-rpc-error.js'
import { defineMethod, type RpcMethods } from '../rpc-method.js'
import { address, atMost, blockTag, boolean, data, hash, invalidParams, object, quantity, text, toQuantity } from '../rpc-params.js'
import { createDroppedTransactions } from './dropped-transactions.js'
import { ethereumReceipt } from './ethereum-receipt.js'
import { createLogWatchers, type Watch } from './log-watchers.js'
import { createRecentReceipts } from './recent-receipts.js'
import { parseLogFilter, resolveTag, type LogFilterParams } from './parse-log-filter.js'

export interface EthNamespaceContext {
  readonly node: BulkheadNode
  readonly router: Router
  readonly producer: BlockProducer
  readonly genesis: ChainGenesis
  /** Dev accounts `eth_accounts` lists and `eth_sendTransaction` signs for. */
  readonly accounts: readonly DevAccount[]
  /** Submits a transaction; with automine, `check` is known before `block` is committed. */
  readonly send: (transaction: TransactionEnvelope) => Promise<Sent>
}

type Json = Record<string, unknown>
const PRIORITY_FEE = 1_000_000_000n

/**
 * The Ethereum JSON-RPC methods viem and ethers use, served by the chain's EVM environment
 * (the genesis environment with `vm: evm`). Its block numbers are the chain's heights.
 */
export function createEthNamespace(context: EthNamespaceContext): RpcMethods {
  const evmEntry = context.genesis.environments.find((environment) => environment.vm === 'evm')
  if (evmEntry === undefined) return {}
  const evm = evmEntry.id
  const environment = context.router.environment(evm)
  const extension = (name: string, ...params: unknown[]) => environment.query({ method: 'extension', name, params })
  const head = () => context.node.head().height
  const watchers = createLogWatchers()
  const keys = new Map(context.accounts.map((account) => [account.address, account.privateKey]))

  const latestBlock = async () => (await extension('block_by_number', head())) as Json
  const baseFee = async () => BigInt(((await latestBlock())['baseFeePerGas'] as string | undefined) ?? '0x0')

  /** Refuses tags of past blocks: state is queried at the head only. */
  const latestOnly = (raw: readonly unknown[], index: number) => {
    const tag = blockTag(raw, index)
    const height = typeof tag === 'bigint' ? tag : tag === 'earliest' ? 0n : head()
    if (height !== head()) {
      throw new JsonRpcError(RPC_ERROR.invalidInput, `State of block ${height} is not queryable; this devnet answers at the latest block (${head()})`)
    }
  }

  const callRequest = (raw: readonly unknown[], index: number) => {
    const request = object(raw, index)
    const field = (name: string, parse: (values: readonly unknown[], at: number) => unknown) =>
      request[name] === undefined || request[name] === null ? undefined : parse([request[name]], 0)
    const input = field('input', data) ?? field('data', data)
    return {
      from: field('from', address) as Address | undefined,
      to: field('to', address) as Address | undefined,
      data: input === undefined ? new Uint8Array(0) : hexToBytes(input as string),
      value: field('value', quantity) as bigint | undefined,
      gasLimit: field('gas', quantity) as bigint | undefined,
    }
  }
  const asQuery = (request: ReturnType<typeof callRequest>) => ({
    data: request.data,
    ...(request.from === undefined ? {} : { from: request.from }),
    ...(request.to === undefined ? {} : { to: request.to }),
    ...(request.value === undefined ? {} : { value: request.value }),
    ...(request.gasLimit === undefined ? {} : { gasLimit: request.gasLimit }),
  })

  /** A revert as geth reports it: code 3, "execution reverted: reason", the revert bytes as data. */
  const reverted = (reason: string | undefined, returnData: Uint8Array) =>
    new JsonRpcError(RPC_ERROR.executionReverted, `execution reverted${reason ? `: ${reason.replace(/^revert:?\s*/, '')}` : ''}`, bytesToHex(returnData))

  const dropped = createDroppedTransactions()
  /**
   * Admits a signed EVM transaction and answers its hash; with automine the check runs in its
   * block's own round trip and the hash is answered while that block goes on. The devnet holds
   * every later request until the block is committed, so reads see the transaction, while the
   * client's own work overlaps the block. A transaction its block refuses after admission (a
   * nonce gap, say: admission accepts future nonces) is dropped, and its receipt request
   * answers why.
   */
  const sendRaw = async (payload: Uint8Array): Promise<Hex> => {
    const { check, block } = await context.send({ environment: evm, payload })
    if (check.status !== 'ok' || check.hash === undefined) throw new JsonRpcError(RPC_ERROR.invalidInput, check.reason ?? 'transaction rejected')
    const { hash } = check
    block.catch((error: unknown) => dropped.note(hash, `its block failed: ${error instanceof Error ? error.message : String(error)}`))
    return hash
  }
  const recentReceipts = createRecentReceipts()
  const receiptOf = async (who: Hex) => {
    const recent = recentReceipts.get(who, head())
    if (recent !== undefined) return recent
    const receipt = await extension('receipt_by_hash', who)
    const reason = receipt === null ? dropped.reasonFor(who) : undefined
    if (reason !== undefined) throw new JsonRpcError(RPC_ERROR.invalidInput, `Transaction ${who} was dropped: ${reason}`)
    return receipt
  }

  const logsOf = async (filter: LogFilterParams, from?: bigint, to?: bigint) => {
    let fromBlock = from ?? resolveTag(filter.fromBlock, head())
    let toBlock = to ?? resolveTag(filter.toBlock, head())
    if (filter.blockHash !== undefined) {
      const block = (await extension('block_by_hash', filter.blockHash)) as Json | null
      if (block === null) throw new JsonRpcError(RPC_ERROR.resourceNotFound, `Unknown block ${filter.blockHash}`)
      fromBlock = toBlock = BigInt(block['number'] as string)
    }
    if (toBlock < fromBlock) return []
    return extension('logs', {
      fromBlock,
      toBlock,
      ...(filter.address === undefined ? {} : { address: filter.address }),
      ...(filter.topics === undefined ? {} : { topics: filter.topics }),
    }) as Promise<Json[]>
  }

  // Push new heads and logs to WebSocket subscribers after each committed block.
  context.producer.onBlock(({ block, rejected, ends }) => {
    const height = block.header.height
    for (const receipt of rejected) if (receipt.environment === evm) dropped.note(receipt.transactionHash, receipt.reason ?? 'rejected')
    // Receipts of this block answer from here: the usual next request is for one of them.
    const blockHash = ends[evm]?.extensions?.['blockHash']
    const shaped = new Map<string, unknown>()
    if (typeof blockHash === 'string') {
      for (const receipt of block.receipts) {
        const json = receipt.environment === evm ? ethereumReceipt(receipt, blockHash as Hash) : undefined
        if (json !== undefined) shaped.set(receipt.transactionHash, json)
      }
    }
    recentReceipts.add(height, shaped)
    for (const [id, subscription] of watchers.subscriptions()) {
      const payload =
        subscription.watch.kind === 'blocks'
          ? extension('block_by_number', height).then((header) => [header])
          : logsOf(subscription.watch.filter, height, height)
      payload
        .then((results) => {
          for (const result of results) subscription.connection.notify('eth_subscription', { subscription: id, result })
        })
        .catch(() => undefined)
    }
  })

  const noParams = (raw: readonly unknown[]) => atMost(raw, 0)
  const methods: RpcMethods = {
    eth_chainId: defineMethod({ params: noParams, handler: () => toQuantity(context.genesis.chainId) }),
    net_version: defineMethod({ params: noParams, handler: () => context.genesis.chainId.toString() }),
    net_listening: defineMethod({ params: noParams, handler: () => true }),
    web3_clientVersion: defineMethod({ params: noParams, handler: () => `bulkhead/${VERSION}/node-${process.versions.node}` }),
    eth_syncing: defineMethod({ params: noParams, handler: () => false }),
    eth_blockNumber: defineMethod({ params: noParams, handler: () => toQuantity(head()) }),
    eth_accounts: defineMethod({ params: noParams, handler: () => context.accounts.map((account) => account.address) }),
    eth_gasPrice: defineMethod({ params: noParams, handler: async () => toQuantity((await baseFee()) + PRIORITY_FEE) }),
    eth_maxPriorityFeePerGas: defineMethod({ params: noParams, handler: () => toQuantity(PRIORITY_FEE) }),

    eth_getBalance: defineMethod({
      params: (raw) => (latestOnly(raw, 1), address(raw, 0)),
      handler: async (who) => toQuantity(await environment.query({ method: 'balance', address: who })),
    }),
    eth_getTransactionCount: defineMethod({
      params: (raw) => (latestOnly(raw, 1), address(raw, 0)),
      handler: async (who) => toQuantity(await environment.query({ method: 'nonce', address: who })),
    }),
    eth_getCode: defineMethod({
      params: (raw) => (latestOnly(raw, 1), address(raw, 0)),
      handler: async (who) => bytesToHex(await environment.query({ method: 'code', address: who })),
    }),
    eth_getStorageAt: defineMethod({
      params: (raw) => {
        latestOnly(raw, 2)
        const slot = quantity(raw, 1)
        return { who: address(raw, 0), key: hexToBytes(`0x${slot.toString(16).padStart(64, '0')}`) }
      },
      handler: async ({ who, key }) => {
        const value = await environment.query({ method: 'storage', address: who, key })
        return `0x${bytesToHex(value).slice(2).padStart(64, '0')}`
      },
    }),
    eth_call: defineMethod({
      params: (raw) => (latestOnly(raw, 1), callRequest(raw, 0)),
      handler: async (request) => {
        const result = await environment.query({ method: 'call', ...asQuery(request) })
        if (result.status === 'reverted') throw reverted(result.reason, result.returnData)
        if (result.status !== 'ok') throw new JsonRpcError(RPC_ERROR.invalidInput, `${result.status}: ${result.reason ?? ''}`.trim())
        return bytesToHex(result.returnData)
      },
    }),
    eth_estimateGas: defineMethod({
      params: (raw) => callRequest(raw, 0),
      handler: async (request) => {
        const result = await environment.query({ method: 'estimate_gas', ...asQuery(request) })
        if (result.status === 'reverted') throw reverted(result.reason, result.returnData)
        if (result.status !== 'ok') throw new JsonRpcError(RPC_ERROR.invalidInput, `gas required exceeds allowance: ${result.status} ${result.reason ?? ''}`.trim())
        return toQuantity(result.gasLimit)
      },
    }),
    eth_feeHistory: defineMethod({
      params: (raw) => {
        const count = typeof raw[0] === 'number' ? BigInt(raw[0]) : quantity(raw, 0)
        const newest = resolveTag(blockTag(raw, 1), head())
        const percentiles = raw[2] === undefined ? [] : raw[2]
        if (!Array.isArray(percentiles) || !percentiles.every((value) => typeof value === 'number')) throw invalidParams(2, 'a list of percentiles', raw[2])
        return { count: count > 1024n ? 1024n : count, newest: newest > head() ? head() : newest, percentiles: percentiles as number[] }
      },
      handler: async ({ count, newest, percentiles }) => {
        const oldest = newest - count + 1n > 0n ? newest - count + 1n : 0n
        const baseFees: string[] = []
        const ratios: number[] = []
        for (let height = oldest; height <= newest; height++) {
          const block = (await extension('block_by_number', height)) as Json
          baseFees.push((block['baseFeePerGas'] as string | undefined) ?? '0x0')
          ratios.push(Number(BigInt(block['gasUsed'] as string)) / Number(BigInt(block['gasLimit'] as string)))
        }
        baseFees.push(baseFees.at(-1) ?? '0x0') // the base fee is constant on this devnet
        return {
          oldestBlock: toQuantity(oldest),
          baseFeePerGas: baseFees,
          gasUsedRatio: ratios,
          ...(percentiles.length === 0 ? {} : { reward: ratios.map(() => percentiles.map(() => toQuantity(PRIORITY_FEE))) }),
        }
      },
    }),

    eth_sendRawTransaction: defineMethod({
      params: (raw) => (atMost(raw, 1), hexToBytes(data(raw, 0))),
      handler: sendRaw,
    }),
    eth_sendTransaction: defineMethod({
      params: (raw) => {
        atMost(raw, 1)
        const request = callRequest(raw, 0)
        if (request.from === undefined) throw invalidParams(0, 'a transaction with a from address', raw[0])
        const nonce = object(raw, 0)['nonce']
        return { ...request, from: request.from, nonce: nonce === undefined ? undefined : quantity([nonce], 0) }
      },
      handler: async (request) => {
        const key = keys.get(request.from)
        if (key === undefined) throw new JsonRpcError(RPC_ERROR.invalidInput, `Unknown account ${request.from}: eth_sendTransaction signs only for eth_accounts`)
        const nonce = request.nonce ?? (await environment.query({ method: 'nonce', address: request.from }))
        let gas = request.gasLimit
        if (gas === undefined) {
          const estimate = await environment.query({ method: 'estimate_gas', ...asQuery(request) })
          if (estimate.status === 'reverted') throw reverted(estimate.reason, estimate.returnData)
          gas = estimate.status === 'ok' ? estimate.gasLimit : 30_000_000n
        }
        const fee = await baseFee()
        const signed = await privateKeyToAccount(key).signTransaction({
          type: 'eip1559',
          chainId: Number(context.genesis.chainId),
          nonce: Number(nonce),
          gas,
          maxFeePerGas: fee * 2n + PRIORITY_FEE,
          maxPriorityFeePerGas: PRIORITY_FEE,
          ...(request.to === undefined ? {} : { to: request.to }),
          ...(request.value === undefined ? {} : { value: request.value }),
          ...(request.data.length === 0 ? {} : { data: bytesToHex(request.data) }),
        })
        return sendRaw(hexToBytes(signed))
      },
    }),

    eth_getTransactionByHash: defineMethod({ params: (raw) => (atMost(raw, 1), hash(raw, 0)), handler: (who) => extension('transaction_by_hash', who) }),
    eth_getTransactionReceipt: defineMethod({ params: (raw) => (atMost(raw, 1), hash(raw, 0)), handler: receiptOf }),
    eth_getBlockByNumber: defineMethod({
      params: (raw) => ({ height: resolveTag(blockTag(raw, 0), head()), full: boolean(raw, 1, false) }),
      handler: ({ height, full }) => (height > head() ? null : extension('block_by_number', height, full)),
    }),
    eth_getBlockByHash: defineMethod({
      params: (raw) => ({ block: hash(raw, 0), full: boolean(raw, 1, false) }),
      handler: ({ block, full }) => extension('block_by_hash', block, full),
    }),
    eth_getLogs: defineMethod({ params: (raw) => (atMost(raw, 1), parseLogFilter(raw, 0)), handler: (filter) => logsOf(filter) }),

    eth_newFilter: defineMethod({
      params: (raw) => (atMost(raw, 1), parseLogFilter(raw, 0)),
      handler: (filter) => watchers.install({ kind: 'logs', filter }, head()),
    }),
    eth_newBlockFilter: defineMethod({ params: noParams, handler: () => watchers.install({ kind: 'blocks' }, head()) }),
    eth_getFilterChanges: defineMethod({
      params: (raw) => (atMost(raw, 1), text(raw, 0, /^0x[0-9a-f]+$/)),
      handler: async (id) => {
        const filter = watchers.poll(id)
        if (filter === undefined) throw new JsonRpcError(RPC_ERROR.invalidInput, 'filter not found')
        const from = filter.lastHeight + 1n
        const to = head()
        filter.lastHeight = to
        if (to < from) return []
        if (filter.watch.kind === 'logs') return logsOf(filter.watch.filter, from, to)
        const hashes: unknown[] = []
        for (let height = from; height <= to; height++) hashes.push(((await extension('block_by_number', height)) as Json)['hash'])
        return hashes
      },
    }),
    eth_getFilterLogs: defineMethod({
      params: (raw) => (atMost(raw, 1), text(raw, 0, /^0x[0-9a-f]+$/)),
      handler: async (id) => {
        const filter = watchers.poll(id)
        if (filter === undefined || filter.watch.kind !== 'logs') throw new JsonRpcError(RPC_ERROR.invalidInput, 'filter not found')
        return logsOf(filter.watch.filter)
      },
    }),
    eth_uninstallFilter: defineMethod({ params: (raw) => (atMost(raw, 1), text(raw, 0)), handler: (id) => watchers.uninstall(id) }),
    eth_subscribe: defineMethod({
      params: (raw): Watch => {
        const kind = text(raw, 0)
        if (kind === 'newHeads') return { kind: 'blocks' }
        if (kind === 'logs') return { kind: 'logs', filter: parseLogFilter(raw, 1) }
        throw invalidParams(0, '"newHeads" or "logs"', kind)
      },
      handler: (watch, call) => {
        if (call.connection === undefined) throw new JsonRpcError(RPC_ERROR.methodNotFound, 'eth_subscribe needs a WebSocket connection')
        return watchers.subscribe(watch, call.connection)
      },
    }),
    eth_unsubscribe: defineMethod({ params: (raw) => text(raw, 0), handler: (id) => watchers.uninstall(id) }),
  }
  return methods
}

