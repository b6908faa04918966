import { defineConfig } from 'tsup'
import { definePackageBuild } from '../../tsup.preset.js'

// Two entries: the runner-agnostic kit, and the vitest adapter as its own subpath so that
// importing the kit never loads vitest.
export default defineConfig(definePackageBuild({ entry: ['src/index.ts', 'src/vitest.ts'], overrides: { external: ['vitest'] } }))
