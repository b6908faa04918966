import { readFileSync } from 'node:fs'
import wabtInit from 'wabt'

const wabt = await wabtInit()

/** Features a fixture may ask for beyond wabt's defaults, to build modules we must refuse. */
export interface WatFeatures {
  readonly simd?: boolean
  readonly threads?: boolean
  readonly multi_memory?: boolean
  readonly exceptions?: boolean
  readonly memory64?: boolean
  readonly reference_types?: boolean
}

/** Compiles a .wat fixture (test time only; wabt is a devDependency). */
export function compileWat(source: string, features: WatFeatures = {}): Uint8Array {
  const module = wabt.parseWat('fixture.wat', source, { ...features })
  try {
    module.resolveNames()
    return new Uint8Array(module.toBinary({}).buffer)
  } finally {
    module.destroy()
  }
}

/** Compiles `src/__fixtures__/<name>.wat`. */
export function loadWat(name: string, features: WatFeatures = {}): Uint8Array {
  return compileWat(readFileSync(new URL(`./${name}.wat`, import.meta.url), 'utf8'), features)
}
