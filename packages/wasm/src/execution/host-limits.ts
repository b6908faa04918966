/** Sizes the host API accepts; each can be overridden in the environment options. */
export interface HostLimits {
  /** Longest storage key (and StateSync key). Default 256. */
  readonly maxKeyBytes: number
  /** Longest storage value (and StateSync value). Default 16,384. */
  readonly maxValueBytes: number
  /** Longest return data, abort data, event data and call data. Default 65,536. */
  readonly maxDataBytes: number
  /** Most events per execution. Default 256. */
  readonly maxEvents: number
  /** Captured stdout/stderr per execution; the rest is cut (and still paid for). Default 4,096. */
  readonly maxDebugLogBytes: number
}

export const DEFAULT_HOST_LIMITS: HostLimits = Object.freeze({
  maxKeyBytes: 256,
  maxValueBytes: 16 * 1024,
  maxDataBytes: 64 * 1024,
  maxEvents: 256,
  maxDebugLogBytes: 4 * 1024,
})
