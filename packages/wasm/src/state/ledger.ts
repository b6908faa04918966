import { bytesToBigInt, bytesToHex, concatBytes, hexToBytes, uint256ToBytes, type Address, type Hash } from '@bulkhead/core'
import { stateKeys } from './state-keys.js'
import type { StateAccess } from './world-state.js'

/** What the state says about a deployed contract. */
export interface ContractRecord {
  /** keccak256 of the metered code, the key of the code store. */
  readonly codeHash: Hash
  /** Whether it imports WASI. */
  readonly usesWasi: boolean
  /** The gas schedule it was metered with. */
  readonly scheduleVersion: string
}

const encoder = new TextEncoder()
const decoder = new TextDecoder()

/**
 * Typed accessors over {@link WorldState}. Balances go through `credit`/`debit`, which keep
 * the per-denom supply record in step when value enters or leaves the environment, so
 * `EndBlockResult.supply` costs one read per denom, not a scan of every account.
 */
export class Ledger {
  constructor(readonly state: StateAccess) {}

  balance(address: Address, denom: string): bigint {
    const value = this.state.get(stateKeys.balance(address, denom))
    return value === undefined ? 0n : bytesToBigInt(value)
  }

  private setBalance(address: Address, denom: string, amount: bigint): void {
    const key = stateKeys.balance(address, denom)
    if (amount === 0n) this.state.delete(key)
    else this.state.set(key, uint256ToBytes(amount))
  }

  supply(denom: string): bigint {
    const value = this.state.get(stateKeys.supply(denom))
    return value === undefined ? 0n : bytesToBigInt(value)
  }

  private adjustSupply(denom: string, delta: bigint): void {
    const next = this.supply(denom) + delta
    if (next === 0n) this.state.delete(stateKeys.supply(denom))
    else this.state.set(stateKeys.supply(denom), uint256ToBytes(next))
  }

  /** Adds value that enters the environment (genesis, inbound transfer, refund). */
  mint(address: Address, denom: string, amount: bigint): void {
    this.setBalance(address, denom, this.balance(address, denom) + amount)
    this.adjustSupply(denom, amount)
  }

  /** Removes value that leaves the environment (fee burn, outbound escrow); false if too little. */
  burn(address: Address, denom: string, amount: bigint): boolean {
    const balance = this.balance(address, denom)
    if (balance < amount) return false
    this.setBalance(address, denom, balance - amount)
    this.adjustSupply(denom, -amount)
    return true
  }

  /** Moves value inside the environment; false (and nothing moved) if too little. */
  transfer(from: Address, to: Address, denom: string, amount: bigint): boolean {
    const balance = this.balance(from, denom)
    if (balance < amount) return false
    this.setBalance(from, denom, balance - amount)
    this.setBalance(to, denom, this.balance(to, denom) + amount)
    return true
  }

  nonce(address: Address): bigint {
    const value = this.state.get(stateKeys.nonce(address))
    return value === undefined ? 0n : bytesToBigInt(value)
  }

  setNonce(address: Address, nonce: bigint): void {
    const bytes = new Uint8Array(8)
    new DataView(bytes.buffer).setBigUint64(0, nonce)
    this.state.set(stateKeys.nonce(address), bytes)
  }

  contract(address: Address): ContractRecord | undefined {
    const value = this.state.get(stateKeys.contract(address))
    if (value === undefined) return undefined
    return {
      codeHash: bytesToHex(value.subarray(0, 32)),
      usesWasi: value[32] === 1,
      scheduleVersion: decoder.decode(value.subarray(33)),
    }
  }

  setContract(address: Address, record: ContractRecord): void {
    this.state.set(
      stateKeys.contract(address),
      concatBytes(hexToBytes(record.codeHash), Uint8Array.of(record.usesWasi ? 1 : 0), encoder.encode(record.scheduleVersion)),
    )
  }
}
