import type { Client, Hash } from 'viem'
import { bulkheadRequest } from '../bulkhead-request.js'
import type { BulkheadReceipt } from '../types/bulkhead-receipt.js'

export type ReceiptJSON = Omit<BulkheadReceipt, 'gasUsed' | 'blockHeight'> & { readonly gasUsed: string; readonly blockHeight: string }

export function receiptFromJSON(receipt: ReceiptJSON): BulkheadReceipt {
  return { ...receipt, gasUsed: BigInt(receipt.gasUsed), blockHeight: BigInt(receipt.blockHeight) }
}

/** `bulkhead_getReceipt`: the receipt of a transaction of any environment, or `null` when it is not in a block. */
export async function getReceipt(client: Client, parameters: { readonly hash: Hash }): Promise<BulkheadReceipt | null> {
  const receipt = await bulkheadRequest<ReceiptJSON | null>(client, 'bulkhead_getReceipt', [parameters.hash])
  return receipt === null ? null : receiptFromJSON(receipt)
}
