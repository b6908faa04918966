// Hostile contracts, as .wat sources. Each is compiled at test time with wabt.
// The kinds follow CosmWasm's "cyberpunk" contract, NEAR's runtime_errors tests and
// wasmtime's fuel tests.

const storage = `(import "env" "storage_set" (func $storage_set (param i32 i32 i32 i32)))`

/** Writes key "k" first, so a test can check that the write did not survive. */
const writeFirst = `(i32.store (i32.const 0) (i32.const 0x6b)) (call $storage_set (i32.const 0) (i32.const 1) (i32.const 0) (i32.const 1))`

export const hostileRuntime = {
  infiniteLoop: `(module ${storage} (memory 1) (func (export "run") ${writeFirst} (loop $l (br $l))))`,
  infiniteStart: `(module ${storage} (memory 1) (func $s ${writeFirst} (loop $l (br $l))) (start $s))`,
  growBomb: `(module (import "env" "return_data" (func $ret (param i32 i32))) (memory 1)
    (func (export "run") (block $full (loop $more (br_if $full (i32.eq (memory.grow (i32.const 1)) (i32.const -1))) (br $more)))
      (i32.store (i32.const 0) (memory.size)) (call $ret (i32.const 0) (i32.const 4))))`,
  hugeGrow: `(module (import "env" "return_data" (func $ret (param i32 i32))) (memory 1)
    (func (export "run") (i32.store (i32.const 0) (memory.grow (i32.const 0x7fffffff))) (call $ret (i32.const 0) (i32.const 4))))`,
  deepRecursion: `(module ${storage} (memory 1) (func $r (call $r)) (func (export "run") ${writeFirst} (call $r)))`,
  unreachable: `(module ${storage} (memory 1) (func (export "run") ${writeFirst} unreachable))`,
  divideByZero: `(module ${storage} (memory 1) (func (export "run") ${writeFirst} (drop (i32.div_s (i32.const 1) (i32.const 0)))))`,
  outOfBounds: `(module ${storage} (memory 1) (func (export "run") ${writeFirst} (drop (i32.load (i32.const 70000)))))`,
  hostPointerOutOfBounds: `(module ${storage} (memory 1) (func (export "run") (call $storage_set (i32.const -16) (i32.const 8) (i32.const 0) (i32.const 1))))`,
  hostLengthOverflow: `(module ${storage} (memory 1) (func (export "run") (call $storage_set (i32.const 0) (i32.const -1) (i32.const 0) (i32.const 1))))`,
  hugeKey: `(module ${storage} (memory 1) (func (export "run") (call $storage_set (i32.const 0) (i32.const 257) (i32.const 0) (i32.const 1))))`,
  hugeValue: `(module ${storage} (memory 1) (func (export "run") (call $storage_set (i32.const 0) (i32.const 1) (i32.const 0) (i32.const 16385))))`,
  storageLoop: `(module ${storage} (memory 1) (func (export "run") (local $i i32)
    (loop $l (i32.store (i32.const 0) (local.get $i)) (call $storage_set (i32.const 0) (i32.const 4) (i32.const 0) (i32.const 4))
      (local.set $i (i32.add (local.get $i) (i32.const 1))) (br $l))))`,
  stdoutFlood: `(module (import "wasi_snapshot_preview1" "fd_write" (func $write (param i32 i32 i32 i32) (result i32)))
    (memory (export "memory") 1) (data (i32.const 100) "flood flood flood flood flood flood flood flood\\n")
    (func (export "run") (i32.store (i32.const 0) (i32.const 100)) (i32.store (i32.const 4) (i32.const 48))
      (loop $l (drop (call $write (i32.const 1) (i32.const 0) (i32.const 1) (i32.const 8))) (br $l))))`,
  wasiBadPointers: `(module (import "wasi_snapshot_preview1" "fd_write" (func $write (param i32 i32 i32 i32) (result i32)))
    (import "wasi_snapshot_preview1" "fd_fdstat_get" (func $stat (param i32 i32) (result i32)))
    (import "wasi_snapshot_preview1" "clock_time_get" (func $clock (param i32 i64 i32) (result i32)))
    (import "env" "return_data" (func $ret (param i32 i32)))
    (memory (export "memory") 1)
    (func (export "run")
      (i32.store (i32.const 0) (i32.const 65530)) (i32.store (i32.const 4) (i32.const 100))
      (i32.store (i32.const 16) (call $write (i32.const 1) (i32.const 0) (i32.const 1) (i32.const 8)))
      (i32.store (i32.const 20) (call $stat (i32.const 1) (i32.const 65530)))
      (i32.store (i32.const 24) (call $clock (i32.const 0) (i64.const 0) (i32.const -4)))
      (call $ret (i32.const 16) (i32.const 12))))`,
  eventBomb: `(module (import "env" "emit_event" (func $emit (param i32 i32 i32 i32))) (memory 1)
    (func (export "run") (loop $l (call $emit (i32.const 0) (i32.const 0) (i32.const 0) (i32.const 0)) (br $l))))`,
  bigMemory: `(module ${storage} (memory 512) (func (export "run") ${writeFirst}))`,
  takesParameters: `(module (memory 1) (func (export "run") (param i64) (drop (local.get 0))))`,
}

export const hostileDeploy = {
  twoMemories: { rule: 'multiple_memories', source: '(module (memory 1) (memory 1))', features: { multi_memory: true } },
  importedMemory: { rule: 'imported_memory', source: '(module (import "env" "memory" (memory 1)))', features: {} },
  importedTable: { rule: 'imported_table', source: '(module (import "env" "t" (table 1 funcref)) (memory 1))', features: {} },
  importedGlobal: { rule: 'imported_global', source: '(module (import "env" "g" (global i32)) (memory 1))', features: {} },
  forbiddenImport: { rule: 'forbidden_import', source: '(module (import "env" "exec" (func)) (memory 1))', features: {} },
  tooManyImports: { rule: 'too_many_imports',
    source: `(module ${Array.from({ length: 101 }, (_, index) => `(import "env" "gas_left" (func $g${index} (result i64)))`).join('')} (memory 1))`,
    features: {},
  },
  functionBomb: { rule: 'too_many_functions', source: `(module (memory 1) ${'(func)'.repeat(20_001)})`, features: {} },
  localBomb: { rule: 'too_many_locals', source: `(module (memory 1) ${`(func (local ${'i64 '.repeat(2_000)}))`.repeat(6)})`, features: {} },
  oversizedMemory: { rule: 'memory_initial_pages', source: '(module (memory 600))', features: {} },
  expressionBomb: { rule: 'expression_depth', source: `(module (memory 1) (func (result i64) ${'i64.const 1 '.repeat(5_000)} i64.const 0 ${'i64.add '.repeat(5_000)}))`, features: {} },
  wasiMemoryNameTaken: {
    rule: 'reserved_export',
    source: '(module (import "wasi_snapshot_preview1" "fd_write" (func $write (param i32 i32 i32 i32) (result i32))) (memory 1) (func (export "memory")))',
    features: {},
  },
  simd: { rule: 'features', source: '(module (memory 1) (func (result i32) (i32x4.extract_lane 0 (v128.const i32x4 1 2 3 4))))', features: { simd: true } },
  threads: { rule: 'shared_memory', source: '(module (memory 1 1 shared) (func (result i32) (i32.atomic.load (i32.const 0))))', features: { threads: true } },
} as const
