import type { EnvironmentPermissions } from '@bulkhead/core'
import type { bulkhead } from '../generated/bulkhead.js'
import { omitDefaults } from '../codec/omit-defaults.js'
import { bytesField, environmentField, hexField } from '../codec/wire-bytes.js'

/** `EnvironmentPermissions` as `bulkhead.chain.v1.Permissions` ('*' becomes the `any_*` flags). */
export function permissionsToWire(permissions: EnvironmentPermissions) {
  return omitDefaults({
    sendAssets: permissions.sendAssets,
    sendCalls: permissions.sendCalls,
    sendStateSync: permissions.sendStateSync,
    destinations:
      permissions.destinations === '*'
        ? []
        : permissions.destinations.map((id) => environmentField(id, 'Permissions.destinations[]', 'encode')),
    anyDestination: permissions.destinations === '*',
    deployers:
      permissions.deployers === '*' ? [] : permissions.deployers.map((address) => hexField(address, 'Permissions.deployers[]', [20])),
    anyDeployer: permissions.deployers === '*',
  })
}

export function permissionsFromWire(permissions: bulkhead.chain.v1.Permissions.$Properties): EnvironmentPermissions {
  return {
    sendAssets: permissions.sendAssets === true,
    sendCalls: permissions.sendCalls === true,
    sendStateSync: permissions.sendStateSync === true,
    destinations: permissions.anyDestination
      ? '*'
      : (permissions.destinations ?? []).map((id) => environmentField(id, 'Permissions.destinations[]', 'decode')),
    deployers: permissions.anyDeployer
      ? '*'
      : (permissions.deployers ?? []).map((address) => bytesField(address, 'Permissions.deployers[]', [20])),
  }
}
