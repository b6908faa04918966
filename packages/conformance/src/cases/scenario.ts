// The block script determinism, runBlock and restart cases replay on several instances.
import type { BlockOutput, InboundDelivery, TransactionEnvelope } from '@bulkhead/core'
import type { CaseContext } from '../define-case.js'
import type { Harness } from '../harness.js'
import { REMOTE_ACCOUNT, inboundMessage } from './shared.js'

export interface ScenarioBlock {
  readonly deliveries: readonly InboundDelivery[]
  readonly transactions: readonly TransactionEnvelope[]
}

/**
 * Builds the blocks after the deploy: every fixture the subject has, and an inbound asset
 * transfer when the environment receives them. Built on `harness` (for nonces and the
 * contract address) and then replayed elsewhere, so every instance sees the same bytes.
 */
export async function buildScenario(context: CaseContext, harness: Harness): Promise<ScenarioBlock[]> {
  const { fixtures } = context.subject
  const second: TransactionEnvelope[] = [
    await harness.build(fixtures.succeed),
    await harness.build(fixtures.revert),
    (await fixtures.exhaustGas(await harness.nextTransaction())).transaction,
  ]
  if (fixtures.sendThenFail) second.push(await harness.build(fixtures.sendThenFail))
  if (fixtures.sendAsset) second.push((await fixtures.sendAsset(await harness.nextTransaction())).transaction)
  second.push(await harness.build(fixtures.succeed))
  const deliveries: InboundDelivery[] = harness.environment.capabilities.receives.includes('asset_transfer')
    ? [
        {
          kind: 'message',
          message: inboundMessage(context, harness, {
            kind: 'asset_transfer',
            denom: fixtures.denom,
            amount: 1_000n,
            sender: REMOTE_ACCOUNT,
            receiver: fixtures.inbound.assetReceiver,
            memo: 'conformance',
          }),
        },
      ]
    : []
  return [{ deliveries, transactions: second }]
}

/** Runs and commits the blocks on `harness`, returning each block's output. */
export async function replay(harness: Harness, blocks: readonly ScenarioBlock[]): Promise<BlockOutput[]> {
  const outputs: BlockOutput[] = []
  for (const block of blocks) outputs.push(await harness.commitBlock(block))
  return outputs
}
