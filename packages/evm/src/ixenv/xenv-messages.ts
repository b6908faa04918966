import type { Hash, Hex, OutboundMessage } from '@bulkhead/core'
import { bytesToHex, hexToBytes, keccak256 } from '@bulkhead/core'
import { readBytes, readString, readWord, utf8 } from './abi-codec.js'
import { XENV_ADDRESS } from './xenv-address.js'

/** An EVM log as the engine reports it: address, topics, data. */
export type EngineLog = readonly [address: Uint8Array, topics: readonly Uint8Array[], data: Uint8Array]

const topicOf = (signature: string) => bytesToHex(keccak256(utf8(signature)))

/** Topic 0 of each IXEnv event that becomes an outbound message. */
export const XENV_TOPICS = {
  assetSent: topicOf('AssetSent(address,string,bytes,uint256,string)'),
  callSent: topicOf('CallSent(address,string,bytes,bytes,uint64)'),
  statePublished: topicOf('StatePublished(address,string,bytes,bytes,uint64)'),
} as const

const xenvBytes = hexToBytes(XENV_ADDRESS)

function isXEnv(address: Uint8Array): boolean {
  for (let index = 0; index < 20; index++) if (address[index] !== xenvBytes[index]) return false
  return true
}

export interface MessageContext {
  readonly denom: string
  /** The transaction (or delivered message) whose logs these are. */
  readonly origin: Hash
}

/**
 * The outbound messages in the logs of one successful execution, in emission order.
 * Only logs of the XEnv contract count: a contract cannot forge one by emitting the same event
 * itself, and logs of reverted frames never reach a successful receipt.
 */
export function messagesFromLogs(logs: readonly EngineLog[], context: MessageContext): OutboundMessage[] {
  const messages: OutboundMessage[] = []
  for (const [address, topics, data] of logs) {
    if (!isXEnv(address) || topics.length < 2) continue
    const topic = bytesToHex(topics[0] as Uint8Array)
    const sender = bytesToHex((topics[1] as Uint8Array).subarray(12)) as Hex
    const base = { timeoutHeight: 0n, originTransaction: context.origin }
    if (topic === XENV_TOPICS.assetSent) {
      messages.push({
        ...base,
        destination: readString(data, 0),
        body: {
          kind: 'asset_transfer',
          denom: context.denom,
          sender,
          receiver: bytesToHex(readBytes(data, 1)),
          amount: readWord(data, 2),
          memo: readString(data, 3),
        },
      })
    } else if (topic === XENV_TOPICS.callSent) {
      messages.push({
        ...base,
        destination: readString(data, 0),
        body: {
          kind: 'contract_call',
          sender,
          contract: bytesToHex(readBytes(data, 1)),
          data: readBytes(data, 2),
          gasLimit: readWord(data, 3),
        },
      })
    } else if (topic === XENV_TOPICS.statePublished) {
      messages.push({
        ...base,
        destination: readString(data, 0),
        body: { kind: 'state_sync', publisher: sender, key: readBytes(data, 1), value: readBytes(data, 2), version: readWord(data, 3) },
      })
    }
  }
  return messages
}

/** Sum of native value that left through `AssetSent` messages: burned at the end of the block. */
export function outboundValue(messages: readonly OutboundMessage[]): bigint {
  let total = 0n
  for (const message of messages) if (message.body.kind === 'asset_transfer') total += message.body.amount
  return total
}
