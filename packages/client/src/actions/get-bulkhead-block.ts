import type { Client } from 'viem'
import { bulkheadRequest } from '../bulkhead-request.js'
import { toQuantity } from '../from-json.js'
import type { BulkheadBlock } from '../types/bulkhead-block.js'

type BlockJSON = Omit<BulkheadBlock, 'height' | 'timestamp'> & { readonly height: string; readonly timestamp: string }

/** `bulkhead_getBlock`: a committed block's header with per-environment roots; `null` when there is none (height 0 is genesis, which has no header). */
export async function getBulkheadBlock(client: Client, parameters: { readonly height?: bigint | 'latest' } = {}): Promise<BulkheadBlock | null> {
  const height = parameters.height ?? 'latest'
  const block = await bulkheadRequest<BlockJSON | null>(client, 'bulkhead_getBlock', [height === 'latest' ? height : toQuantity(height)])
  return block === null ? null : { ...block, height: BigInt(block.height), timestamp: BigInt(block.timestamp) }
}
