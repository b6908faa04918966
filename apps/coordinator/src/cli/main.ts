import { VERSION } from '../version.js'
import { DECODE_USAGE, decodeCommand, type CommandIO } from './decode-command.js'
import { infoCommand } from './info-command.js'

export const USAGE = `bulkhead ${VERSION}: a multi-VM execution layer

Usage: bulkhead <command> [arguments]

Commands:
  info       what this build contains (specification and wire format versions)
  decode     decode protobuf bytes (messages, headers, genesis, transactions) to JSON
  help       this text; \`bulkhead help <command>\` for one command

Options:
  -h, --help     this text
  -v, --version  the version
`

/** The `bulkhead` command line; returns the exit code instead of exiting, so tests can call it. */
export function main(args: readonly string[], io: CommandIO): number {
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
      io.stdout(rest[0] === 'decode' ? `${DECODE_USAGE}\n` : USAGE)
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
    default:
      io.stderr(`Unknown command "${command}".\n\n${USAGE}`)
      return 2
  }
}
