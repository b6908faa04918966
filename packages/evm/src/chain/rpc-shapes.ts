import type { Hash, Hex } from '@bulkhead/core'
import type { Common } from '@ethereumjs/common'
import { createBlockHeaderFromRLP } from '@ethereumjs/block'
import { createTxFromRLP } from '@ethereumjs/tx'
import type { HeightRecord } from './chain-records.js'
import { Bloom } from '@ethereumjs/vm'
import { fromHex, toHex } from '../encoding/fast-hex.js'

/** A quantity as Ethereum JSON-RPC writes it. */
export const quantity = (value: bigint | number): Hex => `0x${value.toString(16)}`

/** A log as stored: address, topics, data. */
export type StoredLog = readonly [address: Hex, topics: readonly Hex[], data: Hex]

/**
 * One included transaction and its receipt as stored: compact and cheap to write on the hot
 * path; the JSON-RPC shapes are built only when somebody asks (PERFORMANCE.md: keep block and
 * receipt objects encoded).
 */
export interface StoredTransaction {
  readonly hash: Hash
  /** The signed transaction as received. */
  readonly payload: Hex
  readonly blockNumber: string
  readonly blockHash: Hash
  readonly transactionIndex: number
  readonly from: Hex
  readonly outcome: string
  readonly reason?: string
  readonly gasUsed: string
  readonly cumulativeGasUsed: string
  readonly effectiveGasPrice: string
  readonly contractAddress: Hex | null
  readonly firstLogIndex: number
  readonly logs: readonly StoredLog[]
  /** Recipient and type, kept so a receipt needs no decoding of the payload (absent in older records). */
  readonly to?: Hex | null
  readonly type?: number
}

/** `eth_getTransactionByHash`'s shape. */
export function transactionToRPC(stored: StoredTransaction, common: Common): Record<string, unknown> {
  const transaction = createTxFromRLP(fromHex(stored.payload), { common })
  const json = transaction.toJSON() as Record<string, unknown>
  return {
    ...json,
    type: quantity(transaction.type),
    hash: stored.hash,
    from: stored.from,
    to: json['to'] ?? null,
    input: json['data'],
    gas: json['gasLimit'],
    blockHash: stored.blockHash,
    blockNumber: quantity(BigInt(stored.blockNumber)),
    transactionIndex: quantity(stored.transactionIndex),
  }
}

/** `eth_getTransactionReceipt`'s shape, plus the unified `outcome` and its `reason`. */
export function receiptToRPC(stored: StoredTransaction, common: Common): Record<string, unknown> {
  const { to, type } =
    stored.to === undefined || stored.type === undefined
      ? (({ to: recipient, type: kind }) => ({ to: recipient?.toString() ?? null, type: kind }))(createTxFromRLP(fromHex(stored.payload), { common }))
      : { to: stored.to, type: stored.type }
  const blockNumber = quantity(BigInt(stored.blockNumber))
  const transactionIndex = quantity(stored.transactionIndex)
  return {
    transactionHash: stored.hash,
    transactionIndex,
    blockHash: stored.blockHash,
    blockNumber,
    from: stored.from,
    to,
    cumulativeGasUsed: quantity(BigInt(stored.cumulativeGasUsed)),
    gasUsed: quantity(BigInt(stored.gasUsed)),
    effectiveGasPrice: quantity(BigInt(stored.effectiveGasPrice)),
    contractAddress: stored.contractAddress,
    logs: logsToRPC(stored),
    logsBloom: bloomOf(stored.logs, common),
    type: quantity(type),
    status: stored.outcome === 'ok' ? '0x1' : '0x0',
    outcome: stored.outcome,
    ...(stored.reason === undefined ? {} : { reason: stored.reason }),
  }
}

/** The logs bloom of a receipt, recomputed from its logs rather than stored (256 bytes each). */
function bloomOf(logs: readonly StoredLog[], common: Common): Hex {
  const bloom = new Bloom(undefined, common)
  for (const [address, topics] of logs) {
    bloom.add(fromHex(address))
    for (const topic of topics) bloom.add(fromHex(topic))
  }
  return toHex(bloom.bitvector)
}

/** `eth_getBlockByNumber`'s shape (transaction hashes only) of a stored height. */
export function blockToRPC(record: HeightRecord, common: Common): Record<string, unknown> {
  const header = createBlockHeaderFromRLP(fromHex(record.header), { common }).toJSON() as Record<string, unknown>
  return {
    ...header,
    hash: record.blockHash,
    miner: header['coinbase'],
    transactionsRoot: header['transactionsTrie'],
    receiptsRoot: header['receiptTrie'],
    sha3Uncles: header['uncleHash'],
    transactions: record.transactions,
    ...(record.coordinatorParentHash === undefined ? {} : { coordinatorParentHash: record.coordinatorParentHash }),
  }
}

/** A transaction's logs in the JSON-RPC shape (`eth_getLogs`, receipts, subscriptions). */
export function logsToRPC(stored: StoredTransaction): Record<string, unknown>[] {
  return stored.logs.map(([address, topics, data], offset) => ({
    address,
    topics,
    data,
    logIndex: quantity(stored.firstLogIndex + offset),
    transactionIndex: quantity(stored.transactionIndex),
    transactionHash: stored.hash,
    blockHash: stored.blockHash,
    blockNumber: quantity(BigInt(stored.blockNumber)),
    removed: false,
  }))
}
