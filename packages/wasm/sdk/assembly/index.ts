// The Bulkhead contract SDK for AssemblyScript: typed wrappers over the `env` host API.
//
// ABI: an entry point is an exported function with no parameters and no results. It reads
// its arguments with `input()` and answers with `returnData()`. `abort()` reverts every
// effect of the transaction and returns the reason as revert data.
import * as env from "./env"

/** Status codes of `sendAsset`, `sendCall`, `publishState` and `transfer`. */
export const OK: i32 = 0
export const INSUFFICIENT_FUNDS: i32 = 1
export const REFUSED: i32 = 2

/** The call's arguments (transaction args, init args, or a ContractCall's data). */
export function input(): Uint8Array {
  const data = new Uint8Array(env.input_size())
  env.input_read(data.dataStart)
  return data
}

/** Sets the bytes the caller receives. */
export function returnData(data: Uint8Array): void {
  env.return_data(data.dataStart, data.length)
}

/** Reverts the transaction with a reason. */
export function revert(reason: string): void {
  const bytes = Uint8Array.wrap(String.UTF8.encode(reason))
  env.abort(bytes.dataStart, bytes.length)
}

export function bytes(text: string): Uint8Array {
  return Uint8Array.wrap(String.UTF8.encode(text))
}

/** This contract's key/value storage: keys up to 256 bytes, values up to 16 KiB. */
export namespace storage {
  export function get(key: Uint8Array): Uint8Array | null {
    let buffer = new Uint8Array(64)
    const length = env.storage_get(key.dataStart, key.length, buffer.dataStart, buffer.length)
    if (length < 0) return null
    if (length > buffer.length) {
      buffer = new Uint8Array(length)
      env.storage_get(key.dataStart, key.length, buffer.dataStart, buffer.length)
    }
    return buffer.subarray(0, length)
  }
  export function set(key: Uint8Array, value: Uint8Array): void {
    env.storage_set(key.dataStart, key.length, value.dataStart, value.length)
  }
  export function remove(key: Uint8Array): void {
    env.storage_remove(key.dataStart, key.length)
  }
  export function getU64(key: Uint8Array): u64 {
    const value = get(key)
    if (value == null || value.length < 8) return 0
    return load<u64>(value.dataStart)
  }
  export function setU64(key: Uint8Array, amount: u64): void {
    const value = new Uint8Array(8)
    store<u64>(value.dataStart, amount)
    set(key, value)
  }
}

/** 20 bytes: the transaction sender, or the remote sender of a cross-environment call. */
export function caller(): Uint8Array {
  const out = new Uint8Array(20)
  env.caller(out.dataStart)
  return out
}

export function selfAddress(): Uint8Array {
  const out = new Uint8Array(20)
  env.self_address(out.dataStart)
  return out
}

export function blockHeight(): i64 {
  return env.block_height()
}

export function blockTimestamp(): i64 {
  return env.block_timestamp()
}

/** A native amount as the 32-byte big-endian word the host uses (amounts here fit in u64). */
export function amountWord(amount: u64): Uint8Array {
  const word = new Uint8Array(32)
  for (let index = 0; index < 8; index++) word[31 - index] = <u8>(amount >> (<u64>index * 8))
  return word
}

function wordToU64(word: Uint8Array): u64 {
  let amount: u64 = 0
  for (let index = 24; index < 32; index++) amount = (amount << 8) | <u64>word[index]
  return amount
}

/** The native value sent with this call. */
export function value(): u64 {
  const word = new Uint8Array(32)
  env.value(word.dataStart)
  return wordToU64(word)
}

/** Native balance of an account (low 64 bits). */
export function balanceOf(address: Uint8Array): u64 {
  const word = new Uint8Array(32)
  env.balance(address.dataStart, word.dataStart)
  return wordToU64(word)
}

/** Sends native value from this contract; OK or INSUFFICIENT_FUNDS. */
export function transfer(to: Uint8Array, amount: u64): i32 {
  const word = amountWord(amount)
  return env.transfer(to.dataStart, word.dataStart)
}

/** Records an event with up to four 32-byte topics. */
export function emitEvent(topics: Uint8Array[], data: Uint8Array): void {
  const packed = new Uint8Array(topics.length * 32)
  for (let index = 0; index < topics.length; index++) packed.set(topics[index], index * 32)
  env.emit_event(packed.dataStart, topics.length, data.dataStart, data.length)
}

/** Sends native value to an account in another environment (escrowed until acknowledged). */
export function sendAsset(destination: string, receiver: Uint8Array, amount: u64): i32 {
  const target = bytes(destination)
  const word = amountWord(amount)
  return env.send_asset(target.dataStart, target.length, receiver.dataStart, receiver.length, word.dataStart)
}

/** Calls a contract in another environment asynchronously; the answer comes back as an acknowledgement. */
export function sendCall(destination: string, contract: Uint8Array, data: Uint8Array, gasLimit: u64): i32 {
  const target = bytes(destination)
  return env.send_call(target.dataStart, target.length, contract.dataStart, contract.length, data.dataStart, data.length, <i64>gasLimit)
}

/** Publishes a key/value that `destination` mirrors read-only. */
export function publishState(destination: string, key: Uint8Array, value: Uint8Array): i32 {
  const target = bytes(destination)
  return env.publish_state(target.dataStart, target.length, key.dataStart, key.length, value.dataStart, value.length)
}

/** Reads a mirrored StateSync value, or null when nothing was synced. */
export function readMirror(source: string, publisher: Uint8Array, key: Uint8Array): Uint8Array | null {
  const origin = bytes(source)
  const out = new Uint8Array(16 * 1024)
  const length = env.mirror_read(origin.dataStart, origin.length, publisher.dataStart, publisher.length, key.dataStart, key.length, out.dataStart, out.length)
  if (length < 0) return null
  return out.subarray(0, length)
}
