/** A `0x`-prefixed, lower-case hexadecimal string. */
export type Hex = `0x${string}`

/**
 * An account or contract address: 20 bytes as lower-case hex in every built-in environment.
 * Message bodies carry addresses of other environments, which may be of another length,
 * so codecs check lengths per environment, not through this type.
 */
export type Address = Hex

/** A 32-byte Keccak-256 digest as lower-case hex. */
export type Hash = Hex

/**
 * The unique name of an environment inside one chain, e.g. `evm` or `wasm`.
 * Format: a lower-case letter, then up to 31 lower-case letters, digits or `-`.
 */
export type EnvironmentId = string

const environmentIdPattern = /^[a-z][a-z0-9-]{0,31}$/

/** Whether `value` is a well-formed {@link EnvironmentId}. */
export function isEnvironmentId(value: unknown): value is EnvironmentId {
  return typeof value === 'string' && environmentIdPattern.test(value)
}
