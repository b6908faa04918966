import { JsonRpcError, RPC_ERROR, toRpcError } from './json-rpc-error.js'
import type { RpcCallContext, RpcMethods } from './rpc-method.js'

/** geth's limit: at most this many calls in one batch. */
export const MAX_BATCH_LENGTH = 1_000

export interface RpcResponse {
  readonly jsonrpc: '2.0'
  readonly id: string | number | null
  readonly result?: unknown
  readonly error?: { code: number; message: string; data?: unknown }
}

export interface RpcDispatcher {
  /** Answers a parsed body: one request or a batch. `undefined` when there is nothing to send back (only notifications). */
  dispatch(body: unknown, context: RpcCallContext): Promise<RpcResponse | RpcResponse[] | undefined>
}

export interface RpcDispatcherOptions {
  readonly methods: RpcMethods
  /** Awaited before each call runs (the devnet: until blocks being produced are committed). */
  readonly beforeCall?: () => Promise<void>
  /** Called for a handler failure that is not the caller's fault (logged, not sent). */
  readonly onInternalError?: (method: string, error: unknown) => void
}

/** JSON-RPC 2.0 over any transport: validation, batches, notifications, admin checks, error mapping. */
export function createRpcDispatcher(options: RpcDispatcherOptions): RpcDispatcher {
  const { methods } = options

  async function call(request: unknown, context: RpcCallContext): Promise<RpcResponse | undefined> {
    if (typeof request !== 'object' || request === null || Array.isArray(request)) {
      return failure(null, new JsonRpcError(RPC_ERROR.invalidRequest, 'Invalid request: expected an object'))
    }
    const { jsonrpc, method, params, id } = request as Record<string, unknown>
    const hasId = 'id' in request
    const responseId = typeof id === 'string' || typeof id === 'number' || id === null ? id : null
    if (jsonrpc !== '2.0') return failure(responseId, new JsonRpcError(RPC_ERROR.invalidRequest, 'Invalid request: jsonrpc must be "2.0"'))
    if (hasId && responseId === null && id !== null) {
      return failure(null, new JsonRpcError(RPC_ERROR.invalidRequest, 'Invalid request: id must be a string, number or null'))
    }
    if (typeof method !== 'string') return failure(responseId, new JsonRpcError(RPC_ERROR.invalidRequest, 'Invalid request: method must be a string'))
    if (params !== undefined && !Array.isArray(params)) {
      return failure(responseId, new JsonRpcError(RPC_ERROR.invalidParams, 'Invalid params: expected an array of positional parameters'))
    }
    const definition = Object.hasOwn(methods, method) ? methods[method] : undefined
    let response: RpcResponse
    if (definition === undefined) {
      response = failure(responseId, new JsonRpcError(RPC_ERROR.methodNotFound, `The method ${method} does not exist/is not available`))
    } else if (definition.admin === true && !context.admin) {
      response = failure(responseId, new JsonRpcError(RPC_ERROR.unauthorized, `${method} is an admin method: send Authorization: Bearer <admin token>`))
    } else {
      try {
        const parsed = definition.params((params ?? []) as unknown[])
        if (options.beforeCall !== undefined) await options.beforeCall()
        response = { jsonrpc: '2.0', id: responseId, result: (await definition.handler(parsed as never, context)) ?? null }
      } catch (error) {
        const rpcError = toRpcError(error)
        if (rpcError.code === RPC_ERROR.internalError) options.onInternalError?.(method, error)
        response = { jsonrpc: '2.0', id: responseId, error: rpcError }
      }
    }
    return hasId ? response : undefined
  }

  return {
    async dispatch(body, context) {
      if (!Array.isArray(body)) return call(body, context)
      if (body.length === 0) return failure(null, new JsonRpcError(RPC_ERROR.invalidRequest, 'Invalid request: empty batch'))
      if (body.length > MAX_BATCH_LENGTH) {
        return failure(null, new JsonRpcError(RPC_ERROR.limitExceeded, `Batch of ${body.length} calls is over the limit of ${MAX_BATCH_LENGTH}`))
      }
      // Calls of a batch run one after another, so a batch of transactions keeps its order.
      const responses: RpcResponse[] = []
      for (const request of body) {
        const response = await call(request, context)
        if (response !== undefined) responses.push(response)
      }
      return responses.length === 0 ? undefined : responses
    },
  }
}

function failure(id: string | number | null, error: JsonRpcError): RpcResponse {
  return { jsonrpc: '2.0', id, error: toRpcError(error) }
}
