// How the counter adapter presents itself to the conformance kit: a factory and fixtures.
import type { ConformanceSubject, TransactionContext } from '@bulkhead/conformance'
import { bytesToHex, type Address, type TransactionEnvelope } from '@bulkhead/core'
import { createCounterEnvironment } from './create-counter-environment.js'
import { encodeCounterTransaction, type CounterOperation } from './counter-transaction.js'
import { encodeInboundCall } from './inbound-call.js'

export const SENDER: Address = '0x1111111111111111111111111111111111111111'
export const RECEIVER: Address = '0x2222222222222222222222222222222222222222'
const GAS_LIMIT = 100_000n

function transaction(context: TransactionContext, operation: CounterOperation, gasLimit = GAS_LIMIT): TransactionEnvelope {
  return { environment: 'counter', payload: encodeCounterTransaction({ from: SENDER, nonce: context.nonce, gasLimit, operation }) }
}

const count = new TextEncoder().encode('count')

export const counterSubject: ConformanceSubject = {
  name: 'counter',
  create: ({ store }) => createCounterEnvironment({ store, genesis: { balances: { [SENDER]: 10n ** 12n } } }),
  fixtures: {
    sender: SENDER,
    denom: 'ucount',
    deploy: async (context) => transaction(context, { type: 'deploy', initial: 7n }),
    succeed: async (context) => transaction(context, { type: 'increment', contract: context.contract, by: 1n }),
    revert: async (context) => transaction(context, { type: 'revert', contract: context.contract }),
    exhaustGas: async (context) => ({ transaction: transaction(context, { type: 'spin', contract: context.contract, steps: 10n ** 9n }, 50_000n), gasLimit: 50_000n }),
    withGasLimit: async (context, gasLimit) => transaction(context, { type: 'increment', contract: context.contract, by: 1n }, gasLimit),
    sendThenFail: async (context) => transaction(context, { type: 'send_then_revert', destination: 'evm', receiver: RECEIVER, amount: 500n }),
    sendAsset: async (context) => ({ transaction: transaction(context, { type: 'send', destination: 'evm', receiver: RECEIVER, amount: 500n }), amount: 500n, destination: 'evm' }),
    overwriteMirror: async (context, mirror) =>
      transaction(context, { type: 'write_mirror', source: mirror.source, publisher: mirror.publisher, key: bytesToHex(mirror.key), value: '0x00' }),
    readState: (environment, contract) => environment.query({ method: 'storage', address: contract, key: count }),
    inbound: { assetReceiver: RECEIVER, contractCall: () => encodeInboundCall(3n) },
  },
}
