import { DEFAULT_PERMISSIONS, type OutboundBody } from '@bulkhead/core'
import { describe, expect, it } from 'vitest'
import { checkMessagePermission } from './check-message-permission.js'

const address = `0x${'01'.repeat(20)}` as const
const bodies: Record<OutboundBody['kind'], OutboundBody> = {
  asset_transfer: { kind: 'asset_transfer', denom: 'unit', amount: 1n, sender: address, receiver: address, memo: '' },
  contract_call: { kind: 'contract_call', sender: address, contract: address, data: new Uint8Array(0), gasLimit: 1n },
  state_sync: { kind: 'state_sync', publisher: address, key: new Uint8Array(0), value: new Uint8Array(0), version: 1n },
}

describe(checkMessagePermission.name, () => {
  it('allows everything under the default permissions', () => {
    for (const body of Object.values(bodies))
      expect(checkMessagePermission('evm', 'wasm', body, DEFAULT_PERMISSIONS)).toBeUndefined()
  })

  it('refuses each kind its permission turns off, and destinations not listed', () => {
    const none = { ...DEFAULT_PERMISSIONS, sendAssets: false, sendCalls: false, sendStateSync: false }
    expect(checkMessagePermission('evm', 'wasm', bodies.asset_transfer, none)).toBe(
      'environment "evm" may not send asset transfers',
    )
    expect(checkMessagePermission('evm', 'wasm', bodies.contract_call, none)).toBe(
      'environment "evm" may not send contract calls',
    )
    expect(checkMessagePermission('evm', 'wasm', bodies.state_sync, none)).toBe(
      'environment "evm" may not publish state sync',
    )
    const listed = { ...DEFAULT_PERMISSIONS, destinations: ['wasm'] }
    expect(checkMessagePermission('evm', 'wasm', bodies.contract_call, listed)).toBeUndefined()
    expect(checkMessagePermission('evm', 'other', bodies.contract_call, listed)).toBe(
      'environment "evm" may not send to environment "other"',
    )
  })

  it('never refuses an acknowledgement', () => {
    expect(
      checkMessagePermission('evm', 'other', { kind: 'acknowledgement' }, { ...DEFAULT_PERMISSIONS, destinations: [] }),
    ).toBeUndefined()
  })
})
