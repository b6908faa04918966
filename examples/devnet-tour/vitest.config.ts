import { definePackageTests } from '../../vitest.shared.js'

export default definePackageTests({ testTimeout: 120_000 })
