import { bytesEqual, bytesToHex } from '@bulkhead/core'
import { defineCase, type CaseContext } from '../define-case.js'
import { REMOTE_ACCOUNT, inboundMessage, remoteOf, requireReceives } from './shared.js'

export const stateSyncMirrorIsReadOnly = defineCase({
  name: 'mirror/state-sync-mirror-is-read-only',
  description: 'an inbound StateSync is readable through query({ method: "mirror" }), keeps only the highest version, and a contract cannot overwrite it',
  async run(context: CaseContext) {
    const { fixtures } = context.subject
    const harness = await context.openDeployed()
    requireReceives(context, 'state_sync', harness)
    const key = new TextEncoder().encode('price')
    const value = Uint8Array.of(1, 2, 3)
    const sync = (version: bigint, data: Uint8Array, sequence: bigint) =>
      ({ kind: 'message', message: inboundMessage(context, harness, { kind: 'state_sync', publisher: REMOTE_ACCOUNT, key, value: data, version }, { sequence }) }) as const
    const { deliveries } = await harness.commitBlock({ deliveries: [sync(2n, value, 1n)] })
    context.check(deliveries[0]?.status === 'ok' && deliveries[0].acknowledgement?.success === true, {
      expected: 'a StateSync delivery is applied (status ok, success acknowledgement)',
      actual: `status ${String(deliveries[0]?.status)} ${deliveries[0]?.reason ?? ''}`,
      hint: 'store (source, publisher, key) -> (value, version) in a mirror area contracts can read but not write',
    })
    const mirror = { method: 'mirror', source: remoteOf(context), publisher: REMOTE_ACCOUNT, key } as const
    const read = async () => harness.environment.query(mirror)
    const first = await read()
    const hint = 'answer query({ method: "mirror" }) from committed mirror state'
    context.check(first.value !== undefined && bytesEqual(first.value, value) && first.version === 2n, {
      expected: `mirror reads ${bytesToHex(value)} at version 2`,
      actual: `value ${first.value === undefined ? 'undefined' : bytesToHex(first.value)}, version ${first.version}`,
      hint,
    })
    await harness.commitBlock({ deliveries: [sync(1n, Uint8Array.of(9), 2n)] })
    const stale = await read()
    context.check(stale.value !== undefined && bytesEqual(stale.value, value) && stale.version === 2n, {
      expected: 'an older version does not replace the mirror (it keeps the highest version)',
      actual: `value ${stale.value === undefined ? 'undefined' : bytesToHex(stale.value)}, version ${stale.version}`,
      hint: 'ignore (but acknowledge) a StateSync whose version is not above the mirrored one',
    })
    const missing = await harness.environment.query({ ...mirror, key: Uint8Array.of(0xff) })
    context.check(missing.value === undefined, {
      expected: 'a key never synced reads as value undefined',
      actual: `value ${missing.value === undefined ? 'undefined' : bytesToHex(missing.value)}`,
      hint,
    })
    if (fixtures.overwriteMirror) {
      const transaction = await fixtures.overwriteMirror(await harness.nextTransaction(), { source: remoteOf(context), publisher: REMOTE_ACCOUNT, key })
      await harness.commitBlock({ transactions: [transaction] })
      const after = await read()
      context.check(after.value !== undefined && bytesEqual(after.value, value) && after.version === 2n, {
        expected: 'a contract cannot overwrite a mirror',
        actual: `value ${after.value === undefined ? 'undefined' : bytesToHex(after.value)}, version ${after.version}`,
        hint: 'give contracts read-only access to mirrors; writes from contracts must fail (trap) or go to their own storage',
      })
    }
  },
})
