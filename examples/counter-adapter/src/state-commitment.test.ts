import { describe, expect, it } from 'vitest'
import { hexToBytes, merkleRoot } from '@bulkhead/core'
import { StateCommitment } from './state-commitment.js'

const entries = (count: number, salt: string) => Array.from({ length: count }, (_, index) => [`key/${index}`, `${salt}${index * 7}`] as const)

describe(StateCommitment.name, () => {
  it('updated incrementally, gives the root a from-scratch build of the same state gives', () => {
    const incremental = new StateCommitment()
    incremental.reset(entries(500, 'a'))
    const writes = new Map<string, string | undefined>([
      ['key/3', 'changed'],
      ['key/400', undefined],
      ['new/key', 'fresh'],
    ])
    const predicted = incremental.rootWith(writes)
    incremental.apply(writes)

    const state = new Map<string, string>(entries(500, 'a'))
    state.set('key/3', 'changed')
    state.delete('key/400')
    state.set('new/key', 'fresh')
    const scratch = new StateCommitment()
    scratch.reset([...state].reverse()) // insertion order must not matter
    expect(incremental.rootWith(new Map())).toBe(predicted)
    expect(scratch.rootWith(new Map())).toBe(predicted)
  })

  it('changes when any value changes, and rootWith changes nothing', () => {
    const commitment = new StateCommitment()
    commitment.reset(entries(50, 'a'))
    const before = commitment.rootWith(new Map())
    expect(commitment.rootWith(new Map([['key/7', 'other']]))).not.toBe(before)
    expect(commitment.rootWith(new Map())).toBe(before)
    // A deleted key and a key set to the empty string are different states.
    expect(commitment.rootWith(new Map([['key/7', undefined]]))).not.toBe(commitment.rootWith(new Map([['key/7', '']])))
  })

  it('is the core merkleRoot of the 256 bucket roots', () => {
    // Empty state: every bucket root is merkleRoot([]), so the whole root is known independently.
    const emptyBucket = hexToBytes(merkleRoot([]))
    expect(new StateCommitment().rootWith(new Map())).toBe(merkleRoot(Array.from({ length: 256 }, () => emptyBucket)))
  })
})
