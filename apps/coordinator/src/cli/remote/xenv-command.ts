import { type Hex } from '@bulkhead/core'
import { encodeFunctionData, parseAbi } from 'viem'
import { privateKeyToAccount } from 'viem/accounts'
import type { CommandIO } from '../decode-command.js'
import { DEV_KEY, parseRemoteArguments, wholeNumber } from './remote-options.js'
import { rpcRequest } from './rpc-request.js'

export const XENV_USAGE = `Usage: bulkhead xenv transfer --to ENV --amount WEI [--receiver 0xADDRESS] [--key 0xKEY] [--rpc URL]

Sends the native asset from the EVM environment to environment ENV through the IXEnv system
contract (0x…0b0c), signed by --key (default dev account 0), to --receiver (default the same
address). Waits for the message to settle and prints its status history. From a WASM
contract, value leaves through the host's send_asset (see @bulkhead/client transferFromWasm).`

const IXENV = '0x0000000000000000000000000000000000000b0c'
const sendAsset = parseAbi(['function sendAsset(string destination, bytes receiver, string memo) payable'])

interface MessageRecord {
  status: string
  history: { status: string; height: string; detail?: string }[]
}

/** `bulkhead xenv transfer`; returns the exit code. */
export async function xenvCommand(args: readonly string[], io: CommandIO): Promise<number> {
  const { values, positionals } = parseRemoteArguments(args)
  if (values.help) {
    io.stdout(`${XENV_USAGE}\n`)
    return 0
  }
  if (positionals[0] !== 'transfer' || values.to === undefined || values.amount === undefined) {
    io.stderr(`${XENV_USAGE}\n`)
    return 2
  }
  const account = privateKeyToAccount((values.key ?? DEV_KEY) as Hex)
  const receiver = (values.receiver ?? account.address) as Hex
  const amount = wholeNumber(values.amount, 'amount', 0n)
  const [chainId, nonce, block] = await Promise.all([
    rpcRequest<string>(values.rpc, 'eth_chainId', []),
    rpcRequest<string>(values.rpc, 'eth_getTransactionCount', [account.address, 'latest']),
    rpcRequest<{ baseFeePerGas?: string }>(values.rpc, 'eth_getBlockByNumber', ['latest', false]),
  ])
  const baseFee = BigInt(block.baseFeePerGas ?? '0x0')
  const signed = await account.signTransaction({
    type: 'eip1559',
    chainId: Number(chainId),
    nonce: Number(nonce),
    to: IXENV,
    value: amount,
    gas: 300_000n,
    maxFeePerGas: baseFee * 2n + 1_000_000_000n,
    maxPriorityFeePerGas: 1_000_000_000n,
    data: encodeFunctionData({ abi: sendAsset, functionName: 'sendAsset', args: [values.to, receiver, 'bulkhead xenv transfer'] }),
  })
  const hash = await rpcRequest<Hex>(values.rpc, 'eth_sendRawTransaction', [signed])
  const receipt = await rpcRequest<{ status: string; reason?: string; messageCount: number; blockHeight: string } | null>(values.rpc, 'bulkhead_getReceipt', [hash])
  if (receipt === null || receipt.status !== 'ok' || receipt.messageCount === 0) {
    io.stderr(`transfer ${hash} did not send a message: ${receipt?.status ?? 'no receipt yet'} ${receipt?.reason ?? ''}\n`)
    return 1
  }
  const [message] = await rpcRequest<(MessageRecord & { message: { sequence: string; originTransaction: string } })[]>(values.rpc, 'bulkhead_getMessages', [
    { source: 'evm', destination: values.to, limit: 1000 },
  ]).then((records) => records.filter((record) => record.message.originTransaction === hash))
  io.stdout(
    [
      `transaction ${hash} sent ${amount} wei from evm to ${values.to} (${receiver})`,
      ...(message === undefined ? [] : [`  message evm -> ${values.to} #${BigInt(message.message.sequence)}: ${message.history.map((step) => `${step.status}@${BigInt(step.height)}`).join(' -> ')}`]),
      '',
    ].join('\n'),
  )
  return 0
}
