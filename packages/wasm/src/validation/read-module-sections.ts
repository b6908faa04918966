import { WasmValidationError } from '../errors/wasm-validation-error.js'

/** An import as the binary declares it. `kind`: 0 function, 1 table, 2 memory, 3 global, 4 tag. */
export interface ModuleImport {
  readonly module: string
  readonly name: string
  readonly kind: number
  /** The type index of a function import. */
  readonly typeIndex: number
}

export interface FunctionSignature {
  readonly params: readonly number[]
  readonly results: readonly number[]
}

export interface Limits {
  readonly flags: number
  readonly initial: number
  readonly maximum: number | undefined
}

/** What validation needs from a module's sections; everything else is skipped by size. */
export interface ModuleSummary {
  readonly imports: readonly ModuleImport[]
  /** Each function type of the type section, as value-type bytes. */
  readonly types: readonly FunctionSignature[]
  /** Type index of each defined function. */
  readonly functionTypes: readonly number[]
  readonly tables: readonly Limits[]
  readonly memories: readonly Limits[]
  /** Export names with their kind (0 function, 1 table, 2 memory, 3 global). */
  readonly exports: readonly { readonly name: string; readonly kind: number }[]
  /** Declared locals of each defined function body. */
  readonly bodyLocals: readonly number[]
  readonly hasTags: boolean
}

const textDecoder = new TextDecoder('utf-8', { fatal: true })

/**
 * A small reader of the Wasm binary's section structure. It reads only counts, names and
 * limits, so limits are checked before binaryen ever parses (and allocates for) the code.
 */
export function readModuleSections(bytes: Uint8Array): ModuleSummary {
  const reader = new ByteReader(bytes)
  const magic = reader.bytes(4)
  if (magic[0] !== 0x00 || magic[1] !== 0x61 || magic[2] !== 0x73 || magic[3] !== 0x6d) {
    throw new WasmValidationError('not_wasm', 'Module does not start with the Wasm magic number')
  }
  const version = reader.bytes(4)
  if (version[0] !== 1 || version[1] !== 0 || version[2] !== 0 || version[3] !== 0) {
    throw new WasmValidationError('not_wasm', 'Module is not Wasm binary version 1 (components and other layers are refused)')
  }
  const imports: ModuleImport[] = []
  const types: FunctionSignature[] = []
  const functionTypes: number[] = []
  const tables: Limits[] = []
  const memories: Limits[] = []
  const exports: { name: string; kind: number }[] = []
  const bodyLocals: number[] = []
  let hasTags = false
  while (!reader.done) {
    const id = reader.byte()
    const size = reader.u32()
    const end = reader.offset + size
    if (end > bytes.length) throw new WasmValidationError('malformed', `Section ${id} runs past the end of the module`)
    const section = new ByteReader(bytes.subarray(reader.offset, end))
    switch (id) {
      case 1: {
        for (let count = section.u32(), index = 0; index < count; index++) {
          const form = section.byte()
          if (form !== 0x60) throw new WasmValidationError('features', `Type ${index} is not a function type (0x${form.toString(16)}); GC types are refused`)
          const params: number[] = []
          for (let count = section.u32(), param = 0; param < count; param++) params.push(section.valueType())
          const results: number[] = []
          for (let count = section.u32(), result = 0; result < count; result++) results.push(section.valueType())
          types.push({ params, results })
        }
        break
      }
      case 2: {
        for (let count = section.u32(), index = 0; index < count; index++) {
          const module = section.name()
          const name = section.name()
          const kind = section.byte()
          let typeIndex = -1
          if (kind === 0) typeIndex = section.u32()
          else if (kind === 1) tables.push(section.table())
          else if (kind === 2) memories.push(section.limits())
          else if (kind === 3) (section.valueType(), section.byte())
          else if (kind === 4) (section.byte(), section.u32())
          else throw new WasmValidationError('malformed', `Import ${module}.${name} has unknown kind ${kind}`)
          imports.push({ module, name, kind, typeIndex })
        }
        break
      }
      case 3:
        for (let count = section.u32(), index = 0; index < count; index++) functionTypes.push(section.u32())
        break
      case 4:
        for (let count = section.u32(), index = 0; index < count; index++) tables.push(section.table())
        break
      case 5:
        for (let count = section.u32(), index = 0; index < count; index++) memories.push(section.limits())
        break
      case 7:
        for (let count = section.u32(), index = 0; index < count; index++) {
          const name = section.name()
          exports.push({ name, kind: section.byte() })
          section.u32()
        }
        break
      case 10:
        for (let count = section.u32(), index = 0; index < count; index++) {
          const bodySize = section.u32()
          const bodyEnd = section.offset + bodySize
          let locals = 0
          for (let groups = section.u32(), group = 0; group < groups; group++) {
            locals += section.u32()
            section.valueType()
            // Checked while reading: a body declaring 4 billion locals must not be summed first.
            if (locals > 0xffff_ffff) throw new WasmValidationError('too_many_locals', 'A function declares more than 2^32 locals')
          }
          bodyLocals.push(locals)
          section.seek(bodyEnd)
        }
        break
      case 13:
        hasTags = true
        break
      default:
        // Custom (0), global (6), start (8), element (9), data (11), data count (12): skipped
        // here; binaryen and the engine check their contents.
        if (id > 13) throw new WasmValidationError('malformed', `Unknown section id ${id}`)
    }
    reader.seek(end)
  }
  return { imports, types, functionTypes, tables, memories, exports, bodyLocals, hasTags }
}

class ByteReader {
  offset = 0
  constructor(private readonly data: Uint8Array) {}

  get done(): boolean {
    return this.offset >= this.data.length
  }

  seek(offset: number): void {
    if (offset > this.data.length) throw truncated()
    this.offset = offset
  }

  byte(): number {
    const value = this.data[this.offset]
    if (value === undefined) throw truncated()
    this.offset++
    return value
  }

  bytes(length: number): Uint8Array {
    if (this.offset + length > this.data.length) throw truncated()
    const out = this.data.subarray(this.offset, this.offset + length)
    this.offset += length
    return out
  }

  u32(): number {
    let result = 0
    let shift = 0
    for (;;) {
      const byte = this.byte()
      result += (byte & 0x7f) * 2 ** shift
      if ((byte & 0x80) === 0) break
      shift += 7
      if (shift > 28) throw new WasmValidationError('malformed', 'LEB128 integer longer than 5 bytes')
    }
    return result
  }

  name(): string {
    const length = this.u32()
    try {
      return textDecoder.decode(this.bytes(length))
    } catch (error) {
      if (error instanceof WasmValidationError) throw error
      throw new WasmValidationError('malformed', 'A name is not valid UTF-8', { cause: error })
    }
  }

  valueType(): number {
    const type = this.byte()
    // i32 i64 f32 f64 v128 funcref externref; anything else is a GC / typed reference.
    if (![0x7f, 0x7e, 0x7d, 0x7c, 0x7b, 0x70, 0x6f].includes(type)) {
      throw new WasmValidationError('features', `Value type 0x${type.toString(16)} is not allowed (GC or typed references)`)
    }
    if (type === 0x7b) throw new WasmValidationError('features', 'The v128 type needs SIMD, which is refused')
    return type
  }

  limits(): Limits {
    const flags = this.byte()
    if (flags > 0x07) throw new WasmValidationError('malformed', `Unknown limits flags 0x${flags.toString(16)}`)
    // memory64 limits are u64; read them as u32 would misparse, so refuse before reading.
    if ((flags & 0x04) !== 0) throw new WasmValidationError('memory64', 'memory64 is refused')
    const initial = this.u32()
    const maximum = (flags & 0x01) !== 0 ? this.u32() : undefined
    return { flags, initial, maximum }
  }

  table(): Limits {
    this.valueType()
    return this.limits()
  }
}

function truncated(): WasmValidationError {
  return new WasmValidationError('malformed', 'Module is truncated')
}
