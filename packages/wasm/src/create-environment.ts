import type { EnvironmentFactory } from '@bulkhead/core'
import { createWASMEnvironment } from './create-wasm-environment.js'

/**
 * The entry point a Bulkhead node loads for a genesis environment of kind `wasm`: it maps the
 * node's factory options onto `createWASMEnvironment`'s. Adapter options from genesis are
 * passed through as `limits`, `validation` and `host` overrides (whole numbers; gas limits may be strings).
 */
export const createEnvironment: EnvironmentFactory = async ({ id, chainId, denom, allocations, options, store }) => {
  const { limits, validation, host } = options as Record<string, Record<string, number | string> | undefined>
  return createWASMEnvironment({
    id,
    chainId,
    denom,
    store,
    genesis: allocations,
    ...(limits === undefined ? {} : { limits: gasFieldsToBigInt(limits) }),
    ...(validation === undefined ? {} : { validation: numbers(validation) }),
    ...(host === undefined ? {} : { host: numbers(host) }),
  })
}

function gasFieldsToBigInt(values: Record<string, number | string>) {
  return Object.fromEntries(Object.entries(values).map(([name, value]) => [name, name.endsWith('GasLimit') ? BigInt(value) : Number(value)]))
}

function numbers(values: Record<string, number | string>) {
  return Object.fromEntries(Object.entries(values).map(([name, value]) => [name, Number(value)]))
}
