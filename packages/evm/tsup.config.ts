import { defineConfig } from 'tsup'
import { definePackageBuild } from '../../tsup.preset.js'

export default defineConfig(definePackageBuild())
