/** Helpers that turn the namespace's JSON (quantities as `0x` hex) into typed values. */

/** A `0x` quantity as bigint; a missing one stays missing. */
export function quantityToBigInt(value: string): bigint
export function quantityToBigInt(value: string | undefined): bigint | undefined
export function quantityToBigInt(value: string | undefined): bigint | undefined {
  return value === undefined ? undefined : BigInt(value)
}

/** An object of `0x` quantities (per-environment supply) as bigints. */
export function quantitiesToBigInt(values: Readonly<Record<string, string>>): Readonly<Record<string, bigint>> {
  return Object.fromEntries(Object.entries(values).map(([key, value]) => [key, BigInt(value)]))
}

/** A bigint as a `0x` quantity. */
export function toQuantity(value: bigint): `0x${string}` {
  return `0x${value.toString(16)}`
}
