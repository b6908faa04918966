/**
 * What each step costs. Fixed numbers, not timings: gas must stop every program the same way
 * on every machine, long before any wall-clock backstop could fire.
 */
export const GAS = Object.freeze({
  /** Every transaction, before it does anything. */
  transaction: 1_000n,
  /** Per byte of payload, so large transactions pay for their bandwidth and storage. */
  payloadByte: 10n,
  /** Creating a counter. */
  deploy: 5_000n,
  /** One write to a counter. */
  write: 2_000n,
  /** One step of `spin`. */
  spinStep: 100n,
  /** Emitting one cross-environment message. */
  message: 3_000n,
  /** An inbound ContractCall, before its operation. */
  inboundCall: 500n,
})

/** Gas charged before execution: what a transaction costs even if its operation does nothing. */
export function intrinsicGas(payloadBytes: number): bigint {
  return GAS.transaction + GAS.payloadByte * BigInt(payloadBytes)
}
