/** What a handler knows about the call it serves. */
export interface RpcCallContext {
  /** Whether the caller presented the admin bearer token. */
  readonly admin: boolean
  /** The WebSocket connection, for subscriptions; absent over HTTP. */
  readonly connection?: RpcConnection
}

/** A WebSocket client, as subscriptions see it. */
export interface RpcConnection {
  readonly id: number
  /** Sends a JSON-RPC notification (`eth_subscription`) to the client. */
  notify(method: string, params: unknown): void
  /** Called once when the client goes away. */
  onClose(listener: () => void): void
}

/** One JSON-RPC method: its parameter parser and its handler. */
export interface RpcMethod<TParams = unknown> {
  /** Admin methods need `Authorization: Bearer <token>`. */
  readonly admin?: boolean
  /** Turns raw params into typed ones, throwing `JsonRpcError(-32602)` with what is wrong. */
  readonly params: (raw: readonly unknown[]) => TParams
  readonly handler: (params: TParams, context: RpcCallContext) => unknown | Promise<unknown>
}

/** A set of methods by name. */
export type RpcMethods = Readonly<Record<string, RpcMethod<never>>>

/** Declares a method with its parameter types inferred from the parser. */
export function defineMethod<TParams>(method: RpcMethod<TParams>): RpcMethod<never> {
  return method as unknown as RpcMethod<never>
}
