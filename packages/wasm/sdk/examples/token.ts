// An example fungible token. Balances are u64, stored under "b" ‖ address.
//   init()                        mints 1,000,000 to the deployer
//   transfer(to[20] ‖ amount[8])  moves tokens from the caller; emits Transfer
//   balance_of(address[20])       returns the balance as 8 bytes little-endian
import { bytes, caller, emitEvent, input, returnData, revert, storage } from "../assembly/index"

const SUPPLY: u64 = 1_000_000

function balanceKey(address: Uint8Array): Uint8Array {
  const key = new Uint8Array(21)
  key[0] = 0x62 // "b"
  key.set(address, 1)
  return key
}

function topic(address: Uint8Array): Uint8Array {
  const word = new Uint8Array(32)
  word.set(address, 12)
  return word
}

export function init(): void {
  storage.setU64(balanceKey(caller()), SUPPLY)
}

export function transfer(): void {
  const args = input()
  if (args.length != 28) revert("transfer takes to (20 bytes) and amount (8 bytes)")
  const to = args.subarray(0, 20)
  const amount = load<u64>(args.dataStart + 20)
  const from = caller()
  const fromKey = balanceKey(from)
  const balance = storage.getU64(fromKey)
  if (balance < amount) revert("insufficient balance")
  storage.setU64(fromKey, balance - amount)
  const toKey = balanceKey(to)
  storage.setU64(toKey, storage.getU64(toKey) + amount)
  const name = new Uint8Array(32)
  name.set(bytes("Transfer"), 0)
  emitEvent([name, topic(from), topic(to)], args.subarray(20, 28))
}

export function balance_of(): void {
  const args = input()
  if (args.length != 20) revert("balance_of takes an address (20 bytes)")
  const out = new Uint8Array(8)
  store<u64>(out.dataStart, storage.getU64(balanceKey(args)))
  returnData(out)
}
