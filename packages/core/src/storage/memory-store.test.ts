import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { bytesToHex } from '../encoding/hex.js'
import { createMemoryStore } from './memory-store.js'

type Operation = { kind: 'put'; key: number[]; value: number } | { kind: 'delete'; key: number[] } | { kind: 'scan'; prefix: number[]; reverse: boolean }

const key = fc.array(fc.integer({ min: 0, max: 3 }), { minLength: 1, maxLength: 3 })
const operation: fc.Arbitrary<Operation> = fc.oneof(
  fc.record({ kind: fc.constant('put' as const), key, value: fc.integer({ min: 0, max: 255 }) }),
  fc.record({ kind: fc.constant('delete' as const), key }),
  fc.record({ kind: fc.constant('scan' as const), prefix: fc.array(fc.integer({ min: 0, max: 3 }), { maxLength: 2 }), reverse: fc.boolean() }),
)

describe(createMemoryStore.name, () => {
  it('behaves like a sorted map under any sequence of writes, deletes and scans', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(operation, { maxLength: 60 }), async (operations) => {
        const store = createMemoryStore().namespace('n')
        const model = new Map<string, number>()
        for (const step of operations) {
          if (step.kind === 'put') {
            await store.batch([{ type: 'put', key: Uint8Array.from(step.key), value: Uint8Array.of(step.value) }])
            model.set(bytesToHex(Uint8Array.from(step.key)), step.value)
          } else if (step.kind === 'delete') {
            await store.batch([{ type: 'delete', key: Uint8Array.from(step.key) }])
            model.delete(bytesToHex(Uint8Array.from(step.key)))
          } else {
            const prefix = bytesToHex(Uint8Array.from(step.prefix))
            const expected = [...model].filter(([entry]) => entry.startsWith(prefix)).sort(([left], [right]) => (left < right ? -1 : 1))
            if (step.reverse) expected.reverse()
            const actual: [string, number][] = []
            for await (const [entry, value] of store.entries({ prefix: Uint8Array.from(step.prefix), reverse: step.reverse })) actual.push([bytesToHex(entry), value[0] as number])
            expect(actual).toEqual(expected)
          }
        }
      }),
      { numRuns: 300 },
    )
  })
})
