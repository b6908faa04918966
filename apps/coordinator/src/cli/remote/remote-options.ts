import { parseArgs } from 'node:util'
import { InvalidArgumentError, type Hex } from '@bulkhead/core'

/** Account 0 of the dev mnemonic: the default signer of the remote commands, as on every devnet. */
export const DEV_KEY: Hex = '0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80'

export const REMOTE_OPTIONS = {
  rpc: { type: 'string', default: 'http://127.0.0.1:8545' },
  key: { type: 'string' },
  'admin-token': { type: 'string' },
  value: { type: 'string' },
  gas: { type: 'string' },
  args: { type: 'string' },
  reason: { type: 'string' },
  amount: { type: 'string' },
  to: { type: 'string' },
  receiver: { type: 'string' },
  environment: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const

/** Parses a remote command's arguments; positional arguments and option values as given. */
export function parseRemoteArguments(args: readonly string[]) {
  return parseArgs({ args: [...args], options: REMOTE_OPTIONS, allowPositionals: true, strict: true })
}

/** A whole number given on the command line (decimal or 0x). */
export function wholeNumber(value: string | undefined, name: string, fallback: bigint): bigint {
  if (value === undefined) return fallback
  if (!/^(0x[0-9a-fA-F]+|\d+)$/.test(value)) throw new InvalidArgumentError(`--${name} must be a whole number (decimal or 0x), got ${value}`)
  return BigInt(value)
}
