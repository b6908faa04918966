// The README's usage, as a runnable file (src/examples.test.ts runs it against a real node):
// list environments, deploy the WASM SDK's example token, transfer some, read a balance back,
// and look at the ledger. Run it against a devnet with
//   BULKHEAD_RPC_URL=http://127.0.0.1:8545 node --import tsx examples/quick-start.ts path/to/token.wasm
import { readFile } from 'node:fs/promises'
import { concat, createPublicClient, http, numberToHex } from 'viem'
import { privateKeyToAccount } from 'viem/accounts'
import { bulkheadActions } from '../src/index.js'

export async function quickStart(url: string, tokenPath: string | URL) {
  const client = createPublicClient({ transport: http(url) }).extend(bulkheadActions())
  // Account 0 of the test mnemonic, prefunded in the devnet's WASM environment.
  const alice = privateKeyToAccount('0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80')
  const bob = '0x70997970c51812dc3a010c7d01b50e0d17dc79c8'

  const environments = await client.getEnvironments()

  // Signed with EIP-191 over the protobuf bytes: any viem account (local or JSON-RPC) signs it.
  const token = await client.deployWasmContract({ account: alice, code: await readFile(tokenPath) })

  // The token's `transfer` reads receiver (20 bytes) ‖ amount (u64, little-endian).
  const amount = numberToHex(25n, { size: 8 }).slice(2).match(/../g)?.reverse().join('') ?? ''
  const transfer = await client.callWasmContract({ account: alice, contract: token.contractAddress, function: 'transfer', args: concat([bob, `0x${amount}`]) })

  // A read-only call: `balance_of(address)` returns a u64, little-endian.
  const balance = await client.readWasmContract({ contract: token.contractAddress, function: 'balance_of', args: bob })
  const bobBalance = BigInt(`0x${balance.returnData.slice(2).match(/../g)?.reverse().join('') ?? '0'}`)

  const ledger = await client.getLedger()
  return { environments, token, transfer, bobBalance, ledger }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const result = await quickStart(process.env.BULKHEAD_RPC_URL ?? 'http://127.0.0.1:8545', process.argv[2] ?? 'token.wasm')
  console.log(`token at ${result.token.contractAddress}; bob holds ${result.bobBalance}`)
}
