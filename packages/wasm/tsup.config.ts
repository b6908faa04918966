import { defineConfig } from 'tsup'
import { definePackageBuild } from '../../tsup.preset.js'

// Two entries with code splitting: `tooling` (validation and metering) stays in its own chunk
// with binaryen, so importing the environment does not load binaryen until the first deploy.
export default defineConfig(definePackageBuild({ entry: ['src/index.ts', 'src/tooling.ts'], overrides: { splitting: true } }))
