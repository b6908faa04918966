import { hexToBytes, type QueryRequest } from '@bulkhead/core'
import { address, data, object, quantity, text } from '../rpc-params.js'
import { field, oneOf, onlyFields, optionalField } from './namespace-params.js'

/** The query methods `bulkhead_call` passes on (every one of the spec's but `extension`). */
export const CALL_METHODS = ['call', 'estimate_gas', 'balance', 'nonce', 'code', 'storage', 'mirror'] as const

/**
 * The request object of `bulkhead_call` (argument `index`) as a core `QueryRequest`: addresses
 * and bytes as `0x` hex, amounts and gas as `0x` quantities.
 */
export function parseQueryRequest(raw: readonly unknown[], index: number): QueryRequest {
  const request = object(raw, index)
  const method = field(request, 'method', index, oneOf(CALL_METHODS))
  const bytes = (name: string) => hexToBytes(field(request, name, index, data))
  switch (method) {
    case 'call':
    case 'estimate_gas': {
      onlyFields(request, index, ['method', 'from', 'to', 'data', 'value', 'gasLimit'])
      const from = optionalField(request, 'from', index, address)
      const to = optionalField(request, 'to', index, address)
      const value = optionalField(request, 'value', index, quantity)
      const gasLimit = optionalField(request, 'gasLimit', index, quantity)
      return {
        method,
        data: request.data === undefined ? new Uint8Array(0) : bytes('data'),
        ...(from === undefined ? {} : { from }),
        ...(to === undefined ? {} : { to }),
        ...(value === undefined ? {} : { value }),
        ...(gasLimit === undefined ? {} : { gasLimit }),
      }
    }
    case 'balance': {
      onlyFields(request, index, ['method', 'address', 'denom'])
      const denom = optionalField(request, 'denom', index, (values, position) => text(values, position))
      return { method, address: field(request, 'address', index, address), ...(denom === undefined ? {} : { denom }) }
    }
    case 'nonce':
    case 'code':
      onlyFields(request, index, ['method', 'address'])
      return { method, address: field(request, 'address', index, address) }
    case 'storage':
      onlyFields(request, index, ['method', 'address', 'key'])
      return { method, address: field(request, 'address', index, address), key: bytes('key') }
    case 'mirror':
      onlyFields(request, index, ['method', 'source', 'publisher', 'key'])
      return {
        method,
        source: field(request, 'source', index, (values, position) => text(values, position)),
        publisher: field(request, 'publisher', index, address),
        key: bytes('key'),
      }
  }
}
