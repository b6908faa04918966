// The subset of the WebAssembly JS API this package uses. Node 20 has it at run time, but
// @types/node 20 does not declare it and the DOM lib would bring in unrelated globals.
declare namespace WebAssembly {
  type ImportValue = ((...args: never[]) => unknown) | Memory | Global
  type Imports = Record<string, Record<string, ImportValue>>
  type ExportValue = ((...args: unknown[]) => unknown) | Memory | Global

  class Module {
    constructor(bytes: Uint8Array)
    static exports(module: Module): { name: string; kind: string }[]
    static imports(module: Module): { module: string; name: string; kind: string }[]
  }
  class Instance {
    constructor(module: Module, imports?: Imports)
    readonly exports: Record<string, ExportValue>
  }
  class Memory {
    readonly buffer: ArrayBuffer
  }
  class Global {
    value: unknown
  }
  class RuntimeError extends Error {}
  class CompileError extends Error {}
  class LinkError extends Error {}
  function validate(bytes: Uint8Array): boolean
}
