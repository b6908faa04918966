import type { AssetTransfer, ExecutionEnvironment, InboundDelivery, OutboundMessage, SentMessage } from '@bulkhead/core'
import { InvalidArgumentError, bytesToHex, hexToBytes } from '@bulkhead/core'
import { type Abi, type Hex, decodeFunctionResult, encodeFunctionData, keccak256, parseEther, toHex } from 'viem'
import { beforeEach, describe, expect, it } from 'vitest'
import { alice, bob, carol, contextAt, contracts, genesis, mine, sign } from './__fixtures__/test-chain.js'
import { XENV_ABI, XENV_ADDRESS, createEVMEnvironment } from './index.js'

const probeAbi = contracts.Probe.abi as Abi
const xenvAbi = XENV_ABI as unknown as Abi
const ZERO = '0x0000000000000000000000000000000000000000'

let env: ExecutionEnvironment
let probe: Hex
let nonce: number

async function send(data: Hex, value = 0n, to: Hex = probe, gas = 500_000n) {
  const { receipts, end } = await mine(env, [await sign(alice, { nonce: nonce++, to, data, value, gas })])
  return { receipt: receipts[0], end }
}

async function balance(address: Hex) {
  return env.query({ method: 'balance', address })
}

/** Every account that can hold value in these tests: supply must equal their sum. */
async function measuredSupply() {
  let total = 0n
  for (const address of [alice.address, bob.address, carol.address, ZERO, XENV_ADDRESS, probe] as Hex[]) {
    total += await balance(address)
  }
  return total
}

function sent(body: SentMessage['body'], overrides: Partial<SentMessage> = {}): SentMessage {
  return { source: 'wasm', destination: 'evm', sequence: 1n, timeoutHeight: 100n, originTransaction: `0x${'11'.repeat(32)}`, body, ...overrides }
}

/** An outbound message as the coordinator commits it: on the channel evm -> its destination. */
function asSent(message: OutboundMessage, sequence = 1n): SentMessage {
  return { ...message, source: 'evm', sequence, timeoutHeight: 50n } as SentMessage
}

beforeEach(async () => {
  env = await createEVMEnvironment({ genesis, logger: () => {} })
  const { receipts } = await mine(env, [await sign(alice, { nonce: 0, data: contracts.Probe.bytecode as Hex, gas: 3_000_000n })])
  probe = receipts[0]?.contractAddress as Hex
  nonce = 1
})

describe(createEVMEnvironment.name, () => {
  describe('outbound messages', () => {
    it('sendAsset becomes an AssetTransfer at endBlock and its value leaves the supply', async () => {
      const supplyBefore = await measuredSupply()
      const receiver = '0x00000000000000000000000000000000000000000000000000000000000000ab' // 32 bytes: another VM's address
      const data = encodeFunctionData({ abi: probeAbi, functionName: 'send', args: ['wasm', receiver] })
      const { receipt, end } = await send(data, parseEther('1'))
      expect(receipt?.status).toBe('ok')
      expect(receipt?.messageCount).toBe(1)
      expect(end.messages).toEqual([
        {
          destination: 'wasm',
          timeoutHeight: 0n,
          originTransaction: receipt?.transactionHash,
          body: { kind: 'asset_transfer', denom: 'wei', amount: parseEther('1'), sender: probe, receiver, memo: 'probe' },
        },
      ])
      // Burned out of XEnv: nothing stays behind, supply drops by value + base fee.
      expect(await balance(XENV_ADDRESS)).toBe(0n)
      const burned = end.burnedByRule['wei'] ?? 0n
      expect(end.supply['wei']).toBe(supplyBefore - parseEther('1') - burned)
      expect(await measuredSupply()).toBe(end.supply['wei'])
    })

    it('a transaction that sends then reverts leaves no message and moves no value', async () => {
      const before = await balance(alice.address)
      const data = encodeFunctionData({ abi: probeAbi, functionName: 'sendThenRevert', args: ['wasm', alice.address] })
      const { receipt, end } = await send(data, parseEther('1'))
      expect(receipt?.status).toBe('reverted')
      expect(receipt?.reason).toBe('revert: Probe: undone')
      expect(receipt?.messageCount).toBe(0)
      expect(end.messages).toEqual([])
      expect(await balance(XENV_ADDRESS)).toBe(0n)
      expect(await balance(alice.address)).toBe(before - (receipt?.gasUsed ?? 0n) * 2_000_000_000n)
    })

    it('a send inside a reverted inner frame leaves no message though the transaction succeeds', async () => {
      const before = await balance(probe)
      const data = encodeFunctionData({ abi: probeAbi, functionName: 'sendInRevertedFrame', args: ['wasm', alice.address] })
      const { receipt, end } = await send(data, 5n)
      expect(receipt?.status).toBe('ok')
      expect(end.messages).toEqual([])
      expect(await balance(XENV_ADDRESS)).toBe(0n)
      // The value came back from the reverted frame and stayed with the probe.
      expect(await balance(probe)).toBe(before + 5n)
      expect(await measuredSupply()).toBe(end.supply['wei'])
    })

    it('callContract and publishState become ContractCall and versioned StateSync messages', async () => {
      const target = '0x00000000000000000000000000000000000000000000000000000000000000cd'
      const call = await send(encodeFunctionData({ abi: probeAbi, functionName: 'call', args: ['wasm', target, '0xc0ffee'] }))
      expect(call.end.messages).toEqual([
        expect.objectContaining({
          destination: 'wasm',
          body: { kind: 'contract_call', sender: probe, contract: target, data: hexToBytes('0xc0ffee'), gasLimit: 100_000n },
        }),
      ])
      const publish = (value: Hex) => encodeFunctionData({ abi: probeAbi, functionName: 'publish', args: ['wasm', toHex('price'), value] })
      const first = await send(publish('0x01'))
      const second = await send(publish('0x02'))
      expect(first.end.messages[0]?.body).toEqual({ kind: 'state_sync', publisher: probe, key: hexToBytes(toHex('price')), value: hexToBytes('0x01'), version: 1n })
      expect(second.end.messages[0]?.body).toMatchObject({ version: 2n, value: hexToBytes('0x02') })
    })

    it('XEnv refuses destinations that are not environment ids, plain transfers and zero amounts', async () => {
      const bad = await send(encodeFunctionData({ abi: probeAbi, functionName: 'send', args: ['Not An Id', alice.address] }), 1n)
      expect(bad.receipt?.reason).toBe('revert: XEnv: bad destination')
      const plain = await send('0x', 1n, XENV_ADDRESS, 50_000n)
      expect(plain.receipt?.status).toBe('reverted')
      const zero = await send(encodeFunctionData({ abi: probeAbi, functionName: 'send', args: ['wasm', alice.address] }), 0n)
      expect(zero.receipt?.reason).toBe('revert: XEnv: zero amount')
    })

    it('at most 64 messages per transaction: the 65th reverts the transaction', async () => {
      const many = (count: bigint) => encodeFunctionData({ abi: probeAbi, functionName: 'callMany', args: ['wasm', count] })
      const ok = await send(many(64n), 0n, probe, 5_000_000n)
      expect(ok.receipt).toMatchObject({ status: 'ok', messageCount: 64 })
      expect(ok.end.messages).toHaveLength(64)
      const tooMany = await send(many(65n), 0n, probe, 5_000_000n)
      expect(tooMany.receipt).toMatchObject({ status: 'reverted', reason: 'revert: XEnv: too many messages in one transaction' })
      expect(tooMany.end.messages).toEqual([])
    })

    it('deep recursion fails as a whole, leaving no events or messages', async () => {
      const { receipt, end } = await send(encodeFunctionData({ abi: probeAbi, functionName: 'recurse', args: [1_100n] }), 0n, probe, 29_000_000n)
      // The deepest frame fails (gas or the depth limit) and Solidity bubbles that up as REVERT.
      expect(receipt).toMatchObject({ status: 'reverted', reason: 'revert' })
      expect(receipt?.events).toEqual([])
      expect(end.messages).toEqual([])
    })

    it('only the environment writes mirrors', async () => {
      const data = encodeFunctionData({ abi: xenvAbi, functionName: 'writeMirror', args: ['wasm', alice.address, '0x01', '0x02', 5n] })
      const { receipt } = await send(data, 0n, XENV_ADDRESS)
      expect(receipt?.reason).toBe('revert: XEnv: only the environment writes mirrors')
    })
  })

  it('supply stays the sum of all balances through a mixed block, with tips paid to the proposer', async () => {
    const earlier = await send(encodeFunctionData({ abi: probeAbi, functionName: 'send', args: ['wasm', '0x01'] }), 500n)
    const refundOf = asSent(earlier.end.messages[0] as OutboundMessage)
    const before = await measuredSupply()
    const head = await env.head()
    const { receipts, end } = await env.runBlock({
      context: { ...contextAt(head.height + 1n), proposer: carol.address.toLowerCase() as Hex },
      deliveries: [
        { kind: 'message', message: sent({ kind: 'asset_transfer', denom: 'wei', amount: 7_000n, sender: '0x01', receiver: bob.address.toLowerCase() as Hex, memo: '' }) },
        { kind: 'timeout', message: refundOf },
      ],
      transactions: [
        { environment: 'evm', payload: await sign(alice, { nonce: nonce++, to: bob.address, value: 10n, gas: 21_000n }) },
        { environment: 'evm', payload: await sign(alice, { nonce: nonce++, to: probe, value: 3_000n, data: encodeFunctionData({ abi: probeAbi, functionName: 'send', args: ['wasm', '0x02'] }) }) },
        { environment: 'evm', payload: await sign(alice, { nonce: nonce++, to: probe, value: 9n, data: encodeFunctionData({ abi: probeAbi, functionName: 'sendThenRevert', args: ['wasm', '0x02'] }) }) },
      ],
    })
    await env.commit()
    expect(receipts.map((receipt) => receipt.status)).toEqual(['ok', 'ok', 'reverted'])
    const gas = receipts.reduce((total, receipt) => total + receipt.gasUsed, 0n)
    // 1559 transactions here pay base fee 1 gwei (burned) + tip 1 gwei (to the proposer).
    expect(end.burnedByRule['wei']).toBe(gas * 1_000_000_000n)
    expect(await balance(carol.address)).toBe(gas * 1_000_000_000n)
    expect(end.supply['wei']).toBe(before + 7_000n + 500n - 3_000n - gas * 1_000_000_000n)
    expect(await measuredSupply()).toBe(end.supply['wei'])
  })

  describe('inbound deliveries', () => {
    async function deliver(deliveries: InboundDelivery[]) {
      return (await mine(env, [], deliveries)).deliveries
    }

    it('an AssetTransfer mints to a 20-byte receiver and acknowledges', async () => {
      const supplyBefore = (await env.query({ method: 'extension', name: 'block_number', params: [] })) as bigint
      expect(supplyBefore).toBe(1n)
      const before = await measuredSupply()
      const { deliveries, end } = await mine(env, [], [
        { kind: 'message', message: sent({ kind: 'asset_transfer', denom: 'wei', amount: 42n, sender: `0x${'ee'.repeat(32)}`, receiver: carol.address.toLowerCase() as Hex, memo: '' }) },
      ])
      expect(deliveries[0]).toMatchObject({ status: 'ok', acknowledgement: { success: true, error: '' } })
      expect(await balance(carol.address)).toBe(42n)
      expect(end.supply['wei']).toBe(before + 42n)
      expect(end.mintedByRule).toEqual({})
    })

    it('an AssetTransfer to a receiver that is not 20 bytes, or of another denom, fails with an error ack', async () => {
      const results = await deliver([
        { kind: 'message', message: sent({ kind: 'asset_transfer', denom: 'wei', amount: 1n, sender: alice.address, receiver: `0x${'ab'.repeat(32)}`, memo: '' }) },
        { kind: 'message', message: sent({ kind: 'asset_transfer', denom: 'uatom', amount: 1n, sender: alice.address, receiver: carol.address, memo: '' }, { sequence: 2n }) },
      ])
      expect(results[0]).toMatchObject({ status: 'reverted', acknowledgement: { success: false, error: 'receiver must be a 20-byte address; got 32 bytes' } })
      expect(results[1]).toMatchObject({ acknowledgement: { success: false, error: expect.stringMatching(/unknown denom "uatom"/) } })
      expect(await balance(carol.address)).toBe(0n)
    })

    it('a ContractCall runs from the XEnv address with its gas limit and returns the result in the ack', async () => {
      const data = hexToBytes(encodeFunctionData({ abi: probeAbi, functionName: 'store', args: [21n] }))
      const [result] = await deliver([{ kind: 'message', message: sent({ kind: 'contract_call', sender: alice.address, contract: probe, data, gasLimit: 200_000n }) }])
      expect(result?.status).toBe('ok')
      expect(result?.gasUsed).toBeGreaterThan(20_000n)
      expect(result?.events).toHaveLength(1)
      expect(decodeFunctionResult({ abi: probeAbi, functionName: 'store', data: bytesToHex(result?.acknowledgement?.result ?? new Uint8Array()) })).toBe(42n)
      const lastCaller = await env.query({ method: 'call', to: probe, data: hexToBytes(encodeFunctionData({ abi: probeAbi, functionName: 'lastCaller' })) })
      expect(bytesToHex(lastCaller.returnData)).toBe(`0x${XENV_ADDRESS.slice(2).padStart(64, '0')}`)
    })

    it('the called contract can read where an inbound call came from; nothing of it stays in state', async () => {
      const before = await env.head()
      const data = hexToBytes(encodeFunctionData({ abi: probeAbi, functionName: 'storeWithContext', args: [5n] }))
      const sender = `0x00${'ab'.repeat(31)}` as Hex // 32 bytes, leading zero byte
      const [result] = await deliver([{ kind: 'message', message: sent({ kind: 'contract_call', sender, contract: probe, data, gasLimit: 500_000n }) }])
      expect(result?.status).toBe('ok')
      const read = async (functionName: 'lastSource' | 'lastSender') =>
        decodeFunctionResult({
          abi: probeAbi,
          functionName,
          data: bytesToHex((await env.query({ method: 'call', to: probe, data: hexToBytes(encodeFunctionData({ abi: probeAbi, functionName })) })).returnData),
        })
      expect(await read('lastSource')).toBe('wasm')
      expect(await read('lastSender')).toBe(sender)
      // Outside an inbound call the context is empty.
      const outside = await env.query({ method: 'call', to: XENV_ADDRESS, data: hexToBytes(encodeFunctionData({ abi: xenvAbi, functionName: 'inboundContext' })) })
      expect(decodeFunctionResult({ abi: xenvAbi, functionName: 'inboundContext', data: bytesToHex(outside.returnData) })).toEqual(['', '0x'])
      // Only the probe's own storage changed: XEnv's context slots are gone again.
      const xenvStorage = await env.query({ method: 'storage', address: XENV_ADDRESS, key: keccak256(toHex('bulkhead.xenv.inbound.sender'), 'bytes') })
      expect(bytesToHex(xenvStorage)).toBe(`0x${'00'.repeat(32)}`)
      expect((await env.head()).stateRoot).not.toBe(before.stateRoot)
    })

    it('a failing ContractCall returns the error in the ack and changes nothing', async () => {
      const before = await env.head()
      const fail = hexToBytes(encodeFunctionData({ abi: probeAbi, functionName: 'fail' }))
      const burn = hexToBytes(encodeFunctionData({ abi: probeAbi, functionName: 'burn' }))
      const { deliveries, end } = await mine(env, [], [
        { kind: 'message', message: sent({ kind: 'contract_call', sender: alice.address, contract: probe, data: fail, gasLimit: 100_000n }) },
        { kind: 'message', message: sent({ kind: 'contract_call', sender: alice.address, contract: probe, data: burn, gasLimit: 50_000n }, { sequence: 2n }) },
        { kind: 'message', message: sent({ kind: 'contract_call', sender: alice.address, contract: '0x1234', data: burn, gasLimit: 50_000n }, { sequence: 3n }) },
      ])
      expect(deliveries[0]).toMatchObject({ status: 'reverted', acknowledgement: { success: false, error: 'revert: Probe: failed on purpose' } })
      expect(deliveries[1]).toMatchObject({ status: 'out_of_gas', gasUsed: 50_000n, acknowledgement: { success: false, error: 'out of gas' } })
      expect(deliveries[2]).toMatchObject({ acknowledgement: { success: false, error: expect.stringMatching(/20-byte/) } })
      expect(end.gasUsed).toBe((deliveries[0]?.gasUsed ?? 0n) + 50_000n)
      expect(end.stateRoot).toBe(before.stateRoot)
    })

    it('a StateSync is mirrored read-only; only newer versions replace it', async () => {
      const publisher = `0x${'77'.repeat(20)}` as Hex
      const key = hexToBytes(toHex('price'))
      const sync = (version: bigint, value: string, sequence: bigint): InboundDelivery => ({
        kind: 'message',
        message: sent({ kind: 'state_sync', publisher, key, value: hexToBytes(toHex(value)), version }, { sequence }),
      })
      expect(await env.query({ method: 'mirror', source: 'wasm', publisher, key })).toEqual({ value: undefined, version: 0n })
      const results = await deliver([sync(2n, 'two', 1n), sync(1n, 'one', 2n)])
      expect(results.map((result) => result.status)).toEqual(['ok', 'ok'])
      expect(await env.query({ method: 'mirror', source: 'wasm', publisher, key })).toEqual({ value: hexToBytes(toHex('two')), version: 2n })
      // Contracts read it through IXEnv.readMirror.
      const read = await env.query({
        method: 'call',
        to: probe,
        data: hexToBytes(encodeFunctionData({ abi: probeAbi, functionName: 'mirror', args: ['wasm', publisher, toHex('price')] })),
      })
      expect(decodeFunctionResult({ abi: probeAbi, functionName: 'mirror', data: bytesToHex(read.returnData) })).toEqual([toHex('two'), 2n])
      expect(await env.query({ method: 'mirror', source: 'other', publisher, key })).toEqual({ value: undefined, version: 0n })
    })

    it('an error acknowledgement or a timeout of a sent AssetTransfer refunds the sender once; success does not', async () => {
      const sendData = (receiver: Hex) => encodeFunctionData({ abi: probeAbi, functionName: 'send', args: ['wasm', receiver] })
      const { end } = await mine(env, [
        await sign(alice, { nonce: nonce++, to: probe, value: 1_000n, data: sendData('0x0a') }),
        await sign(alice, { nonce: nonce++, to: probe, value: 1_000n, data: sendData('0x0b') }),
        await sign(alice, { nonce: nonce++, to: probe, value: 1_000n, data: sendData('0x0c') }),
      ])
      const [delivered, failed, lost] = end.messages.map((message, index) => asSent(message, BigInt(index + 1)))
      const before = await balance(probe)
      const supply = await measuredSupply()
      const ack = (success: boolean) => ({ kind: 'acknowledgement', success, result: new Uint8Array(), error: success ? '' : 'no' }) as const
      const results = await deliver([
        { kind: 'acknowledgement', message: delivered as SentMessage, acknowledgement: ack(true) },
        { kind: 'acknowledgement', message: failed as SentMessage, acknowledgement: ack(false) },
        { kind: 'timeout', message: lost as SentMessage },
        // Replays and inventions find nothing to settle.
        { kind: 'timeout', message: lost as SentMessage },
        { kind: 'acknowledgement', message: delivered as SentMessage, acknowledgement: ack(false) },
        { kind: 'timeout', message: { ...(lost as SentMessage), body: { ...((lost as SentMessage).body as AssetTransfer), amount: 999_999n } } },
      ])
      expect(results.map((result) => [result.status, result.refunded])).toEqual([
        ['ok', 0n],
        ['ok', 1_000n],
        ['ok', 1_000n],
        ['rejected', undefined],
        ['rejected', undefined],
        ['rejected', undefined],
      ])
      expect(results[3]?.reason).toMatch(/no unsettled transfer matches this timeout/)
      expect(await balance(probe)).toBe(before + 2_000n)
      expect(await measuredSupply()).toBe(supply + 2_000n)
    })

    it('rejects deliveries that are not for this environment and unknown bodies', async () => {
      const transfer = { kind: 'asset_transfer', denom: 'wei', amount: 1n, sender: alice.address, receiver: carol.address, memo: '' } as const
      const results = await deliver([
        { kind: 'message', message: sent(transfer, { destination: 'other' }) },
        { kind: 'timeout', message: sent(transfer, { source: 'wasm' }) },
        { kind: 'message', message: sent({ kind: 'teleport' } as unknown as SentMessage['body']) },
        { kind: 'mystery' } as unknown as InboundDelivery,
      ])
      expect(results.map((result) => [result.status, result.reason])).toEqual([
        ['rejected', 'message for environment "other" delivered to "evm"'],
        ['rejected', 'timeout for a message sent by "wasm" delivered to "evm"'],
        ['rejected', 'unknown message body kind "teleport"'],
        ['rejected', 'unknown delivery kind "mystery"'],
      ])
      expect(await balance(carol.address)).toBe(0n)
    })

    it('a malformed delivery is a caller fault: runBlock throws and leaves the committed head', async () => {
      const head = await env.head()
      const bad = sent({ kind: 'state_sync', publisher: 'zz' as Hex, key: new Uint8Array(1), value: new Uint8Array(1), version: 1n })
      const mint = sent({ kind: 'asset_transfer', denom: 'wei', amount: 9n, sender: alice.address, receiver: carol.address, memo: '' })
      await expect(
        env.runBlock({ context: contextAt(head.height + 1n), deliveries: [{ kind: 'message', message: mint }, { kind: 'message', message: bad }], transactions: [] }),
      ).rejects.toBeInstanceOf(InvalidArgumentError)
      expect(await env.head()).toEqual(head)
      // The mint before the bad delivery was undone with the block.
      const { end } = await mine(env, [])
      expect(end.stateRoot).toBe(head.stateRoot)
      expect(await balance(carol.address)).toBe(0n)
    })

    it('messages from a delivered ContractCall are outbound messages of the block', async () => {
      const data = hexToBytes(encodeFunctionData({ abi: probeAbi, functionName: 'call', args: ['wasm', '0x01', '0x'] }))
      const { deliveries, end } = await mine(env, [], [{ kind: 'message', message: sent({ kind: 'contract_call', sender: alice.address, contract: probe, data, gasLimit: 200_000n }) }])
      expect(deliveries[0]?.status).toBe('ok')
      expect(end.messages).toHaveLength(1)
      expect(end.messages[0]?.body).toMatchObject({ kind: 'contract_call', sender: probe, contract: '0x01' })
    })
  })
})
