import { readFile } from 'node:fs/promises'
import { bytesToHex, hexToBytes, privateKeyToAddress, signDigest, type Hex } from '@bulkhead/core'
import { encodeSignedWasmTransaction, wasmTransactionSigningHash, type WasmTransaction } from '@bulkhead/proto'
import type { CommandIO } from '../decode-command.js'
import { DEV_KEY, parseRemoteArguments, wholeNumber } from './remote-options.js'
import { rpcRequest } from './rpc-request.js'

export const WASM_USAGE = `Usage: bulkhead wasm deploy FILE.wasm [--value WEI] [--gas N] [--args 0xHEX]
       bulkhead wasm call CONTRACT FUNCTION [--args 0xHEX] [--value WEI] [--gas N]
Options: --rpc URL (default http://127.0.0.1:8545), --key 0xPRIVATE_KEY (default dev account 0),
         --environment ID (default wasm)

Builds a WASM transaction (protobuf), signs it with EIP-191 and sends it with
bulkhead_sendRawTransaction; prints the unified receipt.`

interface Receipt {
  status: string
  reason?: string
  gasUsed: string
  contractAddress?: string
  returnData: string
  blockHeight: string
}

/** `bulkhead wasm …`; returns the exit code (1 when the transaction did not succeed). */
export async function wasmCommand(args: readonly string[], io: CommandIO): Promise<number> {
  const { values, positionals } = parseRemoteArguments(args)
  if (values.help) {
    io.stdout(`${WASM_USAGE}\n`)
    return 0
  }
  const [action, first, second] = positionals
  const isDeploy = action === 'deploy' && first !== undefined
  const isCall = action === 'call' && first !== undefined && second !== undefined
  if (!isDeploy && !isCall) {
    io.stderr(`${WASM_USAGE}\n`)
    return 2
  }
  const key = (values.key ?? DEV_KEY) as Hex
  const environment = values.environment ?? 'wasm'
  const sender = privateKeyToAddress(key)
  const [chainId, nonce] = await Promise.all([
    rpcRequest<string>(values.rpc, 'eth_chainId', []).catch(() => '0x7a69'),
    rpcRequest<string>(values.rpc, 'bulkhead_call', [environment, { method: 'nonce', address: sender }]),
  ])
  const argsBytes = values.args === undefined ? new Uint8Array(0) : hexToBytes(values.args)
  const transaction: WasmTransaction = {
    chainId: BigInt(chainId),
    environment,
    nonce: BigInt(nonce),
    gasLimit: wholeNumber(values.gas, 'gas', isDeploy ? 20_000_000n : 5_000_000n),
    gasPrice: 1n,
    value: wholeNumber(values.value, 'value', 0n),
    action: isDeploy
      ? { kind: 'deploy', code: new Uint8Array(await readFile(first as string)), initArgs: argsBytes }
      : { kind: 'call', contract: (first as string).toLowerCase() as Hex, function: second as string, args: argsBytes },
  }
  const signature = signDigest(wasmTransactionSigningHash(transaction), key)
  const payload = bytesToHex(encodeSignedWasmTransaction({ transaction, signature }))
  const hash = await rpcRequest<string>(values.rpc, 'bulkhead_sendRawTransaction', [environment, payload])
  const receipt = await waitForReceipt(values.rpc, hash)
  io.stdout(
    [
      `transaction ${hash}`,
      `  status:   ${receipt.status}${receipt.reason ? ` (${receipt.reason})` : ''}`,
      `  block:    ${BigInt(receipt.blockHeight)}`,
      `  gas used: ${BigInt(receipt.gasUsed)}`,
      ...(receipt.contractAddress ? [`  contract: ${receipt.contractAddress}`] : []),
      ...(receipt.returnData !== '0x' ? [`  returned: ${receipt.returnData}`] : []),
      '',
    ].join('\n'),
  )
  return receipt.status === 'ok' ? 0 : 1
}

/** Polls for the receipt (immediate with automine; one block time otherwise). */
async function waitForReceipt(url: string, hash: string): Promise<Receipt> {
  for (let attempt = 0; attempt < 600; attempt++) {
    const receipt = await rpcRequest<Receipt | null>(url, 'bulkhead_getReceipt', [hash])
    if (receipt !== null) return receipt
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
  throw new Error(`no receipt for ${hash} after 60 s`)
}
