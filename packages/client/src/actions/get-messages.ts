import type { Client } from 'viem'
import { bulkheadRequest } from '../bulkhead-request.js'
import { toQuantity } from '../from-json.js'
import type { BulkheadMessage, MessageBody, MessageStatus } from '../types/bulkhead-message.js'

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the wire form, converted field by field below
type MessageJSON = any

export function messageFromJSON(record: MessageJSON): BulkheadMessage {
  const { message } = record
  const body = message.body
  const typed: MessageBody =
    body.kind === 'asset_transfer'
      ? { ...body, amount: BigInt(body.amount) }
      : body.kind === 'contract_call'
        ? { ...body, gasLimit: BigInt(body.gasLimit) }
        : { ...body, version: BigInt(body.version) }
  return {
    ...record,
    message: { ...message, sequence: BigInt(message.sequence), timeoutHeight: BigInt(message.timeoutHeight), body: typed },
    history: record.history.map((step: { height: string }) => ({ ...step, height: BigInt(step.height) })),
  }
}

export interface GetMessagesParameters {
  readonly source?: string
  readonly destination?: string
  readonly status?: MessageStatus
  /** Messages from this channel sequence on. */
  readonly fromSequence?: bigint
  /** At most this many (1 to 1,000); default 100. */
  readonly limit?: number
}

/** `bulkhead_getMessages`: committed messages in (channel, sequence) order, filtered. */
export async function getMessages(client: Client, parameters: GetMessagesParameters = {}): Promise<readonly BulkheadMessage[]> {
  const { fromSequence, ...rest } = parameters
  const records = await bulkheadRequest<readonly MessageJSON[]>(client, 'bulkhead_getMessages', [
    { ...rest, ...(fromSequence === undefined ? {} : { fromSequence: toQuantity(fromSequence) }) },
  ])
  return records.map(messageFromJSON)
}

/** `bulkhead_getMessage`: one message by channel and sequence, or `null`. */
export async function getMessage(
  client: Client,
  parameters: { readonly source: string; readonly destination: string; readonly sequence: bigint },
): Promise<BulkheadMessage | null> {
  const record = await bulkheadRequest<MessageJSON | null>(client, 'bulkhead_getMessage', [parameters.source, parameters.destination, toQuantity(parameters.sequence)])
  return record === null ? null : messageFromJSON(record)
}
