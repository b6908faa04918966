;; The contract the conformance kit drives: a counter under key "n" plus message senders.
;; Memory: 0 "n" | 8 "fail" | 16 destination "conformance-remote" (18) | 40 receiver (20 bytes)
;; | 64 amount (32 bytes, 1000) | 128 counter | 256 input
(module
  (import "env" "storage_get" (func $storage_get (param i32 i32 i32 i32) (result i32)))
  (import "env" "storage_set" (func $storage_set (param i32 i32 i32 i32)))
  (import "env" "send_asset" (func $send_asset (param i32 i32 i32 i32 i32) (result i32)))
  (import "env" "input_size" (func $input_size (result i32)))
  (import "env" "input_read" (func $input_read (param i32)))
  (import "env" "abort" (func $abort (param i32 i32)))
  (memory (export "memory") 1 1)
  (data (i32.const 0) "n")
  (data (i32.const 8) "fail")
  (data (i32.const 16) "conformance-remote")
  (data (i32.const 40) "\cc\cc\cc\cc\cc\cc\cc\cc\cc\cc\cc\cc\cc\cc\cc\cc\cc\cc\cc\cc")
  (data (i32.const 94) "\03\e8")
  (func $increment
    (if (i32.lt_s (call $storage_get (i32.const 0) (i32.const 1) (i32.const 128) (i32.const 8)) (i32.const 0))
      (then (i64.store (i32.const 128) (i64.const 0))))
    (i64.store (i32.const 128) (i64.add (i64.load (i32.const 128)) (i64.const 1)))
    (call $storage_set (i32.const 0) (i32.const 1) (i32.const 128) (i32.const 8)))
  (func $send
    (if (call $send_asset (i32.const 16) (i32.const 18) (i32.const 40) (i32.const 20) (i32.const 64))
      (then (call $abort (i32.const 8) (i32.const 4)))))
  (func (export "increment") (call $increment))
  (func (export "on_xenv_call") (call $increment))
  (func (export "fail") (call $increment) (call $abort (i32.const 8) (i32.const 4)))
  (func (export "spin") (call $increment) (loop $forever (br $forever)))
  (func (export "send") (call $send))
  (func (export "send_then_fail") (call $send) (call $increment) (call $abort (i32.const 8) (i32.const 4)))
  ;; Tries to write its input as a storage key: storage is namespaced per contract, so it can
  ;; never reach a mirror.
  (func (export "overwrite")
    (local $size i32)
    (local.set $size (call $input_size))
    (call $input_read (i32.const 256))
    (call $storage_set (i32.const 256) (local.get $size) (i32.const 8) (i32.const 4))))
