import { readFileSync } from 'node:fs'
import { BulkheadError, hexToBytes } from '@bulkhead/core'
import {
  decodeBlockHeader,
  decodeGenesis,
  decodeMessage,
  decodeSignedWasmTransaction,
  decodeTransactionEnvelope,
  messageHash,
} from '@bulkhead/proto'
import { toJSON } from './json-replacer.js'

/** The wire types `bulkhead decode` knows, each with what it prints beside the value. */
const decoders: Record<string, (bytes: Uint8Array) => unknown> = {
  message: (bytes) => {
    const message = decodeMessage(bytes)
    return { hash: messageHash(message), message }
  },
  header: decodeBlockHeader,
  genesis: decodeGenesis,
  envelope: decodeTransactionEnvelope,
  'wasm-tx': decodeSignedWasmTransaction,
}

export const DECODE_USAGE = `Usage: bulkhead decode <type> <0x-hex | @file>

Decodes protobuf bytes strictly (canonical encoding only) and prints them as JSON.
Types: ${Object.keys(decoders).join(', ')}

Examples:
  bulkhead decode message 0x0a0365766d1204...
  bulkhead decode header @block-12.bin`

export interface CommandIO {
  readonly stdout: (text: string) => void
  readonly stderr: (text: string) => void
}

/** Runs `bulkhead decode`; returns the process exit code. */
export function decodeCommand(args: readonly string[], io: CommandIO): number {
  const [type, input] = args
  if (type === undefined || input === undefined || args.length > 2) {
    io.stderr(`${DECODE_USAGE}\n`)
    return 2
  }
  const decode = decoders[type]
  if (decode === undefined) {
    io.stderr(`Unknown type "${type}". Types: ${Object.keys(decoders).join(', ')}\n`)
    return 2
  }
  try {
    const bytes = input.startsWith('@') ? new Uint8Array(readFileSync(input.slice(1))) : hexToBytes(input.trim())
    io.stdout(`${toJSON(decode(bytes))}\n`)
    return 0
  } catch (error) {
    if (!BulkheadError.isInstance(error)) throw error
    io.stderr(`error ${error.code}: ${error.message}\n`)
    return 1
  }
}
