import { show } from '../canonical.js'
import { defineCase, type CaseContext } from '../define-case.js'

export const limitsAreWellFormed = defineCase({
  name: 'limits/are-well-formed',
  description: 'limits are positive whole numbers and a transaction may never ask for more gas than a block holds',
  async run(context: CaseContext) {
    const { limits } = (await context.open()).environment
    const wholeNumber = (value: number) => Number.isSafeInteger(value) && value >= 0
    context.check(
      limits.transactionGasLimit > 0n &&
        limits.transactionGasLimit <= limits.blockGasLimit &&
        wholeNumber(limits.maxTransactionBytes) &&
        limits.maxTransactionBytes > 0 &&
        wholeNumber(limits.maxCallDepth) &&
        limits.maxCallDepth >= 1 &&
        wholeNumber(limits.maxMessagesPerTransaction) &&
        Object.values(limits.vm).every(wholeNumber),
      {
        expected: '0 < transactionGasLimit <= blockGasLimit (bigint), maxTransactionBytes > 0, maxCallDepth >= 1, every count a whole number',
        actual: show(limits),
        hint: 'report the limits your VM really enforces, as ResourceLimits documents them',
      },
    )
  },
})
