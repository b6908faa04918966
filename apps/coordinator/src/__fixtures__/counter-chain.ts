// A two-environment chain of counter VMs (the example adapter) behind a real router, for node tests.
import { signDigest, type Address, type KeyValueStore, type TransactionEnvelope } from '@bulkhead/core'
import { encodeSignedGovernanceTransaction, governanceSigningHash, type GovernanceAction } from '@bulkhead/proto'
import { createEnvironment, encodeCounterTransaction, type CounterTransaction } from '@bulkhead/example-counter-adapter'
import { parseGenesis } from '../genesis/parse-genesis.js'
import { openChain } from '../node/open-chain.js'

/** The first account of the test mnemonic; also the chain's governance key. */
export const alice = '0xf39fd6e51aad88f6f4ce6ab8827279cfffb92266' as Address
const aliceKey = '0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80'
export const bob = '0x70997970c51812dc3a010c7d01b50e0d17dc79c8' as Address
export const DENOM = 'ucount'

export const genesisDocument = {
  chainId: 31337,
  nativeDenom: DENOM,
  defaultMessageTimeout: 5,
  blockGasLimit: 10_000_000,
  governance: [alice],
  environments: [
    { id: 'alpha', vm: 'counter', allocations: { [alice]: '1000000000' } },
    { id: 'beta', vm: 'counter', allocations: { [bob]: '1000000000' } },
  ],
}


/** Opens the chain over `store` (environments in their own namespaces, the node in `chain`). */
export async function openCounterChain(store: KeyValueStore, document: unknown = genesisDocument) {
  const genesis = parseGenesis(document, { knownVMs: ['counter'] })
  let clock = 1_700_000_000n
  const { node, router } = await openChain({ genesis, store, factoryFor: () => createEnvironment, clock: () => clock++ })
  return { node, router, genesis }
}

/** A counter transaction addressed to `environment`. */
export function counterTransaction(environment: string, transaction: CounterTransaction): TransactionEnvelope {
  return { environment, payload: encodeCounterTransaction(transaction) }
}

/** A governance transaction signed by alice, the fixture chain's governance key. */
export function governanceTransaction(nonce: bigint, action: GovernanceAction, chainId = 31337n): TransactionEnvelope {
  const transaction = { chainId, nonce, action }
  const signature = signDigest(governanceSigningHash(transaction), aliceKey)
  return { environment: 'governance', payload: encodeSignedGovernanceTransaction({ transaction, signature }) }
}
