import type { Router } from '@bulkhead/router'
import { Gauge, Registry, collectDefaultMetrics } from 'prom-client'
import type { BulkheadNode } from '../node/create-node.js'

/**
 * Prometheus metrics for `/metrics`, read from the router's telemetry and the node at scrape
 * time (nothing is counted twice, nothing runs per block). Counters since start are exposed as
 * gauges because the router owns them; rates come from `rate()` in Prometheus as usual.
 */
export function createMetrics(node: BulkheadNode, router: Router): { contentType: string; collect: () => Promise<string> } {
  const registry = new Registry()
  collectDefaultMetrics({ register: registry, prefix: 'bulkhead_process_' })
  const environmentLabels = ['environment'] as const
  const gauge = (name: string, help: string, labelNames: readonly string[] = environmentLabels) =>
    new Gauge({ name, help, labelNames: [...labelNames], registers: [registry] })

  const height = gauge('bulkhead_block_height', 'Height of the last committed block', [])
  const blocks = gauge('bulkhead_environment_blocks_total', 'Block segments the environment ran')
  const transactions = gauge('bulkhead_environment_transactions_total', 'Transactions routed to the environment')
  const deliveries = gauge('bulkhead_environment_deliveries_total', 'Inbound deliveries routed to the environment')
  const gas = gauge('bulkhead_environment_gas_used_total', 'Gas the environment reported')
  const outcomes = gauge('bulkhead_environment_outcomes_total', 'Receipts by unified status', ['environment', 'status'])
  const queueDepth = gauge('bulkhead_environment_queue_depth', 'Transactions waiting in the environment queue')
  const waiting = gauge('bulkhead_environment_waiting_deliveries', 'Deliveries held back in the last block')
  const segmentMs = gauge('bulkhead_environment_last_segment_milliseconds', 'Wall-clock time of the last block segment')
  const restarts = gauge('bulkhead_environment_restarts_total', 'Host restarts after a crash, overrun or throw')
  const healthy = gauge('bulkhead_environment_up', '1 when the environment is healthy, 0 when degraded, paused or stopped')
  const contractFailures = gauge('bulkhead_contract_failures_total', 'Trapped or out-of-gas receipts per contract', ['environment', 'contract'])
  const quarantined = gauge('bulkhead_contract_quarantined', '1 while the contract is quarantined', ['environment', 'contract'])
  const inFlight = gauge('bulkhead_messages_in_flight', 'Amount of each denom sent and not yet minted or refunded', ['denom'])

  return {
    contentType: registry.contentType,
    async collect() {
      const telemetry = router.telemetry()
      height.set(Number(node.head().height))
      for (const environment of telemetry.environments) {
        const labels = { environment: environment.id }
        blocks.set(labels, environment.blocks)
        transactions.set(labels, environment.transactions)
        deliveries.set(labels, environment.deliveries)
        gas.set(labels, Number(environment.gasUsed))
        for (const [status, count] of Object.entries(environment.outcomes)) outcomes.set({ ...labels, status }, count)
        queueDepth.set(labels, environment.queueDepth)
        waiting.set(labels, environment.waitingDeliveries)
        segmentMs.set(labels, environment.lastSegmentMs)
        restarts.set(labels, environment.restarts)
        healthy.set(labels, environment.status === 'healthy' ? 1 : 0)
      }
      contractFailures.reset()
      quarantined.reset()
      for (const contract of telemetry.contracts) {
        const labels = { environment: contract.environment, contract: contract.contract }
        contractFailures.set(labels, contract.totalFailures)
        quarantined.set(labels, contract.quarantinedUntil === undefined ? 0 : 1)
      }
      inFlight.reset()
      for (const [denom, amount] of node.messages.inFlight()) inFlight.set({ denom }, Number(amount))
      return registry.metrics()
    },
  }
}
