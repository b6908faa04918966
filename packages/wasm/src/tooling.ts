// Upload-time validation and deploy-time metering, for tools and benchmarks. They load binaryen
// (about half a second), so the environment imports this module only on the first deploy.
export { instrumentModule, type InstrumentOptions } from './metering/instrument-module.js'
export { validateModule, type ValidatedModule } from './validation/validate-module.js'
