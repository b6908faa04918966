import { hexToBytes } from '@bulkhead/core'
import type { AuditEntry } from '../../chain/audit-entry.js'
import { GOVERNANCE_ENVIRONMENT } from '../../governance/governance-state.js'
import type { DenomLedger } from '../../ledger/conservation-ledger.js'
import type { MessageRecord, MessageStatus } from '../../messages/message-record.js'
import { defineMethod, type RpcMethods } from '../rpc-method.js'
import { address, atMost, blockTag, data, hash, quantity, text } from '../rpc-params.js'
import type { BulkheadNamespaceContext } from './bulkhead-namespace-context.js'
import { environment, oneOf, onlyFields, optionalField, optionalObject, pageLimit } from './namespace-params.js'
import { parseQueryRequest } from './parse-query-request.js'
import { submitAndMine } from './submit-and-mine.js'
import { submitGovernanceAction } from './submit-governance-action.js'
import { toJSONValue } from './to-json-value.js'

const MESSAGE_STATUSES: readonly MessageStatus[] = ['pending', 'delivered', 'acknowledged', 'refunded', 'timed_out']
const AUDIT_KINDS: readonly AuditEntry['kind'][] = ['message', 'governance', 'router']

/**
 * The `bulkhead_` JSON-RPC namespace: environments, transactions for any environment, unified
 * receipts, blocks, messages, the ledger and the audit log; admin methods go through governance.
 * Parameters are positional; results are JSON-ready (quantities and bytes as `0x` hex).
 */
export function createBulkheadNamespace(context: BulkheadNamespaceContext): RpcMethods {
  const { node, router, genesis } = context
  const environments = () => router.environmentIds
  const reason = (raw: readonly unknown[], index: number) => (raw[index] === undefined ? '' : text(raw, index))

  return {
    bulkhead_environments: defineMethod({
      params: (raw) => atMost(raw, 0),
      handler: async () => {
        const telemetry = router.telemetry().environments
        return Promise.all(
          environments().map(async (id) => {
            const routed = router.environment(id)
            const [health, described] = await Promise.all([routed.health(), routed.describe()])
            const counters = telemetry.find((entry) => entry.id === id)
            const { id: _id, status: _status, detail: _detail, hosting: _hosting, ...rest } = counters ?? { id, status: health.status, hosting: routed.hosting }
            return toJSONValue({
              id,
              vm: described.vm,
              hosting: routed.hosting,
              status: health.status,
              detail: health.detail,
              head: health.head,
              limits: described.limits,
              capabilities: described.capabilities,
              counters: counters === undefined ? null : rest,
            })
          }),
        )
      },
    }),

    bulkhead_sendRawTransaction: defineMethod({
      params: (raw) => {
        atMost(raw, 2)
        return { environment: environment(raw, 0, [...environments(), GOVERNANCE_ENVIRONMENT]), payload: hexToBytes(data(raw, 1)) }
      },
      handler: async (transaction) => (await submitAndMine(context, transaction)).hash,
    }),

    bulkhead_getReceipt: defineMethod({
      params: (raw) => {
        atMost(raw, 1)
        return hash(raw, 0)
      },
      handler: async (transactionHash) => {
        const location = await node.chain.transactionLocation(transactionHash)
        if (location === undefined) return null
        const block = await node.chain.block(location.height)
        const receipt = block?.receipts[location.index]
        if (block === undefined || receipt === undefined) return null
        return toJSONValue({ ...receipt, blockHeight: block.header.height, blockHash: block.hash, blockIndex: location.index })
      },
    }),

    bulkhead_call: defineMethod({
      params: (raw) => {
        atMost(raw, 2)
        return { environment: environment(raw, 0, environments()), request: parseQueryRequest(raw, 1) }
      },
      handler: async ({ environment: id, request }) => {
        const result = await router.environment(id).query(request)
        // A mirror entry never synced has no value: say so with null rather than drop the field.
        if (request.method === 'mirror') {
          const mirror = result as { value: Uint8Array | undefined; version: bigint }
          return { value: mirror.value === undefined ? null : toJSONValue(mirror.value), version: toJSONValue(mirror.version) }
        }
        return toJSONValue(result)
      },
    }),

    bulkhead_getBlock: defineMethod({
      params: (raw) => {
        atMost(raw, 1)
        return blockTag(raw, 0)
      },
      handler: async (tag) => {
        const height = typeof tag === 'bigint' ? tag : tag === 'earliest' ? 0n : node.head().height
        const block = await node.chain.block(height)
        if (block === undefined) return null
        return toJSONValue({
          ...block.header,
          hash: block.hash,
          transactions: block.receipts.map((receipt) => receipt.transactionHash),
          transactionCount: block.receipts.length,
          messageCount: block.messages.length,
          segments: block.segments,
        })
      },
    }),

    bulkhead_getMessage: defineMethod({
      params: (raw) => {
        atMost(raw, 3)
        return { source: environment(raw, 0, environments()), destination: environment(raw, 1, environments()), sequence: quantity(raw, 2) }
      },
      handler: async ({ source, destination, sequence }) => {
        const record = await node.chain.message(source, destination, sequence)
        return record === undefined ? null : toJSONValue(record)
      },
    }),

    bulkhead_getMessages: defineMethod({
      params: (raw) => {
        atMost(raw, 1)
        const filter = optionalObject(raw, 0)
        onlyFields(filter, 0, ['source', 'destination', 'status', 'fromSequence', 'limit'])
        const known = (values: readonly unknown[], index: number) => environment(values, index, environments())
        return {
          source: optionalField(filter, 'source', 0, known),
          destination: optionalField(filter, 'destination', 0, known),
          status: optionalField(filter, 'status', 0, oneOf(MESSAGE_STATUSES)),
          fromSequence: optionalField(filter, 'fromSequence', 0, quantity),
          limit: pageLimit(filter, 0),
        }
      },
      handler: async (filter) => {
        const channel = filter.source !== undefined && filter.destination !== undefined ? { source: filter.source, destination: filter.destination } : undefined
        const found: MessageRecord[] = []
        for await (const record of node.chain.messages(channel)) {
          const { message } = record
          if (filter.source !== undefined && message.source !== filter.source) continue
          if (filter.destination !== undefined && message.destination !== filter.destination) continue
          if (filter.status !== undefined && record.status !== filter.status) continue
          if (filter.fromSequence !== undefined && message.sequence < filter.fromSequence) continue
          found.push(record)
          if (found.length === filter.limit) break
        }
        return toJSONValue(found)
      },
    }),

    bulkhead_getLedger: defineMethod({
      params: (raw) => atMost(raw, 0),
      handler: async () => {
        const head = node.head()
        const block = head.height === 0n ? undefined : await node.chain.block(head.height)
        return toJSONValue({ height: head.height, hash: head.hash, denoms: block?.ledger ?? genesisLedger() })
      },
    }),

    bulkhead_getAuditLog: defineMethod({
      params: (raw) => {
        atMost(raw, 1)
        const filter = optionalObject(raw, 0)
        onlyFields(filter, 0, ['fromHeight', 'kind', 'limit'])
        return {
          fromHeight: optionalField(filter, 'fromHeight', 0, quantity),
          kind: optionalField(filter, 'kind', 0, oneOf(AUDIT_KINDS)),
          limit: pageLimit(filter, 0),
        }
      },
      handler: async (filter) => {
        const found: AuditEntry[] = []
        for await (const entry of node.chain.audit(filter.fromHeight)) {
          if (filter.kind !== undefined && entry.kind !== filter.kind) continue
          found.push(entry)
          if (found.length === filter.limit) break
        }
        return toJSONValue(found)
      },
    }),

    bulkhead_pauseEnvironment: defineMethod({
      admin: true,
      params: (raw) => {
        atMost(raw, 2)
        return { kind: 'pause_environment' as const, environment: environment(raw, 0, environments()), reason: reason(raw, 1) }
      },
      handler: async (action) => toJSONValue(await submitGovernanceAction(context, 'bulkhead_pauseEnvironment', action)),
    }),

    bulkhead_resumeEnvironment: defineMethod({
      admin: true,
      params: (raw) => {
        atMost(raw, 1)
        return { kind: 'resume_environment' as const, environment: environment(raw, 0, environments()) }
      },
      handler: async (action) => toJSONValue(await submitGovernanceAction(context, 'bulkhead_resumeEnvironment', action)),
    }),

    bulkhead_quarantineContract: defineMethod({
      admin: true,
      params: (raw) => {
        atMost(raw, 4)
        return {
          kind: 'quarantine_contract' as const,
          environment: environment(raw, 0, environments()),
          contract: address(raw, 1),
          blocks: quantity(raw, 2),
          reason: reason(raw, 3),
        }
      },
      handler: async (action) => toJSONValue(await submitGovernanceAction(context, 'bulkhead_quarantineContract', action)),
    }),

    bulkhead_releaseContract: defineMethod({
      admin: true,
      params: (raw) => {
        atMost(raw, 2)
        return { kind: 'release_contract' as const, environment: environment(raw, 0, environments()), contract: address(raw, 1) }
      },
      handler: async (action) => toJSONValue(await submitGovernanceAction(context, 'bulkhead_releaseContract', action)),
    }),
  }

  /** The ledger before the first block: every environment holds its genesis allocations. */
  function genesisLedger(): DenomLedger[] {
    const supply: Record<string, bigint> = {}
    let total = 0n
    for (const entry of genesis.environments) {
      let held = 0n
      for (const amount of entry.allocations.values()) held += amount
      supply[entry.id] = held
      total += held
    }
    return [{ denom: genesis.nativeDenom, supply, inFlight: 0n, genesis: total, mintedByRule: 0n, burnedByRule: 0n }]
  }
}
