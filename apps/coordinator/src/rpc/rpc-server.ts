import { timingSafeEqual } from 'node:crypto'
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { WebSocketServer, type WebSocket } from 'ws'
import { JsonRpcError, RPC_ERROR, toRpcError } from './json-rpc-error.js'
import type { RpcDispatcher } from './rpc-dispatcher.js'
import type { RpcConnection } from './rpc-method.js'

/** geth's limit on a request body. */
export const MAX_BODY_BYTES = 5 * 1024 * 1024

export interface RpcServerOptions {
  readonly dispatcher: RpcDispatcher
  /** Interface to bind; default `127.0.0.1` (never all interfaces unless told). */
  readonly host?: string
  /** Port; default 8545; 0 picks a free one. */
  readonly port?: number
  /** Bearer token admin methods require. */
  readonly adminToken: string
  /** Largest request body or WebSocket message; default 5 MiB. */
  readonly maxBodyBytes?: number
  /** Serves `GET /metrics` (Prometheus text) when given. */
  readonly metrics?: () => Promise<{ contentType: string; body: string }>
  /** A handler failure that is not the caller's fault. */
  readonly onError?: (error: unknown) => void
}

export interface RpcServer {
  readonly url: string
  readonly webSocketUrl: string
  readonly port: number
  close(): Promise<void>
}

/** JSON-RPC over HTTP (POST) and WebSocket on one port, plus `/metrics` and `/health`. */
export async function startRpcServer(options: RpcServerOptions): Promise<RpcServer> {
  const maxBodyBytes = options.maxBodyBytes ?? MAX_BODY_BYTES
  const expectedToken = Buffer.from(`Bearer ${options.adminToken}`)
  const isAdmin = (header: string | undefined) => {
    if (header === undefined) return false
    const given = Buffer.from(header)
    return given.length === expectedToken.length && timingSafeEqual(given, expectedToken)
  }

  const server = createServer((request, response) => {
    handleHttp(request, response).catch((error: unknown) => {
      options.onError?.(error)
      if (!response.headersSent) send(response, 500, { jsonrpc: '2.0', id: null, error: toRpcError(error) })
    })
  })
  server.keepAliveTimeout = 60_000

  async function handleHttp(request: IncomingMessage, response: ServerResponse) {
    response.setHeader('Access-Control-Allow-Origin', '*')
    if (request.method === 'OPTIONS') {
      response.writeHead(204, {
        'Access-Control-Allow-Methods': 'POST, GET, OPTIONS',
        'Access-Control-Allow-Headers': 'Content-Type, Authorization',
      })
      response.end()
      return
    }
    if (request.method === 'GET' && request.url === '/health') return send(response, 200, { status: 'ok' })
    if (request.method === 'GET' && request.url === '/metrics' && options.metrics !== undefined) {
      const metrics = await options.metrics()
      response.writeHead(200, { 'Content-Type': metrics.contentType })
      response.end(metrics.body)
      return
    }
    if (request.method !== 'POST') {
      return send(response, 405, rpcFailure(new JsonRpcError(RPC_ERROR.invalidRequest, 'Send JSON-RPC requests with POST')))
    }
    const declared = Number(request.headers['content-length'] ?? 0)
    if (declared > maxBodyBytes) {
      request.resume()
      return send(response, 413, rpcFailure(tooLarge(declared, maxBodyBytes)))
    }
    const body = await readBody(request, maxBodyBytes)
    if (body === undefined) return send(response, 413, rpcFailure(tooLarge(undefined, maxBodyBytes)))
    let parsed: unknown
    try {
      parsed = JSON.parse(body)
    } catch {
      return send(response, 200, rpcFailure(new JsonRpcError(RPC_ERROR.parseError, 'Parse error: the body is not valid JSON')))
    }
    const answer = await options.dispatcher.dispatch(parsed, { admin: isAdmin(request.headers.authorization) })
    if (answer === undefined) {
      response.writeHead(204)
      response.end()
      return
    }
    send(response, 200, answer)
  }

  const sockets = new WebSocketServer({ server, maxPayload: maxBodyBytes })
  let nextConnection = 1
  sockets.on('connection', (socket: WebSocket, request: IncomingMessage) => {
    const admin = isAdmin(request.headers.authorization)
    const closeListeners: (() => void)[] = []
    const connection: RpcConnection = {
      id: nextConnection++,
      notify(method, params) {
        if (socket.readyState === socket.OPEN) socket.send(stringify({ jsonrpc: '2.0', method, params }))
      },
      onClose(listener) {
        closeListeners.push(listener)
      },
    }
    socket.on('close', () => {
      for (const listener of closeListeners.splice(0)) listener()
    })
    socket.on('error', (error) => options.onError?.(error))
    // Messages on one connection are answered in order, like a batch.
    let queue = Promise.resolve()
    socket.on('message', (data) => {
      queue = queue.then(async () => {
        let parsed: unknown
        try {
          parsed = JSON.parse(data.toString())
        } catch {
          socket.send(stringify(rpcFailure(new JsonRpcError(RPC_ERROR.parseError, 'Parse error: the message is not valid JSON'))))
          return
        }
        const answer = await options.dispatcher.dispatch(parsed, { admin, connection })
        if (answer !== undefined && socket.readyState === socket.OPEN) socket.send(stringify(answer))
      }).catch((error: unknown) => options.onError?.(error))
    })
  })

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(options.port ?? 8545, options.host ?? '127.0.0.1', () => {
      server.off('error', reject)
      resolve()
    })
  })
  const address = server.address() as AddressInfo
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address
  return {
    url: `http://${host}:${address.port}`,
    webSocketUrl: `ws://${host}:${address.port}`,
    port: address.port,
    async close() {
      for (const client of sockets.clients) client.terminate()
      await new Promise<void>((resolve) => sockets.close(() => resolve()))
      server.closeAllConnections()
      await new Promise<void>((resolve) => server.close(() => resolve()))
    },
  }
}

function tooLarge(size: number | undefined, limit: number): JsonRpcError {
  return new JsonRpcError(RPC_ERROR.limitExceeded, `Request body${size === undefined ? '' : ` of ${size} bytes`} is over the limit of ${limit} bytes`)
}

function rpcFailure(error: JsonRpcError) {
  return { jsonrpc: '2.0', id: null, error: toRpcError(error) }
}

/**
 * The body as text, or undefined once it passes `limit` bytes (the rest is discarded).
 * Plain stream events rather than `for await`: the async iterator costs more than the
 * rest of a small request's parsing (measured on the devnet's hot path).
 */
function readBody(request: IncomingMessage, limit: number): Promise<string | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    let size = 0
    const onData = (chunk: Buffer) => {
      size += chunk.length
      if (size <= limit) chunks.push(chunk)
      else {
        request.off('data', onData)
        request.resume()
        resolve(undefined)
      }
    }
    request.on('data', onData)
    request.once('end', () => resolve(size > limit ? undefined : Buffer.concat(chunks).toString('utf8')))
    request.once('error', reject)
  })
}

function send(response: ServerResponse, status: number, body: unknown) {
  const text = stringify(body)
  response.writeHead(status, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(text) })
  response.end(text)
}

/** Results are JSON-ready already; a stray bigint becomes a hex quantity rather than a crash. */
function stringify(value: unknown): string {
  return JSON.stringify(value, (_, item: unknown) => (typeof item === 'bigint' ? `0x${item.toString(16)}` : item))
}
