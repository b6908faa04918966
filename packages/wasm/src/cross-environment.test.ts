import { bytesToHex, type Address, type ExecutionEnvironment, type OutboundMessage, type SentMessage } from '@bulkhead/core'
import { beforeEach, describe, expect, it } from 'vitest'
import { createWASMEnvironment } from './create-wasm-environment.js'
import { contractAddress } from './execution/contract-address.js'
import { loadWat } from './__fixtures__/compile-wat.js'
import { GENESIS_BALANCE, SENDER, blockContext, call, deploy } from './__fixtures__/test-chain.js'

const bridge = loadWat('bridge')
const RECEIVER = `0x${'aa'.repeat(20)}` as Address
const EVM_SENDER = `0x${'bb'.repeat(20)}` as Address
const text = (value: string) => new TextEncoder().encode(value)

function sent(message: OutboundMessage, sequence = 1n): SentMessage {
  return { ...message, source: 'wasm', sequence } as SentMessage
}

function inbound(body: SentMessage['body']): SentMessage {
  return { source: 'evm', destination: 'wasm', sequence: 1n, timeoutHeight: 100n, originTransaction: `0x${'11'.repeat(32)}`, body }
}

describe(`${createWASMEnvironment.name}: cross-environment messages`, () => {
  let environment: ExecutionEnvironment
  let nonce: bigint
  const address = contractAddress(SENDER, 0n)

  async function block(transactions: Awaited<ReturnType<typeof call>>[], deliveries: Parameters<ExecutionEnvironment['deliver']>[0] = []) {
    const head = await environment.head()
    const output = await environment.runBlock({ context: blockContext(head.height + 1n), deliveries, transactions })
    await environment.commit()
    return output
  }

  beforeEach(async () => {
    environment = await createWASMEnvironment({ genesis: { [SENDER]: GENESIS_BALANCE } })
    nonce = 0n
    const output = await block([await deploy(bridge, nonce++, { value: 5_000n })])
    expect(output.receipts[0]).toMatchObject({ status: 'ok', contractAddress: address })
  })

  it('sends an AssetTransfer, escrowing the value out of supply, and refunds it on an error ack', async () => {
    const supplyBefore = (await block([])).end.supply.wei!
    const output = await block([await call(address, 'send', nonce++)])
    const receipt = output.receipts[0]!
    expect(receipt).toMatchObject({ status: 'ok', messageCount: 1 })
    const fee = receipt.gasUsed
    expect(output.end.messages).toEqual([
      {
        destination: 'evm',
        timeoutHeight: 0n,
        originTransaction: receipt.transactionHash,
        body: { kind: 'asset_transfer', denom: 'wei', amount: 1_000n, sender: address, receiver: RECEIVER, memo: '' },
      },
    ])
    expect(output.end.supply.wei).toBe(supplyBefore - fee - 1_000n)
    expect(await environment.query({ method: 'balance', address })).toBe(4_000n)

    const refund = await block([], [
      { kind: 'acknowledgement', message: sent(output.end.messages[0]!), acknowledgement: { kind: 'acknowledgement', success: false, result: new Uint8Array(0), error: 'no' } },
    ])
    expect(refund.deliveries[0]).toMatchObject({ status: 'ok', refunded: 1_000n })
    expect(await environment.query({ method: 'balance', address })).toBe(5_000n)
    expect(refund.end.supply.wei).toBe(supplyBefore - fee)
  })

  it('refunds on timeout and finalizes on a success ack', async () => {
    const output = await block([await call(address, 'send', nonce++), await call(address, 'send', nonce++)])
    const [first, second] = output.end.messages
    const settle = await block([], [
      { kind: 'acknowledgement', message: sent(first!, 1n), acknowledgement: { kind: 'acknowledgement', success: true, result: new Uint8Array(0), error: '' } },
      { kind: 'timeout', message: sent(second!, 2n) },
    ])
    expect(settle.deliveries.map((result) => result.refunded)).toEqual([0n, 1_000n])
    expect(await environment.query({ method: 'balance', address })).toBe(4_000n)
  })

  it('drops the message and its escrow when the transaction aborts', async () => {
    const output = await block([await call(address, 'send_then_abort', nonce++)])
    expect(output.receipts[0]).toMatchObject({ status: 'reverted', messageCount: 0, reason: 'fail' })
    expect(output.end.messages).toEqual([])
    expect(await environment.query({ method: 'balance', address })).toBe(5_000n)
  })

  it('sends ContractCall and StateSync, with StateSync versions per key', async () => {
    const output = await block([await call(address, 'call_evm', nonce++), await call(address, 'publish', nonce++), await call(address, 'publish', nonce++)])
    expect(output.end.messages.map((message) => message.body)).toEqual([
      { kind: 'contract_call', sender: address, contract: RECEIVER, data: text('price'), gasLimit: 100_000n },
      { kind: 'state_sync', publisher: address, key: text('price'), value: text('42'), version: 1n },
      { kind: 'state_sync', publisher: address, key: text('price'), value: text('42'), version: 2n },
    ])
  })

  it('credits an inbound AssetTransfer and refuses a foreign denom', async () => {
    const output = await block([], [
      { kind: 'message', message: inbound({ kind: 'asset_transfer', denom: 'wei', amount: 77n, sender: EVM_SENDER, receiver: RECEIVER, memo: '' }) },
      { kind: 'message', message: inbound({ kind: 'asset_transfer', denom: 'uatom', amount: 1n, sender: EVM_SENDER, receiver: RECEIVER, memo: '' }) },
    ])
    expect(output.deliveries[0]).toMatchObject({ status: 'ok', acknowledgement: { success: true } })
    expect(output.deliveries[1]).toMatchObject({ status: 'reverted', acknowledgement: { success: false } })
    expect(await environment.query({ method: 'balance', address: RECEIVER })).toBe(77n)
  })

  it('runs an inbound ContractCall in on_xenv_call and acknowledges its result or error', async () => {
    const output = await block([], [
      { kind: 'message', message: inbound({ kind: 'contract_call', sender: EVM_SENDER, contract: address, data: text('hello'), gasLimit: 200_000n }) },
      { kind: 'message', message: inbound({ kind: 'contract_call', sender: EVM_SENDER, contract: address, data: text('fail'), gasLimit: 200_000n }) },
      { kind: 'message', message: inbound({ kind: 'contract_call', sender: EVM_SENDER, contract: address, data: text('spin'), gasLimit: 10n }) },
    ])
    const [ok, failed, starved] = output.deliveries
    expect(ok!.status).toBe('ok')
    expect(bytesToHex(ok!.acknowledgement!.result)).toBe(`${EVM_SENDER}${bytesToHex(text('hello')).slice(2)}`)
    expect(ok!.gasUsed).toBeGreaterThan(0n)
    expect(failed).toMatchObject({ status: 'reverted', acknowledgement: { success: false, error: 'fail' } })
    expect(starved).toMatchObject({ status: 'out_of_gas', gasUsed: 10n, acknowledgement: { success: false } })
    expect(output.end.gasUsed).toBe(ok!.gasUsed + failed!.gasUsed + 10n)
    expect(await environment.query({ method: 'storage', address, key: text('price') })).toEqual(text('hello'))
  })

  it('stores StateSync mirrors read-only, keeping the highest version', async () => {
    const sync = (value: string, version: bigint) => ({
      kind: 'message' as const,
      message: inbound({ kind: 'state_sync', publisher: RECEIVER, key: text('price'), value: text(value), version }),
    })
    await block([], [sync('10', 2n), sync('9', 1n)])
    expect(await environment.query({ method: 'mirror', source: 'evm', publisher: RECEIVER, key: text('price') })).toEqual({ value: text('10'), version: 2n })
    const output = await block([await call(address, 'read_mirror', nonce++)])
    expect(output.receipts[0]).toMatchObject({ status: 'ok', returnData: text('10') })
  })

  it('gives contracts the block time, a transaction-seeded random stream, height and balance', async () => {
    const first = await call(address, 'environment', nonce++)
    const output = await block([first])
    const data = output.receipts[0]!.returnData
    const view = new DataView(data.buffer, data.byteOffset)
    expect(view.getBigUint64(0, true)).toBe(blockContext(2n).timestamp * 1_000_000_000n)
    expect(view.getBigUint64(24, true)).toBe(2n)
    expect(BigInt(bytesToHex(data.subarray(32, 64)))).toBe(5_000n)
    // The same transaction on a fresh environment draws the same random bytes.
    const replay = await createWASMEnvironment({ genesis: { [SENDER]: GENESIS_BALANCE } })
    await replay.runBlock({ context: blockContext(1n), deliveries: [], transactions: [await deploy(bridge, 0n, { value: 5_000n })] })
    await replay.commit()
    const again = await replay.runBlock({ context: blockContext(2n), deliveries: [], transactions: [first] })
    expect(again.receipts[0]!.returnData).toEqual(data)
    const other = await block([await call(address, 'environment', nonce++)])
    expect(other.receipts[0]!.returnData.subarray(8, 24)).not.toEqual(data.subarray(8, 24))
  })
})
