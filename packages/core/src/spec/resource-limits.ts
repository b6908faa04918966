/**
 * The deterministic limits an environment enforces. Reported truthfully: a transaction or
 * delivery that exceeds one of them is refused or fails, on every node alike.
 */
export interface ResourceLimits {
  /** Most gas one transaction may ask for. Built-in default: 30,000,000. */
  readonly transactionGasLimit: bigint
  /** Most gas the environment spends in one block, deliveries included. Built-in default: 30,000,000. */
  readonly blockGasLimit: bigint
  /** Largest encoded transaction accepted, in bytes. Built-in default: 131,072 (EVM), 1,048,576 (WASM). */
  readonly maxTransactionBytes: number
  /** Deepest nesting of calls; deeper calls fail deterministically. Built-in default: 1,024. */
  readonly maxCallDepth: number
  /** Most outbound messages one transaction may produce. Built-in default: 64. */
  readonly maxMessagesPerTransaction: number
  /**
   * VM-specific limits by name (e.g. WASM `maxMemoryPages`, `maxCodeBytes`), so operators and
   * the conformance kit can see them without knowing the VM. Values are whole numbers.
   */
  readonly vm: Readonly<Record<string, number>>
}
