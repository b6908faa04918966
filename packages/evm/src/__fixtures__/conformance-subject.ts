// The EVM environment as a subject of @bulkhead/conformance, using the Probe test contract.
import type { ConformanceSubject, TransactionContext } from '@bulkhead/conformance'
import { hexToBytes, type Hex, type TransactionEnvelope } from '@bulkhead/core'
import { encodeFunctionData } from 'viem'
import { createEVMEnvironment } from '../create-evm-environment.js'
import { alice, contracts, genesis, sign } from './test-chain.js'

const probe = contracts.Probe
const receiver = `0x${'22'.repeat(20)}` as const
const OUT_OF_GAS_LIMIT = 60_000n

async function transaction(context: TransactionContext, data: Hex, options: { value?: bigint; gas?: bigint; deploy?: boolean } = {}): Promise<TransactionEnvelope> {
  const payload = await sign(alice, {
    nonce: Number(context.nonce),
    data,
    ...(options.deploy ? {} : { to: context.contract }),
    ...(options.value === undefined ? {} : { value: options.value }),
    ...(options.gas === undefined ? {} : { gas: options.gas }),
  })
  return { environment: 'evm', payload }
}

const call = (functionName: string, args: readonly unknown[] = []) =>
  encodeFunctionData({ abi: probe.abi, functionName, args } as Parameters<typeof encodeFunctionData>[0])

export const evmSubject: ConformanceSubject = {
  name: 'evm',
  create: ({ store }) => createEVMEnvironment({ store, genesis }),
  fixtures: {
    sender: alice.address.toLowerCase() as Hex,
    denom: 'wei',
    deploy: (context) => transaction(context, probe.bytecode as Hex, { deploy: true }),
    succeed: (context) => transaction(context, call('store', [context.nonce + 1n])),
    withGasLimit: (context, gasLimit) => transaction(context, call('store', [context.nonce + 1n]), { gas: gasLimit }),
    revert: (context) => transaction(context, call('fail')),
    exhaustGas: async (context) => ({ transaction: await transaction(context, call('burn'), { gas: OUT_OF_GAS_LIMIT }), gasLimit: OUT_OF_GAS_LIMIT }),
    sendThenFail: (context) => transaction(context, call('sendThenRevert', ['wasm', receiver]), { value: 1_000n }),
    sendAsset: async (context) => ({
      transaction: await transaction(context, call('send', ['wasm', receiver]), { value: 1_000n }),
      amount: 1_000n,
      destination: 'wasm',
    }),
    readState: (environment, contract) => environment.query({ method: 'storage', address: contract, key: new Uint8Array(32) }),
    inbound: {
      assetReceiver: receiver,
      contractCall: () => hexToBytes(call('store', [77n])),
    },
  },
}

