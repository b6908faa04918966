import { defineConfig } from 'tsup'
import { definePackageBuild } from '../../tsup.preset.js'

export default defineConfig(definePackageBuild({ entry: ['src/index.ts', 'src/cli.ts', 'src/environment-worker.ts'] }))
