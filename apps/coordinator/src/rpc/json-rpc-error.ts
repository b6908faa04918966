import { BulkheadError } from '@bulkhead/core'

/** An error that goes back to the client as a JSON-RPC error object. */
export class JsonRpcError extends Error {
  override name = 'JsonRpcError'
  readonly code: number
  readonly data: unknown

  constructor(code: number, message: string, data?: unknown) {
    super(message)
    this.code = code
    this.data = data
  }
}

/** JSON-RPC 2.0 and Ethereum's codes (EIP-1474), the ones this server answers with. */
export const RPC_ERROR = {
  parseError: -32700,
  invalidRequest: -32600,
  methodNotFound: -32601,
  invalidParams: -32602,
  internalError: -32603,
  /** Transaction rejected (nonce, funds, signature…): EIP-1474 "invalid input". */
  invalidInput: -32000,
  resourceNotFound: -32001,
  /** Admin method without a valid bearer token. */
  unauthorized: -32003,
  limitExceeded: -32005,
  /** `eth_call`/`eth_estimateGas` reverted; data carries the revert bytes (what viem decodes). */
  executionReverted: 3,
} as const

/**
 * The one table from Bulkhead error codes to JSON-RPC codes. Anything not here is an internal
 * error, reported without its stack.
 */
const bulkheadToRpc: Record<string, number> = {
  INVALID_ARGUMENT: RPC_ERROR.invalidParams,
  DECODE_FAILED: RPC_ERROR.invalidParams,
  NOT_FOUND: RPC_ERROR.resourceNotFound,
  UNSUPPORTED: RPC_ERROR.methodNotFound,
  INVALID_GENESIS: RPC_ERROR.invalidParams,
  BLOCK_PHASE: RPC_ERROR.internalError,
  STORAGE: RPC_ERROR.internalError,
  ENVIRONMENT_CLOSED: RPC_ERROR.internalError,
  CONSERVATION_VIOLATED: RPC_ERROR.internalError,
}

/** The JSON-RPC error object for anything a handler threw. */
export function toRpcError(error: unknown): { code: number; message: string; data?: unknown } {
  if (error instanceof JsonRpcError) {
    return error.data === undefined ? { code: error.code, message: error.message } : { code: error.code, message: error.message, data: error.data }
  }
  if (BulkheadError.isInstance(error)) {
    return { code: bulkheadToRpc[error.code] ?? RPC_ERROR.internalError, message: error.message, data: { code: error.code } }
  }
  return { code: RPC_ERROR.internalError, message: 'Internal error' }
}
