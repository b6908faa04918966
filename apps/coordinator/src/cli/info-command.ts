import { VERSION as CORE_VERSION } from '@bulkhead/core'
import { VERSION as PROTO_VERSION } from '@bulkhead/proto'
import { VERSION } from '../version.js'
import type { CommandIO } from './decode-command.js'

/** Prints what this build of Bulkhead contains. */
export function infoCommand(io: CommandIO): number {
  io.stdout(
    [
      `bulkhead ${VERSION}`,
      `  ExecutionEnvironment specification: v1 (@bulkhead/core ${CORE_VERSION})`,
      `  wire format: bulkhead.xenv.v1, bulkhead.chain.v1, bulkhead.wasm.v1 (@bulkhead/proto ${PROTO_VERSION})`,
      `  node ${process.versions.node}`,
      '',
    ].join('\n'),
  )
  return 0
}
