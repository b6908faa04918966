import { hexToBytes } from '@bulkhead/core'
import { createBlock } from '@ethereumjs/block'
import { Mainnet, createCustomCommon } from '@ethereumjs/common'
import { MerkleStateManager } from '@ethereumjs/statemanager'
import { createTxFromRLP } from '@ethereumjs/tx'
import { Account, createAddressFromString } from '@ethereumjs/util'
import { createVM, runTx } from '@ethereumjs/vm'
import { type Abi, type Hex, encodeDeployData, encodeFunctionData, parseEther } from 'viem'
import { describe, expect, it } from 'vitest'
import { alice, bob, carol, contextAt, contracts, genesis, sign } from './__fixtures__/test-chain.js'
import { XENV_RUNTIME_CODE } from './ixenv/xenv-artifact.js'
import { XENV_ADDRESS, createEVMEnvironment } from './index.js'

const tokenAbi = contracts.Token.abi as Abi

describe(createEVMEnvironment.name, () => {
  it('computes the same state roots as plain @ethereumjs runTx with default settings', async () => {
    const token = '0x5fbdb2315678afecb367f032d93f642f64180aa3' // CREATE(alice, 0)
    const blocks: Uint8Array[][] = [
      [await sign(alice, { nonce: 0, data: encodeDeployData({ abi: tokenAbi, bytecode: contracts.Token.bytecode as Hex, args: ['T', 'T', 1_000n] }), gas: 2_000_000n })],
      [
        await sign(alice, { nonce: 1, to: token, data: encodeFunctionData({ abi: tokenAbi, functionName: 'transfer', args: [bob.address, 5n] }), gas: 100_000n }),
        await sign(bob, { nonce: 0, to: token, data: encodeFunctionData({ abi: tokenAbi, functionName: 'transfer', args: [carol.address, 9n] }), gas: 100_000n }),
        await sign(bob, { nonce: 1, to: carol.address, value: 1n, gas: 21_000n, type: 'legacy' }),
      ],
    ]
    const env = await createEVMEnvironment({ genesis, logger: () => {} })
    const ours: string[] = []
    for (const [index, payloads] of blocks.entries()) {
      const { end } = await env.runBlock({ context: contextAt(BigInt(index + 1)), deliveries: [], transactions: payloads.map((payload) => ({ environment: 'evm', payload })) })
      await env.commit()
      ours.push(end.stateRoot)
    }

    // The reference: stock ethereumjs (noble crypto, default trie, runTx per transaction).
    const common = createCustomCommon({ chainId: 31337 }, Mainnet, { hardfork: 'prague' })
    const stateManager = new MerkleStateManager({ common })
    for (const account of [alice, bob]) {
      await stateManager.putAccount(createAddressFromString(account.address), new Account(0n, parseEther('1000')))
    }
    await stateManager.putAccount(createAddressFromString(XENV_ADDRESS), new Account(1n, 0n))
    await stateManager.putCode(createAddressFromString(XENV_ADDRESS), hexToBytes(XENV_RUNTIME_CODE))
    const vm = await createVM({ common, stateManager })
    const theirs: string[] = []
    for (const [index, payloads] of blocks.entries()) {
      const context = contextAt(BigInt(index + 1))
      const block = createBlock(
        { header: { number: context.height, timestamp: context.timestamp, gasLimit: context.gasLimit, baseFeePerGas: 1_000_000_000n, mixHash: hexToBytes(context.parentHash) } },
        { common },
      )
      let gasUsed = 0n
      for (const payload of payloads) {
        const result = await runTx(vm, { tx: createTxFromRLP(payload, { common }), block, blockGasUsed: gasUsed })
        gasUsed += result.totalGasSpent
      }
      theirs.push(`0x${Buffer.from(await stateManager.getStateRoot()).toString('hex')}`)
    }
    expect(ours).toEqual(theirs)
  })
})
