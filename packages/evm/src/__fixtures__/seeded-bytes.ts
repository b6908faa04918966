/** Deterministic bytes: a failing seed fails the same way again. */
export function generator(seed: number) {
  let state = seed >>> 0
  const next = () => {
    state = (Math.imul(state, 1_664_525) + 1_013_904_223) >>> 0
    return state >>> 24
  }
  return { next, bytes: (length: number) => Uint8Array.from({ length }, next) }
}
