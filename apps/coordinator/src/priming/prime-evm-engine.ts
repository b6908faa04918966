import { type Address, type TransactionEnvelope } from '@bulkhead/core'
import { PRIMING_CONTRACT_INITCODE } from './priming-contract.js'
import { addressOf, signEip1559 } from './sign-eip1559.js'

/** What priming ran: how many transactions, how many by receipt status. */
export interface PrimingSummary {
  readonly transactions: number
  readonly statuses: Readonly<Record<string, number>>
}

/** 80 transactions, ~0.25 s on a cold engine; 32 gained nothing in the measure below. */
const PRIMING_ROUNDS = 25

/** A throwaway key: its scratch chain is discarded. */
const PRIMING_KEY = Uint8Array.from(Buffer.from('11'.repeat(32), 'hex'))
const GWEI = 1_000_000_000n

/** The real environment's settings that shape its engine. */
export interface PrimingTarget {
  readonly id: string
  readonly chainId: bigint
  readonly denom: string
  /** The genesis entry's hardfork, if it names one. */
  readonly hardfork?: string
}

/**
 * Runs a scratch chain of each kind of transaction through a new built-in EVM environment,
 * then discards it. Why: V8 compiles the engine's hot functions for the object shapes it has
 * seen, and a new kind of transaction (the first call with logs after plain transfers, say)
 * deoptimizes them; V8 then waits hundreds of calls before compiling them again. Seen once
 * each kind while the code is young, the shapes are all in the type feedback, and the code V8
 * compiles later covers them. Measured in one process on the peer workload's sequence (2,000
 * transfers, a deployment, 1,000 token transfers; check, block and commit each): the token
 * transfers took 1.00 instead of 1.22 ms each (medians of six runs each way), the plain
 * transfers about the same (0.68 against 0.66).
 *
 * It must run in the thread that serves the real environment, with the same module (same code,
 * same feedback). Loaded on first use, like the built-in factories: a thread that never primes
 * never loads the engine.
 */
export async function primeEVMEngine(target: PrimingTarget, rounds = PRIMING_ROUNDS): Promise<PrimingSummary> {
  const { createEVMEnvironment } = await import('@bulkhead/evm')
  const sender = addressOf(PRIMING_KEY)
  const environment = await createEVMEnvironment({
    id: target.id,
    chainId: target.chainId,
    denom: target.denom,
    ...(target.hardfork === undefined ? {} : { hardfork: target.hardfork }),
    genesis: { [sender]: { balance: 10n ** 27n } },
    // The real environment has said which secp256k1 it loaded.
    logger: () => undefined,
  })
  const statuses: Record<string, number> = {}
  // One transaction per block, all from one sender: its nonce counts them, and names the block.
  let nonce = 0n
  const timestamp = BigInt(Math.floor(Date.now() / 1000))
  const send = async (to: Address | undefined, data: Uint8Array, gasLimit: bigint, value = 0n) => {
    const height = nonce + 1n
    const payload = signEip1559(
      { chainId: target.chainId, nonce: nonce++, maxPriorityFeePerGas: GWEI, maxFeePerGas: 1_000_000n * GWEI, gasLimit, ...(to === undefined ? {} : { to }), value, data },
      PRIMING_KEY,
    )
    const envelope: TransactionEnvelope = { environment: target.id, payload }
    // Let the thread's other work (requests to the real environment) go first.
    await new Promise((resolve) => setImmediate(resolve))
    await environment.checkTransaction(envelope)
    const { receipts } = await environment.runBlock({
      context: { height, timestamp: timestamp + height, parentHash: `0x${'00'.repeat(32)}`, gasLimit: 30_000_000n },
      deliveries: [],
      transactions: [envelope],
    })
    await environment.commit()
    const receipt = receipts[0]
    const status = receipt?.status ?? 'missing'
    statuses[status] = (statuses[status] ?? 0) + 1
    return receipt
  }
  try {
    let contract: Address | undefined
    for (let round = 0; round < rounds; round++) {
      await send(`0x${(0x1000 + round).toString(16).padStart(40, '0')}` as Address, new Uint8Array(0), 21_000n, 1n)
      if (round % 5 === 0) contract = (await send(undefined, PRIMING_CONTRACT_INITCODE, 200_000n))?.contractAddress ?? contract
      if (contract === undefined) continue
      const amount = new Uint8Array(32)
      amount[31] = round + 1
      await send(contract, amount, 100_000n)
      await send(contract, new Uint8Array(0), 100_000n)
      if (round % 5 === 0) {
        await environment.query({ method: 'call', from: sender, to: contract, data: amount })
        await environment.query({ method: 'estimate_gas', from: sender, to: contract, data: amount })
      }
    }
  } finally {
    await environment.close()
  }
  return { transactions: Number(nonce), statuses }
}
