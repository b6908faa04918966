// @bulkhead/router: an ExecutionEnvironment composed of isolated environments.
export { createRouter, ENVIRONMENT_QUERY } from './create-router.js'
export type { RoutedEnvironment, Router, RouterBlockOutput, RouterEndBlockResult, SegmentReport } from './router.js'
export type {
  CircuitBreakerOptions,
  RoutedEnvironmentOptions,
  RouterOptions,
  ThrottleOptions,
  WorkerEnvironmentSource,
} from './router-options.js'
export { combineStateRoots } from './combine-state-roots.js'
export { environmentRoots } from './environment-roots.js'
export { shareBlockGas } from './scheduling/share-block-gas.js'
export { checkMessagePermission } from './permissions/check-message-permission.js'
export { EnvironmentHostError, type HostFailureKind } from './errors/environment-host-error.js'
export type { RouterEvent } from './telemetry/router-event.js'
export type { ContractTelemetry, EnvironmentTelemetry, RouterTelemetry } from './telemetry/router-telemetry.js'
export type { CircuitBreakerRecord } from './circuit-breaker/create-circuit-breaker.js'
