// @bulkhead/evm: the EVM execution environment. Public API speaks @bulkhead/core types only.
export { createEVMEnvironment } from './create-evm-environment.js'
export { createEnvironment, type EVMGenesisOptions } from './create-environment.js'
export type { EVMEnvironmentOptions, GenesisAccount } from './evm-environment-options.js'
export { SYSTEM_ADDRESS, XENV_ADDRESS } from './ixenv/xenv-address.js'
export { XENV_ABI } from './ixenv/xenv-artifact.js'
