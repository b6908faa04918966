import type { Block } from '@ethereumjs/block'
import type { EVM, EVMResult } from '@ethereumjs/evm'
import type { Address } from '@ethereumjs/util'

export interface SystemCall {
  readonly caller: Address
  readonly to: Address
  readonly data: Uint8Array
  readonly gasLimit: bigint
  readonly block: Block
}

/**
 * A call the environment makes itself (inbound ContractCall, mirror write): no signature, no
 * fee, no nonce. It gets the same journal discipline as `runTx`: warm sets and the original
 * storage cache are reset around it, and a failed call leaves no state behind.
 */
export async function runSystemCall(evm: EVM, call: SystemCall): Promise<EVMResult> {
  await evm.journal.cleanup()
  await evm.journal.checkpoint()
  try {
    const result = await evm.runCall({
      block: call.block,
      caller: call.caller,
      to: call.to,
      data: call.data,
      gasLimit: call.gasLimit,
      gasPrice: 0n,
      value: 0n,
      skipNonceIncrement: true,
    })
    await evm.journal.commit()
    return result
  } catch (error) {
    await evm.journal.revert()
    throw error
  } finally {
    evm.journal.cleanJournal()
    await evm.journal.cleanup()
    evm.stateManager.originalStorageCache.clear()
  }
}

/** Runs a call and undoes everything it did (queries). */
export async function runThrowawayCall(evm: EVM, run: () => Promise<EVMResult>): Promise<EVMResult> {
  await evm.journal.cleanup()
  await evm.journal.checkpoint()
  try {
    return await run()
  } finally {
    await evm.journal.revert()
    evm.journal.cleanJournal()
    evm.stateManager.originalStorageCache.clear()
  }
}
