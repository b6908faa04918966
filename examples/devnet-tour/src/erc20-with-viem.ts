// Deploys an ERC-20 on the devnet's EVM environment with plain viem, transfers some, and reads
// the Transfer events back. Run against a devnet (`npm start -- devnet`):
//   node --experimental-strip-types src/erc20-with-viem.ts   (Node 22+), or import erc20WithViem
import { readFile } from 'node:fs/promises'
import { createPublicClient, createWalletClient, http, parseAbiItem, type Abi, type Hex } from 'viem'
import { privateKeyToAccount } from 'viem/accounts'
import { foundry } from 'viem/chains'

/** Account 0 of the test mnemonic, prefunded on every devnet. */
export const alice = privateKeyToAccount('0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80')
export const bob = privateKeyToAccount('0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d')

export async function loadToken(): Promise<{ abi: Abi; bytecode: Hex }> {
  return JSON.parse(await readFile(new URL('../contracts/Token.json', import.meta.url), 'utf8')) as { abi: Abi; bytecode: Hex }
}

export async function erc20WithViem(url: string) {
  // Chain id 31337, like Anvil (viem's `foundry` chain): viem needs no changes for Bulkhead.
  const publicClient = createPublicClient({ chain: foundry, transport: http(url) })
  const wallet = createWalletClient({ account: alice, chain: foundry, transport: http(url) })
  const { abi, bytecode } = await loadToken()

  const deployHash = await wallet.deployContract({ abi, bytecode, args: ['Bulkhead Token', 'BHT', 1_000_000n] })
  const deployed = await publicClient.waitForTransactionReceipt({ hash: deployHash })
  const token = deployed.contractAddress as Hex

  const transferHash = await wallet.writeContract({ address: token, abi, functionName: 'transfer', args: [bob.address, 250n] })
  const transferred = await publicClient.waitForTransactionReceipt({ hash: transferHash })
  const bobBalance = (await publicClient.readContract({ address: token, abi, functionName: 'balanceOf', args: [bob.address] })) as bigint
  const events = await publicClient.getLogs({
    address: token,
    event: parseAbiItem('event Transfer(address indexed from, address indexed to, uint256 value)'),
    fromBlock: 0n,
  })
  return { token, deployed, transferred, bobBalance, events }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { token, bobBalance, events } = await erc20WithViem(process.env.BULKHEAD_RPC_URL ?? 'http://127.0.0.1:8545')
  console.log(`token ${token}: bob holds ${bobBalance}; ${events.length} Transfer events`)
}
