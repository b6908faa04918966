/**
 * What each thing costs, in gas. Costs are part of consensus: a new schedule is a new
 * version, and the version a contract was metered with is stored with its code.
 *
 * Instruction gas is charged per node of binaryen's IR (binaryen 132.0.0, pinned exactly),
 * summed per metering region (function body, loop body) and charged at the region's entry;
 * an `if` inside a region costs its condition plus its dearer arm.
 */
export interface GasSchedule {
  readonly version: string
  /** Per IR node executed (every instruction, `block`s and control included). */
  readonly instruction: bigint
  /** Per 64 KiB page added by `memory.grow`, charged before growing. */
  readonly memoryGrowPage: bigint
  /** Per started 8-byte word moved by `memory.copy`, `memory.fill`, `memory.init`. */
  readonly bulkMemoryWord: bigint
  /** Base cost of every host-function call. */
  readonly hostCall: bigint
  /** Per byte a host function copies in or out of contract memory. */
  readonly hostByte: bigint
  /** Per byte of key and value read from storage. */
  readonly storageReadByte: bigint
  /** Base cost of a storage write or removal. */
  readonly storageWrite: bigint
  /** Per byte of key and value written to storage. */
  readonly storageWriteByte: bigint
  /** Per event, plus `hostByte` per byte of topics and data. */
  readonly event: bigint
  /** Per outbound cross-environment message. */
  readonly message: bigint
  /** Per byte written to stdout/stderr through WASI. */
  readonly debugByte: bigint
  /** Charged to every transaction before it runs. */
  readonly transactionBase: bigint
  /** Per byte of the signed transaction. */
  readonly transactionByte: bigint
  /** Per byte of metered code stored by a deployment. */
  readonly deployByte: bigint
  /** Per byte of an input module, for validating and instrumenting it. */
  readonly instrumentByte: bigint
}

/**
 * Schedule v2: the costs of v1, with the instrumentation that threads gas and depth through
 * calls (see `instrumentModule`). Against v1 it changes two things: the metered code is larger
 * (a deploy pays `deployByte` per stored byte), and a trap inside contract code (unreachable,
 * division by zero, out-of-bounds access, call depth) uses the whole gas limit. Instruction,
 * memory and host costs of code that finishes are the same.
 */
export const GAS_SCHEDULE_V2: GasSchedule = Object.freeze({
  version: 'v2',
  instruction: 1n,
  memoryGrowPage: 4_096n,
  bulkMemoryWord: 1n,
  hostCall: 100n,
  hostByte: 1n,
  storageReadByte: 3n,
  storageWrite: 2_000n,
  storageWriteByte: 30n,
  event: 500n,
  message: 5_000n,
  debugByte: 10n,
  transactionBase: 21_000n,
  transactionByte: 4n,
  deployByte: 50n,
  instrumentByte: 5n,
})
