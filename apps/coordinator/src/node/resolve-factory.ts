import { isAbsolute, resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import { InvalidArgumentError, type EnvironmentFactory } from '@bulkhead/core'
import type { EnvironmentGenesisEntry } from '../genesis/chain-genesis.js'

export interface ResolveFactoryOptions {
  /** Loaders of the factories of the VM kinds built into the node, by `vm`. */
  readonly builtins: Readonly<Record<string, () => Promise<EnvironmentFactory>>>
  /** Where relative adapter paths start (the genesis file's directory). */
  readonly baseDirectory: string
}

/**
 * The factory for a genesis environment: the built-in one for its `vm`, or the export its
 * `adapter` names, imported from a package or a path relative to the genesis file.
 */
export async function resolveFactory(
  entry: Pick<EnvironmentGenesisEntry, 'id' | 'vm' | 'adapter'>,
  options: ResolveFactoryOptions,
): Promise<EnvironmentFactory> {
  if (entry.adapter === undefined) {
    const load = options.builtins[entry.vm]
    if (load === undefined) throw new InvalidArgumentError(`No built-in adapter for environment kind "${entry.vm}"`)
    return load()
  }
  const { module, export: exported } = entry.adapter
  const specifier = module.startsWith('.') || isAbsolute(module) ? pathToFileURL(resolve(options.baseDirectory, module)).href : module
  let loaded: Record<string, unknown>
  try {
    loaded = (await import(specifier)) as Record<string, unknown>
  } catch (error) {
    throw new InvalidArgumentError(`Cannot load the adapter of environment "${entry.id}" from ${module}`, {
      cause: error,
      details: [(error as Error).message.split('\n')[0] ?? '', 'Install the package (or fix the path, relative to the genesis file).'],
    })
  }
  const factory = loaded[exported]
  if (typeof factory !== 'function') {
    throw new InvalidArgumentError(`The adapter module ${module} has no function export "${exported}"`, {
      details: [`It exports: ${Object.keys(loaded).join(', ') || 'nothing'}`],
    })
  }
  return factory as EnvironmentFactory
}
