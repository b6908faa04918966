/** Names the metering pass adds to every contract; `__bulkhead` is a reserved export prefix. */
export const METERING_EXPORTS = Object.freeze({
  /** i64: gas left. The host sets it before a call and reads it after. */
  gas: '__bulkhead_gas',
  /** i32: stack units in use. */
  depth: '__bulkhead_depth',
  /** i32: why the module trapped on purpose ({@link METERING_STATUS}). */
  status: '__bulkhead_status',
  /** The contract's memory, exported under a name the host can rely on. */
  memory: '__bulkhead_memory',
  /** The former start function, run by the host after it has set the gas. */
  start: '__bulkhead_start',
})

/** Values of the status global. */
export const METERING_STATUS = Object.freeze({
  none: 0,
  outOfGas: 1,
  callDepth: 2,
})
