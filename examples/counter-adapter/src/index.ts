// A counter VM as a Bulkhead ExecutionEnvironment: the example to copy when writing an adapter.
export { createCounterEnvironment, DEFAULT_COUNTER_LIMITS, type CounterEnvironmentOptions } from './create-counter-environment.js'
export { createEnvironment } from './create-environment.js'
export {
  counterTransactionHash,
  decodeCounterTransaction,
  encodeCounterTransaction,
  type CounterOperation,
  type CounterTransaction,
} from './counter-transaction.js'
export { encodeInboundCall } from './inbound-call.js'
export { contractAddressOf } from './run-operation.js'
export { GAS, intrinsicGas } from './gas-schedule.js'
export { counterSubject } from './conformance-subject.js'
