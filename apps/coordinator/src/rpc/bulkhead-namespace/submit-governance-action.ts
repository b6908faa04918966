import { privateKeyToAddress, signDigest } from '@bulkhead/core'
import { encodeSignedGovernanceTransaction, governanceSigningHash, type GovernanceAction } from '@bulkhead/proto'
import { GOVERNANCE_ENVIRONMENT } from '../../governance/governance-state.js'
import { JsonRpcError, RPC_ERROR } from '../json-rpc-error.js'
import type { BulkheadNamespaceContext } from './bulkhead-namespace-context.js'
import { submitAndMine, type Submission } from './submit-and-mine.js'

/**
 * Signs `action` with the node's governance key at that key's next nonce, submits it and
 * mines: admin methods go through governance like any other governance transaction, so they
 * are in the audit log and replay the same way.
 */
export async function submitGovernanceAction(context: BulkheadNamespaceContext, method: string, action: GovernanceAction): Promise<Submission> {
  const key = context.governanceKey
  if (key === undefined) {
    throw new JsonRpcError(RPC_ERROR.methodNotFound, `The method ${method} is not available: this node was started without a governance key`)
  }
  const signer = privateKeyToAddress(key)
  const transaction = { chainId: context.genesis.chainId, nonce: context.node.governance().nonces.get(signer) ?? 0n, action }
  const signature = signDigest(governanceSigningHash(transaction), key)
  return submitAndMine(context, { environment: GOVERNANCE_ENVIRONMENT, payload: encodeSignedGovernanceTransaction({ transaction, signature }) })
}
