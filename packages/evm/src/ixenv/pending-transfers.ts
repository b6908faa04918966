import type { AssetTransfer, Hash } from '@bulkhead/core'
import { bytesToBigInt, hexToBytes, keccak256, uint256ToBytes } from '@bulkhead/core'
import type { MerkleStateManager } from '@ethereumjs/statemanager'
import { createAddressFromString } from '@ethereumjs/util'
import { encodeAbi, utf8 } from './abi-codec.js'
import { XENV_ADDRESS } from './xenv-address.js'

const XENV = createAddressFromString(XENV_ADDRESS)

/** What identifies a sent transfer on both ends: the outbound message and the one acknowledged. */
export interface TransferIdentity {
  readonly destination: string
  readonly originTransaction: Hash
  readonly body: AssetTransfer
}

/**
 * Sent-but-unsettled asset transfers, counted in XEnv's storage (slot = Keccak of the transfer),
 * so refunds are exactly once: an acknowledgement or timeout settles one sent transfer, and a
 * replayed or invented one finds nothing to settle. Kept in the state trie, the count commits
 * and rolls back with the state root; a settled slot is zero again, i.e. gone from the trie.
 */
export function pendingSlot(transfer: TransferIdentity): Uint8Array {
  const { body } = transfer
  return keccak256(
    encodeAbi([
      { type: 'bytes', value: utf8('bulkhead.xenv.pending-transfer') },
      { type: 'bytes', value: hexToBytes(transfer.originTransaction) },
      { type: 'bytes', value: utf8(transfer.destination) },
      { type: 'bytes', value: utf8(body.denom) },
      { type: 'uint', value: body.amount },
      { type: 'bytes', value: hexToBytes(body.sender) },
      { type: 'bytes', value: hexToBytes(body.receiver) },
      { type: 'bytes', value: utf8(body.memo) },
    ]),
  )
}

async function count(stateManager: MerkleStateManager, slot: Uint8Array): Promise<bigint> {
  return bytesToBigInt(await stateManager.getStorage(XENV, slot))
}

/** Records one more sent transfer with this identity. */
export async function addPending(stateManager: MerkleStateManager, transfer: TransferIdentity): Promise<void> {
  const slot = pendingSlot(transfer)
  await stateManager.putStorage(XENV, slot, uint256ToBytes((await count(stateManager, slot)) + 1n))
}

/** Settles one sent transfer with this identity; `false` when there is none to settle. */
export async function settlePending(stateManager: MerkleStateManager, transfer: TransferIdentity): Promise<boolean> {
  const slot = pendingSlot(transfer)
  const pending = await count(stateManager, slot)
  if (pending === 0n) return false
  await stateManager.putStorage(XENV, slot, pending === 1n ? new Uint8Array(0) : uint256ToBytes(pending - 1n))
  return true
}
