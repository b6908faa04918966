import { createMemoryStore } from '@bulkhead/core'
import { describe, expect, it } from 'vitest'
import { WorldState } from './world-state.js'

const key = (text: string) => new TextEncoder().encode(text)
const value = (byte: number) => Uint8Array.of(byte)

describe(WorldState.name, () => {
  it('keeps committed frames, drops reverted ones, and nests', () => {
    const state = new WorldState(createMemoryStore())
    state.checkpoint()
    state.set(key('a'), value(1))
    state.checkpoint()
    state.set(key('a'), value(2))
    state.set(key('b'), value(3))
    state.revertCheckpoint()
    expect(state.get(key('a'))).toEqual(value(1))
    expect(state.get(key('b'))).toBeUndefined()
    state.checkpoint()
    state.delete(key('a'))
    state.commitCheckpoint()
    expect(state.get(key('a'))).toBeUndefined()
    state.commitCheckpoint()
    expect(() => state.commitCheckpoint()).toThrow()
  })

  it('gives one root per content, whatever the write order, and reloads it from the store', async () => {
    const store = createMemoryStore()
    const first = new WorldState(store)
    first.set(key('x'), value(1))
    first.set(key('y'), value(2))
    const root = await first.seal()
    await store.batch(first.commit())

    const second = new WorldState(createMemoryStore())
    second.set(key('y'), value(2))
    second.set(key('z'), value(9))
    second.delete(key('z'))
    second.set(key('x'), value(1))
    expect(await second.seal()).toBe(root)

    const reloaded = new WorldState(store)
    await reloaded.load(root)
    expect(reloaded.committed(key('x'))).toEqual(value(1))
    expect(reloaded.get(key('y'))).toEqual(value(2))
  })

  it('reloads every record, including ones in nodes embedded in their parents', async () => {
    const store = createMemoryStore()
    const state = new WorldState(store)
    const keys = Array.from({ length: 300 }, (_, index) => Uint8Array.of(0x04, index >> 8, index & 0xff))
    keys.forEach((entry, index) => state.set(entry, value(index & 0xff)))
    state.set(new Uint8Array(0x30).fill(7), new Uint8Array(100).fill(1))
    const root = await state.seal()
    await store.batch(state.commit())
    const reloaded = new WorldState(store)
    await reloaded.load(root)
    keys.forEach((entry, index) => expect(reloaded.committed(entry)).toEqual(value(index & 0xff)))
    expect(reloaded.committed(new Uint8Array(0x30).fill(7))).toEqual(new Uint8Array(100).fill(1))
    expect(await reloaded.seal()).toBe(root)
  })

  it('discards a sealed block and returns to the committed root', async () => {
    const store = createMemoryStore()
    const state = new WorldState(store)
    state.set(key('x'), value(1))
    const committed = await state.seal()
    await store.batch(state.commit())
    state.set(key('x'), value(5))
    expect(await state.seal()).not.toBe(committed)
    state.discard(committed)
    expect(state.root).toBe(committed)
    expect(state.get(key('x'))).toEqual(value(1))
  })
})
