import type { Hash, Receipt } from '@bulkhead/core'
import { toQuantity } from '../rpc-params.js'

/** What the EVM environment puts in a receipt's `extensions` (its README, "Receipts"). */
interface EvmReceiptFacts {
  readonly type: number
  readonly transactionIndex: number
  readonly from: string
  readonly to: string | null
  readonly cumulativeGasUsed: bigint
  readonly effectiveGasPrice: bigint
  readonly contractAddress: string | null
  readonly logs: readonly { readonly address: string; readonly topics: readonly string[]; readonly data: string; readonly logIndex: number }[]
  readonly logsBloom: string
  readonly blockNumber: bigint
}

/**
 * `eth_getTransactionReceipt`'s object for a receipt of the EVM environment, from what its block
 * reported (the receipt's extensions, the block's EVM hash), so that the node answers a fresh
 * receipt without asking the environment. Field for field what the environment's own
 * `receipt_by_hash` query answers (tested against it); `undefined` without the EVM's extensions.
 */
export function ethereumReceipt(receipt: Receipt, blockHash: Hash): Record<string, unknown> | undefined {
  const facts = receipt.extensions as Partial<EvmReceiptFacts> | undefined
  if (facts?.blockNumber === undefined || facts.logs === undefined || facts.transactionIndex === undefined) return undefined
  const { transactionHash } = receipt
  const blockNumber = toQuantity(facts.blockNumber)
  const transactionIndex = toQuantity(facts.transactionIndex)
  return {
    transactionHash,
    transactionIndex,
    blockHash,
    blockNumber,
    from: facts.from,
    to: facts.to,
    cumulativeGasUsed: toQuantity(facts.cumulativeGasUsed ?? 0n),
    gasUsed: toQuantity(receipt.gasUsed),
    effectiveGasPrice: toQuantity(facts.effectiveGasPrice ?? 0n),
    contractAddress: facts.contractAddress,
    logs: facts.logs.map((log) => ({
      address: log.address,
      topics: log.topics,
      data: log.data,
      logIndex: toQuantity(log.logIndex),
      transactionIndex,
      transactionHash,
      blockHash,
      blockNumber,
      removed: false,
    })),
    logsBloom: facts.logsBloom,
    type: toQuantity(facts.type ?? 0),
    status: receipt.status === 'ok' ? '0x1' : '0x0',
    outcome: receipt.status,
    ...(receipt.reason === undefined ? {} : { reason: receipt.reason }),
  }
}
