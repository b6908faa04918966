import type { CaseDefinition } from '../define-case.js'
import { assetTransferCreditsTheReceiver } from './asset-transfer-credits-the-receiver.js'
import { beginBlockAtWrongHeight } from './begin-block-at-wrong-height.js'
import { blockGasIsEnforced } from './block-gas-is-enforced.js'
import { checkTransactionExecutesNothing } from './check-transaction-executes-nothing.js'
import { closedEnvironmentThrows } from './closed-environment-throws.js'
import { contractCallRunsAndAcknowledges } from './contract-call-runs-and-acknowledges.js'
import { deliverAfterExecuteThrows } from './deliver-after-execute-throws.js'
import { emptyBlocksKeepState } from './empty-blocks-keep-state.js'
import { errorAckRefundsTheSender } from './error-ack-refunds-the-sender.js'
import { freshInstanceIsAtGenesis } from './fresh-instance-is-at-genesis.js'
import { limitsAreWellFormed } from './limits-are-well-formed.js'
import { methodsOutsideABlockThrow } from './methods-outside-a-block-throw.js'
import { outOfGasChargesTheLimit } from './out-of-gas-charges-the-limit.js'
import { outcomesUseTheUnifiedVocabulary } from './outcomes-use-the-unified-vocabulary.js'
import { overGasLimitIsRejected } from './over-gas-limit-is-rejected.js'
import { oversizedTransactionIsRejected } from './oversized-transaction-is-rejected.js'
import { queryReadsCommittedState } from './query-reads-committed-state.js'
import { restartResumesFromTheStore } from './restart-resumes-from-the-store.js'
import { revertChangesNoState } from './revert-changes-no-state.js'
import { rollbackDiscardsAnOpenBlock } from './rollback-discards-an-open-block.js'
import { rollbackToACommittedHeight } from './rollback-to-a-committed-height.js'
import { runBlockEqualsSteps } from './run-block-equals-steps.js'
import { sameBlocksSameResults } from './same-blocks-same-results.js'
import { sendAssetEmitsOneMessage } from './send-asset-emits-one-message.js'
import { sendThenFailEmitsNothing } from './send-then-fail-emits-nothing.js'
import { stateSyncMirrorIsReadOnly } from './state-sync-mirror-is-read-only.js'
import { successAckRefundsNothing } from './success-ack-refunds-nothing.js'
import { timeoutRefundsTheSender } from './timeout-refunds-the-sender.js'
import { unknownBodyIsRejected } from './unknown-body-is-rejected.js'
import { unsupportedKindsAreRejected } from './unsupported-kinds-are-rejected.js'
import { wrongDestinationIsRejected } from './wrong-destination-is-rejected.js'

/**
 * Every case, in the order a new adapter tends to make them pass: lifecycle first, then
 * execution, failures, limits, rollback and restart, then messages.
 */
export const ALL_CASES: readonly CaseDefinition[] = Object.freeze([
  freshInstanceIsAtGenesis,
  methodsOutsideABlockThrow,
  beginBlockAtWrongHeight,
  deliverAfterExecuteThrows,
  closedEnvironmentThrows,
  runBlockEqualsSteps,
  emptyBlocksKeepState,
  checkTransactionExecutesNothing,
  queryReadsCommittedState,
  sameBlocksSameResults,
  outcomesUseTheUnifiedVocabulary,
  revertChangesNoState,
  outOfGasChargesTheLimit,
  sendThenFailEmitsNothing,
  limitsAreWellFormed,
  overGasLimitIsRejected,
  blockGasIsEnforced,
  oversizedTransactionIsRejected,
  rollbackToACommittedHeight,
  rollbackDiscardsAnOpenBlock,
  restartResumesFromTheStore,
  sendAssetEmitsOneMessage,
  assetTransferCreditsTheReceiver,
  errorAckRefundsTheSender,
  timeoutRefundsTheSender,
  successAckRefundsNothing,
  unknownBodyIsRejected,
  wrongDestinationIsRejected,
  unsupportedKindsAreRejected,
  contractCallRunsAndAcknowledges,
  stateSyncMirrorIsReadOnly,
])
