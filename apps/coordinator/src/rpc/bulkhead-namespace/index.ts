// The `bulkhead_` JSON-RPC namespace: merge its methods with the others into one dispatcher.
export { createBulkheadNamespace } from './create-bulkhead-namespace.js'
export type { BulkheadNamespaceContext } from './bulkhead-namespace-context.js'
export { CALL_METHODS } from './parse-query-request.js'
