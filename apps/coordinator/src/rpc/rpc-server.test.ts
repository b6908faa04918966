import fc from 'fast-check'
import { afterEach, describe, expect, it } from 'vitest'
import { WebSocket } from 'ws'
import { createRpcDispatcher } from './rpc-dispatcher.js'
import { defineMethod } from './rpc-method.js'
import { atMost, quantity, toQuantity } from './rpc-params.js'
import { startRpcServer, type RpcServer } from './rpc-server.js'

const methods = {
  test_double: defineMethod({
    params: (raw) => {
      atMost(raw, 1)
      return quantity(raw, 0)
    },
    handler: (value) => toQuantity(value * 2n),
  }),
  test_subscribe: defineMethod({
    params: () => undefined,
    handler: (_, context) => {
      setTimeout(() => context.connection?.notify('test_subscription', { hello: 'world' }), 5)
      return '0x1'
    },
  }),
  test_fail: defineMethod({
    params: () => undefined,
    handler: () => {
      throw new Error('secret internals')
    },
  }),
  admin_ping: defineMethod({ admin: true, params: () => undefined, handler: () => 'pong' }),
}

// Response bodies are whatever the server sent; the assertions check their shape.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any

const servers: RpcServer[] = []
afterEach(async () => Promise.all(servers.splice(0).map((server) => server.close())))

async function start() {
  const internal: unknown[] = []
  const server = await startRpcServer({
    dispatcher: createRpcDispatcher({ methods, onInternalError: (_, error) => internal.push(error) }),
    port: 0,
    adminToken: 'letmein',
    metrics: async () => ({ contentType: 'text/plain', body: 'up 1\n' }),
  })
  servers.push(server)
  const post = async (body: string, headers: Record<string, string> = {}) => {
    const response = await fetch(server.url, { method: 'POST', body, headers: { 'content-type': 'application/json', ...headers } })
    return { status: response.status, body: (response.status === 204 ? undefined : await response.json()) as Json }
  }
  return { server, post, internal }
}

const call = (method: string, params?: unknown[], id: unknown = 1) => JSON.stringify({ jsonrpc: '2.0', id, method, params })

describe(startRpcServer.name, () => {
  it('binds to 127.0.0.1 and answers calls and batches in order', async () => {
    const { server, post } = await start()
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/)
    expect((await post(call('test_double', ['0x15']))).body).toEqual({ jsonrpc: '2.0', id: 1, result: '0x2a' })
    const batch = await post(`[${call('test_double', ['0x1'], 'a')},${call('nope', [], 'b')},${JSON.stringify({ jsonrpc: '2.0', method: 'test_double', params: ['0x1'] })}]`)
    expect(batch.body).toEqual([
      { jsonrpc: '2.0', id: 'a', result: '0x2' },
      { jsonrpc: '2.0', id: 'b', error: { code: -32601, message: 'The method nope does not exist/is not available' } },
    ])
  })

  it('answers malformed input with the standard codes and a useful message', async () => {
    const { post, internal } = await start()
    expect((await post('{"jsonrpc":')).body.error).toEqual({ code: -32700, message: 'Parse error: the body is not valid JSON' })
    expect((await post('[]')).body.error.code).toBe(-32600)
    expect((await post('"hello"')).body.error.code).toBe(-32600)
    expect((await post(JSON.stringify({ jsonrpc: '1.0', id: 1, method: 'test_double' }))).body.error.code).toBe(-32600)
    expect((await post(call('test_double', ['42']))).body.error).toEqual({
      code: -32602,
      message: 'Invalid params: argument 0 must be a hex quantity such as "0x1a", got "42"',
    })
    expect((await post(call('test_double', ['0x1', '0x2']))).body.error.message).toMatch(/at most 1 argument/)
    expect((await post(JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'test_double', params: { a: 1 } }))).body.error.code).toBe(-32602)
    const hidden = (await post(call('test_fail'))).body.error
    expect(hidden).toEqual({ code: -32603, message: 'Internal error' })
    expect(internal).toHaveLength(1)
  })

  it('enforces the body and batch limits like geth', async () => {
    const { post } = await start()
    const oversized = await post(`[${'1,'.repeat(3 * 1024 * 1024)}1]`)
    expect(oversized.status).toBe(413)
    expect(oversized.body.error.code).toBe(-32005)
    const batch = await post(`[${Array.from({ length: 1_001 }, (_, index) => call('test_double', ['0x1'], index)).join(',')}]`)
    expect(batch.body.error).toEqual({ code: -32005, message: 'Batch of 1001 calls is over the limit of 1000' })
    expect(((await post(`[${Array.from({ length: 1_000 }, (_, index) => call('test_double', ['0x1'], index)).join(',')}]`)).body as unknown[]).length).toBe(1_000)
  })

  it('refuses admin methods without the bearer token', async () => {
    const { post } = await start()
    expect((await post(call('admin_ping'))).body.error.code).toBe(-32003)
    expect((await post(call('admin_ping'), { authorization: 'Bearer wrong' })).body.error.code).toBe(-32003)
    expect((await post(call('admin_ping'), { authorization: 'Bearer letmein' })).body.result).toBe('pong')
  })

  it('serves metrics and health, and refuses other verbs', async () => {
    const { server } = await start()
    expect(await (await fetch(`${server.url}/metrics`)).text()).toBe('up 1\n')
    expect(await (await fetch(`${server.url}/health`)).json()).toEqual({ status: 'ok' })
    expect((await fetch(server.url, { method: 'PUT' })).status).toBe(405)
  })

  it('speaks JSON-RPC over WebSocket, with notifications', async () => {
    const { server } = await start()
    const socket = new WebSocket(server.webSocketUrl)
    const messages: unknown[] = []
    await new Promise((resolve) => socket.once('open', resolve))
    const received = new Promise<void>((resolve) =>
      socket.on('message', (data) => {
        messages.push(JSON.parse(data.toString()))
        if (messages.length === 3) resolve()
      }),
    )
    socket.send(call('test_double', ['0x2'], 7))
    socket.send('not json')
    socket.send(call('test_subscribe', [], 8))
    await received
    await new Promise((resolve) => setTimeout(resolve, 20))
    socket.close()
    expect(messages).toEqual([
      { jsonrpc: '2.0', id: 7, result: '0x4' },
      { jsonrpc: '2.0', id: null, error: { code: -32700, message: 'Parse error: the message is not valid JSON' } },
      { jsonrpc: '2.0', id: 8, result: '0x1' },
      { jsonrpc: '2.0', method: 'test_subscription', params: { hello: 'world' } },
    ])
  })

  it('keeps serving correctly after thousands of random requests', async () => {
    const { post } = await start()
    const garbage = fc.oneof(
      fc.string({ maxLength: 200 }),
      fc.jsonValue().map((value) => JSON.stringify(value)),
      fc.record({ jsonrpc: fc.constantFrom('2.0', '1.0', 2), id: fc.jsonValue(), method: fc.constantFrom('test_double', 'admin_ping', 'x', ''), params: fc.jsonValue() }).map((value) => JSON.stringify(value)),
    )
    const bodies = fc.sample(garbage, { numRuns: 2_000, seed: 42 })
    for (let start = 0; start < bodies.length; start += 50) {
      const statuses = await Promise.all(bodies.slice(start, start + 50).map(async (body) => (await post(body)).status))
      for (const status of statuses) expect([200, 204]).toContain(status)
    }
    expect((await post(call('test_double', ['0x10']))).body.result).toBe('0x20')
  }, 60_000)
})
