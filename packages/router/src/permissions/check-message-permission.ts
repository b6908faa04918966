import type { EnvironmentId, EnvironmentPermissions, OutboundBody } from '@bulkhead/core'

/**
 * Why `source` may not send `body` to `destination` under `permissions`, or `undefined` when it may.
 * Acknowledgements are never refused: they are answers, not sends.
 */
export function checkMessagePermission(
  source: EnvironmentId,
  destination: EnvironmentId,
  body: OutboundBody | { readonly kind: 'acknowledgement' },
  permissions: EnvironmentPermissions,
): string | undefined {
  if (body.kind === 'asset_transfer' && !permissions.sendAssets) {
    return `environment "${source}" may not send asset transfers`
  }
  if (body.kind === 'contract_call' && !permissions.sendCalls) {
    return `environment "${source}" may not send contract calls`
  }
  if (body.kind === 'state_sync' && !permissions.sendStateSync) {
    return `environment "${source}" may not publish state sync`
  }
  if (
    body.kind !== 'acknowledgement' &&
    permissions.destinations !== '*' &&
    !permissions.destinations.includes(destination)
  ) {
    return `environment "${source}" may not send to environment "${destination}"`
  }
  return undefined
}
