import { JsonRpcError, RPC_ERROR } from '../json-rpc-error.js'
import { blockTag, invalidParams, object, type BlockTag } from '../rpc-params.js'

/** An `eth_getLogs`/`eth_newFilter` filter, parsed; block tags resolved later against the head. */
export interface LogFilterParams {
  readonly fromBlock: BlockTag
  readonly toBlock: BlockTag
  readonly blockHash?: `0x${string}`
  readonly address?: readonly string[]
  readonly topics?: readonly (string | readonly string[] | null)[]
}

const hash32 = /^0x[0-9a-fA-F]{64}$/
const address20 = /^0x[0-9a-fA-F]{40}$/

export function parseLogFilter(raw: readonly unknown[], index: number): LogFilterParams {
  const filter = raw[index] === undefined ? {} : object(raw, index)
  const { fromBlock, toBlock, blockHash, address, topics } = filter
  if (blockHash !== undefined && (fromBlock !== undefined || toBlock !== undefined)) {
    throw new JsonRpcError(RPC_ERROR.invalidParams, 'Invalid params: give either blockHash or fromBlock/toBlock, not both')
  }
  if (blockHash !== undefined && (typeof blockHash !== 'string' || !hash32.test(blockHash))) throw invalidParams(index, 'a filter whose blockHash is a 32-byte hash', blockHash)
  const addresses = address === undefined || address === null ? undefined : Array.isArray(address) ? address : [address]
  if (addresses !== undefined && !addresses.every((entry) => typeof entry === 'string' && address20.test(entry))) {
    throw invalidParams(index, 'a filter whose address is an address or a list of addresses', address)
  }
  if (topics !== undefined && topics !== null) {
    const valid =
      Array.isArray(topics) &&
      topics.length <= 4 &&
      topics.every((topic) => topic === null || (typeof topic === 'string' && hash32.test(topic)) || (Array.isArray(topic) && topic.every((option) => typeof option === 'string' && hash32.test(option))))
    if (!valid) throw invalidParams(index, 'a filter whose topics are up to 4 entries of null, a 32-byte topic, or a list of them', topics)
  }
  return {
    fromBlock: blockTag([fromBlock], 0),
    toBlock: blockTag([toBlock], 0),
    ...(typeof blockHash === 'string' ? { blockHash: blockHash.toLowerCase() as `0x${string}` } : {}),
    ...(addresses === undefined ? {} : { address: addresses.map((entry) => (entry as string).toLowerCase()) }),
    ...(Array.isArray(topics) ? { topics: topics as (string | string[] | null)[] } : {}),
  }
}

/** A tag as a height, given the head: latest/pending/safe/finalized are the head; earliest is 0. */
export function resolveTag(tag: BlockTag, head: bigint): bigint {
  if (typeof tag === 'bigint') return tag
  return tag === 'earliest' ? 0n : head
}
