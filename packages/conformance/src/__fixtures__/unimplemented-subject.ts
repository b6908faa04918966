// A subject whose environment implements nothing: every method throws UnsupportedError, as
// a freshly scaffolded adapter does. The kit must fail it case by case with "implement" hints.
import { UnsupportedError, type ExecutionEnvironment } from '@bulkhead/core'
import type { ConformanceSubject } from '../conformance-subject.js'

const todo = (method: string) => async (): Promise<never> => {
  throw new UnsupportedError(`${method}() is not implemented yet`)
}

export function createUnimplementedEnvironment(): ExecutionEnvironment {
  return {
    specificationVersion: 'v1',
    id: 'unimplemented',
    vm: 'unimplemented',
    limits: { transactionGasLimit: 1_000n, blockGasLimit: 1_000n, maxTransactionBytes: 16, maxCallDepth: 1, maxMessagesPerTransaction: 0, vm: {} },
    capabilities: { receives: [], sends: [], denoms: ['unit'] },
    head: todo('head'),
    health: todo('health'),
    checkTransaction: todo('checkTransaction'),
    beginBlock: todo('beginBlock'),
    deliver: todo('deliver'),
    execute: todo('execute'),
    endBlock: todo('endBlock'),
    commit: todo('commit'),
    rollback: todo('rollback'),
    runBlock: todo('runBlock'),
    query: todo('query'),
    close: async () => {},
  }
}

export const unimplementedSubject: ConformanceSubject = {
  name: 'unimplemented',
  create: async () => createUnimplementedEnvironment(),
  fixtures: {
    sender: `0x${'11'.repeat(20)}`,
    denom: 'unit',
    deploy: async () => ({ environment: 'unimplemented', payload: Uint8Array.of(1) }),
    succeed: async () => ({ environment: 'unimplemented', payload: Uint8Array.of(2) }),
    revert: async () => ({ environment: 'unimplemented', payload: Uint8Array.of(3) }),
    exhaustGas: async () => ({ transaction: { environment: 'unimplemented', payload: Uint8Array.of(4) }, gasLimit: 100n }),
    readState: async () => undefined,
    inbound: { assetReceiver: `0x${'22'.repeat(20)}` },
  },
}
