// Raw imports of the Bulkhead WASM host API (`env` module). Signatures must match
// HOST_FUNCTIONS in src/host/host-function-signatures.ts exactly: upload validation checks them.

@external("env", "input_size") export declare function input_size(): i32
@external("env", "input_read") export declare function input_read(pointer: usize): void
@external("env", "return_data") export declare function return_data(pointer: usize, length: i32): void
@external("env", "storage_get") export declare function storage_get(key: usize, keyLength: i32, out: usize, capacity: i32): i32
@external("env", "storage_set") export declare function storage_set(key: usize, keyLength: i32, value: usize, valueLength: i32): void
@external("env", "storage_remove") export declare function storage_remove(key: usize, keyLength: i32): void
@external("env", "caller") export declare function caller(out: usize): void
@external("env", "self_address") export declare function self_address(out: usize): void
@external("env", "value") export declare function value(out: usize): void
@external("env", "block_height") export declare function block_height(): i64
@external("env", "block_timestamp") export declare function block_timestamp(): i64
@external("env", "gas_left") export declare function gas_left(): i64
@external("env", "balance") export declare function balance(address: usize, out: usize): void
@external("env", "transfer") export declare function transfer(address: usize, amount: usize): i32
@external("env", "emit_event") export declare function emit_event(topics: usize, topicCount: i32, data: usize, dataLength: i32): void
@external("env", "send_asset") export declare function send_asset(destination: usize, destinationLength: i32, receiver: usize, receiverLength: i32, amount: usize): i32
@external("env", "send_call") export declare function send_call(destination: usize, destinationLength: i32, contract: usize, contractLength: i32, data: usize, dataLength: i32, gasLimit: i64): i32
@external("env", "publish_state") export declare function publish_state(destination: usize, destinationLength: i32, key: usize, keyLength: i32, value: usize, valueLength: i32): i32
@external("env", "mirror_read") export declare function mirror_read(source: usize, sourceLength: i32, publisher: usize, publisherLength: i32, key: usize, keyLength: i32, out: usize, capacity: i32): i32
@external("env", "abort") export declare function abort(reason: usize, length: i32): void
