import { VERSION } from '../version.js'
import { DECODE_USAGE, decodeCommand, type CommandIO } from './decode-command.js'
import { AUDIT_USAGE, DEVNET_USAGE, REPLAY_USAGE } from './usages.js'
import { infoCommand } from './info-command.js'
import { BulkheadError } from '@bulkhead/core'

export const USAGE = `bulkhead ${VERSION}: a multi-VM execution layer

Usage: bulkhead <command> [arguments]

Commands:
  devnet     start a local chain with an Ethereum-compatible JSON-RPC endpoint
  info       what this build contains (specification and wire format versions)
  decode     decode protobuf bytes (messages, headers, genesis, transactions) to JSON
  replay     re-execute a chain from genesis and report the first divergence
  audit      export the audit log of a chain as JSON lines
  env        list, pause or resume the environments of a running node
  wasm       deploy or call a WASM contract on a running node
  xenv       send the native asset from the EVM environment to another one
  help       this text; \`bulkhead help <command>\` for one command

Options:
  -h, --help     this text
  -v, --version  the version
`

const usages: Record<string, string> = { devnet: DEVNET_USAGE, decode: DECODE_USAGE, replay: REPLAY_USAGE, audit: AUDIT_USAGE }

/**
 * The `bulkhead` command line; returns the exit code instead of exiting, so tests can call it.
 * A Bulkhead error (bad input, a corrupt data directory) is printed with its code, exit 1.
 */
export async function main(args: readonly string[], io: CommandIO): Promise<number> {
  try {
    return await run(args, io)
  } catch (error) {
    if (BulkheadError.isInstance(error)) {
      io.stderr(`error ${error.code}: ${error.message}\n`)
      return 1
    }
    if (error instanceof TypeError && (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      io.stderr(`${error.message}\n`)
      return 2
    }
    throw error
  }
}

async function run(args: readonly string[], io: CommandIO): Promise<number> {
  const [command, ...rest] = args
  switch (command) {
    case undefined:
      infoCommand(io)
      io.stdout(`\n${USAGE}`)
      return 0
    case '-h':
    case '--help':
      io.stdout(USAGE)
      return 0
    case 'help':
      if (rest[0] === 'env' || rest[0] === 'wasm' || rest[0] === 'xenv') return run([rest[0], '--help'], io)
      io.stdout(rest[0] !== undefined && usages[rest[0]] !== undefined ? `${usages[rest[0]]}\n` : USAGE)
      return 0
    case '-v':
    case '--version':
      io.stdout(`${VERSION}\n`)
      return 0
    case 'info':
      return infoCommand(io)
    case 'decode':
      if (rest[0] === '--help' || rest[0] === '-h') {
        io.stdout(`${DECODE_USAGE}\n`)
        return 0
      }
      return decodeCommand(rest, io)
    // Commands that start engines are loaded on demand, so --help and --version stay instant.
    case 'devnet':
      return (await import('./devnet-command.js')).devnetCommand(rest, io)
    case 'replay':
      return (await import('./replay-command.js')).replayCommand(rest, io)
    case 'audit':
      return (await import('./audit-command.js')).auditCommand(rest, io)
    case 'env':
      return (await import('./remote/env-command.js')).envCommand(rest, io)
    case 'wasm':
      return (await import('./remote/wasm-command.js')).wasmCommand(rest, io)
    case 'xenv':
      return (await import('./remote/xenv-command.js')).xenvCommand(rest, io)
    default:
      io.stderr(`Unknown command "${command}".\n\n${USAGE}`)
      return 2
  }
}
