import { bytesToHex, createMemoryStore, type ExecutionEnvironment, type SentMessage, type TransactionEnvelope } from '@bulkhead/core'
import { describe, expect, it } from 'vitest'
import { createCounterEnvironment } from './create-counter-environment.js'
import { encodeCounterTransaction, type CounterOperation } from './counter-transaction.js'
import { encodeInboundCall } from './inbound-call.js'
import { contractAddressOf } from './run-operation.js'

const alice = '0x1111111111111111111111111111111111111111'
const context = (height: bigint) => ({ height, timestamp: 1_700_000_000n + height, parentHash: `0x${'00'.repeat(32)}` as const, gasLimit: 10_000_000n })
const transaction = (nonce: bigint, operation: CounterOperation): TransactionEnvelope => ({
  environment: 'counter',
  payload: encodeCounterTransaction({ from: alice, nonce, gasLimit: 100_000n, operation }),
})

async function block(environment: ExecutionEnvironment, input: { deliveries?: SentMessage[]; transactions?: TransactionEnvelope[] }) {
  const head = await environment.head()
  const output = await environment.runBlock({
    context: context(head.height + 1n),
    deliveries: (input.deliveries ?? []).map((message) => ({ kind: 'message', message })),
    transactions: input.transactions ?? [],
  })
  await environment.commit()
  return output
}

const open = () => createCounterEnvironment({ store: createMemoryStore(), genesis: { balances: { [alice]: 10n ** 9n } } })
const contract = contractAddressOf(alice, 0n)
const call = (sequence: bigint, by: bigint): SentMessage => ({
  source: 'evm',
  destination: 'counter',
  sequence,
  timeoutHeight: 100n,
  originTransaction: `0x${'cd'.repeat(32)}`,
  body: { kind: 'contract_call', sender: alice, contract, data: encodeInboundCall(by), gasLimit: 50_000n },
})

describe(createCounterEnvironment.name, () => {
  it('answers an inbound ContractCall with the new count, and refuses a replay of it', async () => {
    const environment = await open()
    await block(environment, { transactions: [transaction(0n, { type: 'deploy', initial: 7n })] })
    const first = await block(environment, { deliveries: [call(1n, 5n)] })
    expect(first.deliveries[0]?.acknowledgement).toEqual({ kind: 'acknowledgement', success: true, result: new TextEncoder().encode('12'), error: '' })
    const replay = await block(environment, { deliveries: [call(1n, 5n), call(3n, 1n)] })
    expect(replay.deliveries.map((result) => result.reason)).toEqual([
      'sequence 1 from evm, expected 2 (no replay, no gaps)',
      'sequence 3 from evm, expected 2 (no replay, no gaps)',
    ])
  })

  it('publishes its count as a StateSync whose version rises with each publish', async () => {
    const environment = await open()
    await block(environment, { transactions: [transaction(0n, { type: 'deploy', initial: 7n })] })
    const { end } = await block(environment, {
      transactions: [transaction(1n, { type: 'publish', contract, destination: 'wasm' }), transaction(2n, { type: 'publish', contract, destination: 'wasm' })],
    })
    expect(end.messages.map((message) => (message.body.kind === 'state_sync' ? [bytesToHex(message.body.value), message.body.version] : undefined))).toEqual([
      [bytesToHex(new TextEncoder().encode('7')), 1n],
      [bytesToHex(new TextEncoder().encode('7')), 2n],
    ])
  })

  it('traps a send the wire cannot carry, or one addressed to itself, leaving no message', async () => {
    const environment = await open()
    const { receipts, end } = await block(environment, {
      transactions: [
        transaction(0n, { type: 'send', destination: 'counter', receiver: alice, amount: 1n }),
        transaction(1n, { type: 'send', destination: 'Not An Id', receiver: alice, amount: 1n }),
      ],
    })
    expect(receipts.map((receipt) => [receipt.status, receipt.reason?.split(':')[0]])).toEqual([
      ['trapped', 'an environment cannot send a message to itself'],
      ['trapped', 'message cannot be sent'],
    ])
    expect(end.messages).toEqual([])
  })
})
