// The kit is only worth something if it fails broken adapters. Each test here breaks the
// counter environment in one way a real adapter could, and checks that the case guarding
// that guarantee fails with a message that says what to fix.
import { runConformanceSuite, type ConformanceSubject } from '@bulkhead/conformance'
import type { BlockOutput, ExecutionEnvironment, Receipt } from '@bulkhead/core'
import { describe, expect, it } from 'vitest'
import { counterSubject } from './conformance-subject.js'

/** The counter subject with every environment it creates passed through `breakIt`. */
function broken(breakIt: (environment: ExecutionEnvironment) => Partial<ExecutionEnvironment>): ConformanceSubject {
  return {
    ...counterSubject,
    create: async (options) => {
      const environment = await counterSubject.create(options)
      const overrides = breakIt(environment)
      // Keep methods bound to the original and route runBlock through the overrides.
      const wrapped: ExecutionEnvironment = Object.assign(Object.create(environment) as ExecutionEnvironment, overrides)
      if (!('runBlock' in overrides)) {
        wrapped.runBlock = async (input) => {
          await wrapped.beginBlock(input.context)
          const deliveries = await wrapped.deliver(input.deliveries)
          const receipts = await wrapped.execute(input.transactions)
          return { deliveries, receipts, end: await wrapped.endBlock() } satisfies BlockOutput
        }
      }
      return wrapped
    },
  }
}

async function verdict(subject: ConformanceSubject, name: string) {
  const [result] = await runConformanceSuite(subject, { only: [name] })
  return result
}

const mapReceipts = (environment: ExecutionEnvironment, change: (receipt: Receipt) => Receipt): Partial<ExecutionEnvironment> => ({
  execute: async (transactions) => (await environment.execute(transactions)).map(change),
})

describe('the conformance kit catches broken adapters', () => {
  it('passes the unbroken counter', async () => {
    expect((await verdict(counterSubject, 'failures/out-of-gas-charges-exactly-the-limit'))?.status).toBe('passed')
  })

  it('fails an out-of-gas receipt that does not charge the whole limit', async () => {
    const subject = broken((environment) => mapReceipts(environment, (receipt) => (receipt.status === 'out_of_gas' ? { ...receipt, gasUsed: receipt.gasUsed - 1n } : receipt)))
    const result = await verdict(subject, 'failures/out-of-gas-charges-exactly-the-limit')
    expect(result?.status).toBe('failed')
    expect(result?.status === 'failed' && result.failure.message).toMatch(/gasUsed equals the gas limit \(50000\)[\s\S]*actual: +gasUsed 49999[\s\S]*to fix/)
  })

  it('fails a status outside the unified vocabulary', async () => {
    const subject = broken((environment) => mapReceipts(environment, (receipt) => (receipt.status === 'reverted' ? { ...receipt, status: 'failed' as Receipt['status'] } : receipt)))
    const result = await verdict(subject, 'status/outcomes-use-the-unified-vocabulary')
    expect(result?.status === 'failed' && result.failure.observation).toMatch(/"failed" is not in the vocabulary/)
  })

  it('fails an execute that does not check the block phase', async () => {
    const subject = broken((environment) => ({
      execute: async (transactions) => environment.execute(transactions).catch(() => []),
    }))
    const result = await verdict(subject, 'lifecycle/methods-outside-a-block-throw-block-phase')
    expect(result?.status === 'failed' && result.failure.message).toMatch(/execute\(\) before beginBlock\(\) throws BLOCK_PHASE[\s\S]*resolved without throwing[\s\S]*BlockPhaseError/)
  })

  it('fails a message that survives a failed transaction', async () => {
    const subject = broken((environment) => {
      let leaked: Receipt | undefined
      return {
        execute: async (transactions) => {
          const receipts = await environment.execute(transactions)
          leaked = receipts.find((receipt) => receipt.status === 'reverted')
          return receipts
        },
        endBlock: async () => {
          const end = await environment.endBlock()
          if (leaked === undefined) return end
          const body = { kind: 'asset_transfer', denom: 'ucount', amount: 500n, sender: counterSubject.fixtures.sender, receiver: counterSubject.fixtures.sender, memo: '' } as const
          return { ...end, messages: [...end.messages, { destination: 'evm', timeoutHeight: 0n, originTransaction: leaked.transactionHash, body }] }
        },
      }
    })
    const result = await verdict(subject, 'failures/send-then-fail-emits-no-message')
    expect(result?.status === 'failed' && result.failure.hint).toMatch(/journal/)
  })

  it('fails a nondeterministic state root', async () => {
    const subject = broken((environment) => {
      const salt = Math.random().toString(16).slice(2).padStart(16, '0').slice(0, 16)
      return { endBlock: async () => ({ ...(await environment.endBlock()), stateRoot: `0x${salt}${'0'.repeat(48)}` }) }
    })
    const result = await verdict(subject, 'determinism/same-blocks-same-results')
    expect(result?.status === 'failed' && result.failure.observation).toMatch(/first: .*\nsecond: /)
  })

  it('fails a rollback that only moves the head pointer', async () => {
    const subject = broken((environment) => ({
      rollback: async (height) => {
        const head = await environment.rollback()
        return height === undefined ? head : { height, stateRoot: head.stateRoot }
      },
    }))
    expect((await verdict(subject, 'rollback/restores-a-committed-height'))?.status).toBe('failed')
  })

  it('fails an error acknowledgement that refunds nothing', async () => {
    const subject = broken((environment) => ({
      deliver: async (deliveries) => (await environment.deliver(deliveries)).map((result) => ({ ...result, refunded: 0n })),
    }))
    const result = await verdict(subject, 'inbound/error-ack-refunds-the-sender')
    expect(result?.status === 'failed' && result.failure.expectation).toBe('delivery status ok with refunded = 500')
  })

  it('fails an unknown body that is acknowledged instead of rejected', async () => {
    const subject = broken((environment) => ({
      deliver: async (deliveries) =>
        (await environment.deliver(deliveries)).map((result) => (result.status === 'rejected' ? { status: 'ok' as const, gasUsed: 0n, events: [] } : result)),
    }))
    expect((await verdict(subject, 'inbound/unknown-body-is-rejected'))?.status).toBe('failed')
  })

  it('fails limits that are not the ones enforced', async () => {
    const subject = broken((environment) => ({ limits: { ...environment.limits, transactionGasLimit: 60_000n } }))
    const result = await verdict(subject, 'limits/over-transaction-gas-limit-is-rejected')
    expect(result?.status === 'failed' && result.failure.expectation).toMatch(/checkTransaction rejects a gas limit of 60001/)
  })

  it('turns an UnsupportedError into an "implement" hint', async () => {
    const subject = broken(() => ({
      head: async () => {
        const { UnsupportedError } = await import('@bulkhead/core')
        throw new UnsupportedError('head() is not implemented yet: return the committed height and root')
      },
    }))
    const result = await verdict(subject, 'lifecycle/fresh-instance-is-at-genesis')
    expect(result?.status === 'failed' && result.failure.hint).toBe('implement what the error names: head() is not implemented yet: return the committed height and root')
  })
})
