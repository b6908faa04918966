import { formatUnits } from 'viem'
import type { Devnet } from '../devnet/start-devnet.js'
import { DEV_MNEMONIC } from '../devnet/dev-accounts.js'

/** The start-up banner: accounts and keys, environments, endpoints, token. Printed to stdout. */
export function formatBanner(devnet: Devnet, options: { blockTime: number | undefined; generatedToken: boolean }): string {
  const environments = devnet.router.environmentIds
  const lines = [
    '',
    'Bulkhead devnet',
    '===============',
    '',
    `Environments: ${environments.join(', ')} (${devnet.router.environment(environments[0] as string).hosting} hosted)`,
    `Blocks:       ${options.blockTime === undefined ? 'automine (a block per transaction)' : `every ${options.blockTime} s`}`,
    `Data:         ${devnet.persistent ? devnet.dataDirectory : 'in memory (removed on exit)'}`,
    '',
    'Available accounts (one key, the same address in every environment)',
    '==================',
    ...devnet.accounts.map((account, index) => {
      const balances = devnet.genesis.environments.map((environment) => `${environment.id} ${formatUnits(environment.allocations.get(account.address) ?? 0n, 18)}`)
      return `(${index}) ${account.address} (${balances.join(', ')} ${devnet.genesis.nativeDenom === 'wei' ? 'ETH' : `× 10^18 ${devnet.genesis.nativeDenom}`})`
    }),
    '',
    'Private keys',
    '==================',
    ...devnet.accounts.map((account, index) => `(${index}) ${account.privateKey}`),
    '',
    `Mnemonic: ${DEV_MNEMONIC}`,
    `Governance key: ${governanceAccount(devnet)}`,
    '',
    `Admin token: ${devnet.adminToken}${options.generatedToken ? ' (generated; pass --admin-token to choose one)' : ''}`,
    '',
    `JSON-RPC:  ${devnet.url}`,
    `WebSocket: ${devnet.webSocketUrl}`,
    `Metrics:   ${devnet.url}/metrics`,
    '',
    `Listening on ${devnet.url}`,
    '',
  ]
  return `${lines.join('\n')}\n`
}

function governanceAccount(devnet: Devnet): string {
  const index = devnet.accounts.findIndex((account) => devnet.genesis.governance.includes(account.address))
  return index === -1 ? 'none of the dev accounts (admin methods are unavailable)' : `account (${index})`
}
