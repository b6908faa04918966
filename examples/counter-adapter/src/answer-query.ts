import { InvalidArgumentError, UnsupportedError, bytesToHex, hexToBytes, uint256ToBytes, type Address, type QueryRequest, type QueryResultMap } from '@bulkhead/core'
import type { CommittedState } from './committed-state.js'
import { stateKeys } from './state-keys.js'

/** Answers a query from committed state only: the open block lives in overlays and is invisible here. */
export async function answerQuery(request: QueryRequest, committed: CommittedState, denom: string): Promise<QueryResultMap[QueryRequest['method']]> {
  switch (request.method) {
    case 'balance':
      return (request.denom ?? denom) === denom ? BigInt((await committed.get(stateKeys.balance(request.address.toLowerCase() as Address))) ?? '0') : 0n
    case 'nonce':
      return BigInt((await committed.get(stateKeys.nonce(request.address.toLowerCase() as Address))) ?? '0')
    case 'code':
      return (await committed.get(stateKeys.counter(request.address.toLowerCase() as Address))) === undefined ? new Uint8Array(0) : new TextEncoder().encode('counter')
    case 'storage': {
      // The one storage slot of a counter is `count`, as a 32-byte big-endian integer.
      const value = new TextDecoder().decode(request.key) === 'count' ? await committed.get(stateKeys.counter(request.address.toLowerCase() as Address)) : undefined
      return value === undefined ? new Uint8Array(0) : uint256ToBytes(BigInt(value))
    }
    case 'mirror': {
      const entry = await committed.get(stateKeys.mirror(request.source, request.publisher.toLowerCase(), bytesToHex(request.key)))
      if (entry === undefined) return { value: undefined, version: 0n }
      const [version, value] = entry.split(':') as [string, string]
      return { value: hexToBytes(value), version: BigInt(version) }
    }
    case 'call':
    case 'estimate_gas':
    case 'extension':
      throw new UnsupportedError(`The counter environment does not answer ${request.method} queries`, {
        details: ['read a counter with { method: "storage", address, key: utf8("count") }'],
      })
    default:
      throw new InvalidArgumentError(`Unknown query method ${JSON.stringify((request as { method: unknown }).method)}`)
  }
}
