import { defineConfig } from 'tsup'
import { definePackageBuild } from '../../tsup.preset.js'

// Code splitting keeps each command's dependencies in its own chunk, loaded when the command
// runs: `bulkhead --help` does not load the engines, pino or the RPC server.
export default defineConfig(
  definePackageBuild({ entry: ['src/index.ts', 'src/cli.ts', 'src/environment-worker.ts'], overrides: { splitting: true } }),
)
