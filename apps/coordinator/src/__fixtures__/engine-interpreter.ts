import { afterEach } from 'vitest'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { pathToFileURL } from 'node:url'

/**
 * The EVM engine's Interpreter class, which the bundled program wraps (program-bundling.config.ts)
 * and the package does not export: imported from the engine's own module file, the very module
 * the engine builds its interpreters from.
 */
export async function importEngineInterpreter<Prototype>(): Promise<{ prototype: Prototype }> {
  const entry = createRequire(import.meta.url).resolve('@ethereumjs/evm')
  const interpreterUrl = pathToFileURL(join(dirname(entry), '..', 'esm', 'interpreter.js')).href
  const { Interpreter } = (await import(interpreterUrl)) as { Interpreter: { prototype: Prototype } }
  return Interpreter
}

/**
 * Wraps `Interpreter.prototype.run` with `wrap` and returns both versions of it; tests put either
 * in place to compare them, and after each test the wrapped one is back.
 */
export function wrapRun<Host extends { run: unknown }>(
  Interpreter: { prototype: Host },
  wrap: (prototype: Host) => void,
): { readonly upstream: Host['run']; readonly wrapped: Host['run'] } {
  const upstream = Interpreter.prototype.run
  wrap(Interpreter.prototype)
  const wrapped = Interpreter.prototype.run
  afterEach(() => {
    Interpreter.prototype.run = wrapped
  })
  return { upstream, wrapped }
}
