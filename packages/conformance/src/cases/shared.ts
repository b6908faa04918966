// Helpers several cases share: building inbound messages as the coordinator would, and
// reading the sender's side of a sent asset.
import type { Address, EndBlockResult, Hash, Hex, OutboundBody, Receipt, SentMessage } from '@bulkhead/core'
import type { CaseContext } from '../define-case.js'
import type { Harness } from '../harness.js'
import { show } from '../canonical.js'

export const DEFAULT_REMOTE = 'conformance-remote'

/** An account in the remote environment (20 bytes, so every codec can carry it). */
export const REMOTE_ACCOUNT: Address = `0x${'ab'.repeat(20)}`

/** A transaction hash in the remote environment that produced an inbound message. */
export const REMOTE_ORIGIN: Hash = `0x${'cd'.repeat(32)}`

export function remoteOf(context: CaseContext): string {
  return context.subject.remoteEnvironment ?? DEFAULT_REMOTE
}

/** A committed message from the remote environment to the environment under test. */
export function inboundMessage(
  context: CaseContext,
  harness: Harness,
  body: OutboundBody,
  overrides: { readonly sequence?: bigint; readonly destination?: string } = {},
): SentMessage {
  return {
    source: remoteOf(context),
    destination: overrides.destination ?? harness.environment.id,
    sequence: overrides.sequence ?? 1n,
    timeoutHeight: 1_000n,
    originTransaction: REMOTE_ORIGIN,
    body,
  }
}

export function requireReceives(context: CaseContext, kind: 'asset_transfer' | 'contract_call' | 'state_sync', harness: Harness): void {
  if (!harness.environment.capabilities.receives.includes(kind)) {
    context.skip(`capabilities.receives does not include ${kind}`)
  }
}

export function describeReceipt(receipt: Receipt | undefined): string {
  if (receipt === undefined) return 'no receipt'
  return `status ${receipt.status}${receipt.reason ? ` (${receipt.reason})` : ''}, gasUsed ${receipt.gasUsed}, messageCount ${receipt.messageCount}, ${receipt.events.length} events`
}

/** The one receipt of a one-transaction block, failing the case if the count is wrong. */
export function onlyReceipt(context: CaseContext, receipts: readonly Receipt[]): Receipt {
  context.check(receipts.length === 1, {
    expected: 'execute returns one receipt per transaction',
    actual: `${receipts.length} receipts for 1 transaction`,
    hint: 'return exactly one receipt per transaction, rejected ones included, in input order',
  })
  return receipts[0] as Receipt
}

/**
 * The conservation rule one environment can check alone: supply after a block equals supply
 * before, plus what arrived, minus what left, plus minted, minus burned by rule.
 */
export function checkSupply(
  context: CaseContext,
  denom: string,
  before: bigint,
  end: EndBlockResult,
  change: bigint,
  what: string,
): void {
  const after = end.supply[denom] ?? 0n
  const expected = before + change + (end.mintedByRule[denom] ?? 0n) - (end.burnedByRule[denom] ?? 0n)
  context.check(after === expected, {
    expected: `supply of ${denom} after ${what} = before + (${change}) + mintedByRule - burnedByRule = ${expected}`,
    actual: `supply ${after} (before ${before}, minted ${end.mintedByRule[denom] ?? 0n}, burned ${end.burnedByRule[denom] ?? 0n})`,
    hint: 'measure `supply` from state, and report every amount your rules create or destroy (fees burned) in mintedByRule/burnedByRule',
  })
}

export async function balanceOf(harness: Harness, address: Hex): Promise<bigint> {
  return harness.environment.query({ method: 'balance', address, denom: harness.subject.fixtures.denom })
}

/** Fails unless the contract's observable state is unchanged. */
export function checkUnchanged(context: CaseContext, before: string, after: string, what: string): void {
  context.check(before === after, {
    expected: `${what} leaves the contract's state unchanged`,
    actual: `readState went from ${before} to ${after}`,
    hint: 'run each transaction against a journal (a copy-on-write overlay) and drop it unless the status is ok; charge gas to the sender only',
  })
}

export { show }
