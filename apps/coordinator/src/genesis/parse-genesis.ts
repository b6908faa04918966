import { DEFAULT_PERMISSIONS, MAX_UINT256, isEnvironmentId, type Address, type EnvironmentPermissions } from '@bulkhead/core'
import type { ChainGenesis, EnvironmentGenesisEntry } from './chain-genesis.js'
import { GenesisError } from './genesis-error.js'
import { GOVERNANCE_ENVIRONMENT } from '../governance/governance-state.js'

export interface ParseGenesisOptions {
  /** Adapter kinds the node can run; an environment naming another kind is refused. */
  readonly knownVMs: readonly string[]
  /** Name used in error messages (e.g. the file path). Default `genesis`. */
  readonly source?: string
}

const MAX_UINT64 = (1n << 64n) - 1n
const addressPattern = /^0x[0-9a-fA-F]{40}$/
const denomPattern = /^[a-zA-Z][a-zA-Z0-9/:._-]{0,127}$/
const topLevelKeys = ['chainId', 'timestamp', 'nativeDenom', 'defaultMessageTimeout', 'blockGasLimit', 'governance', 'environments']
const environmentKeys = ['id', 'vm', 'adapter', 'blockGasWeight', 'permissions', 'allocations', 'options']
const permissionKeys = ['sendAssets', 'sendCalls', 'sendStateSync', 'destinations', 'deployers']

/**
 * Validates a parsed genesis JSON document before anything starts. Every problem is collected
 * with its JSON path and thrown together as one `GenesisError`, so a user fixes the file in one
 * pass. Integers may be JSON numbers (when safe) or decimal / 0x strings.
 */
export function parseGenesis(document: unknown, options: ParseGenesisOptions): ChainGenesis {
  const problems: string[] = []
  const problem = (path: string, text: string) => problems.push(`${path}: ${text}`)

  if (!isRecord(document)) throw new GenesisError(['the document must be a JSON object'], options.source)
  unknownKeys(document, topLevelKeys, '', problem)

  const chainId = integer(document.chainId, 'chainId', problem, { min: 1n, max: MAX_UINT64 }) ?? 0n
  const timestamp = integer(document.timestamp ?? 0, 'timestamp', problem, { min: 0n, max: MAX_UINT64 }) ?? 0n
  const defaultMessageTimeout =
    integer(document.defaultMessageTimeout ?? 100, 'defaultMessageTimeout', problem, { min: 1n, max: MAX_UINT64 }) ?? 0n
  const blockGasLimit = integer(document.blockGasLimit ?? 60_000_000, 'blockGasLimit', problem, { min: 21_000n, max: MAX_UINT64 }) ?? 0n
  const nativeDenom = document.nativeDenom ?? 'wei'
  if (typeof nativeDenom !== 'string' || !denomPattern.test(nativeDenom)) {
    problem('nativeDenom', `must be a letter then up to 127 of [a-zA-Z0-9/:._-], got ${JSON.stringify(nativeDenom)}`)
  }

  const governance: Address[] = []
  if (!Array.isArray(document.governance) || document.governance.length === 0) {
    problem('governance', 'must list at least one governance key (an address)')
  } else {
    document.governance.forEach((key, index) => {
      const address = addressOf(key, `governance[${index}]`, problem)
      if (address !== undefined) governance.push(address)
    })
  }

  const environments: EnvironmentGenesisEntry[] = []
  if (!Array.isArray(document.environments) || document.environments.length === 0) {
    problem('environments', 'must list at least one environment')
  } else {
    const ids = new Set<string>()
    document.environments.forEach((entry, index) => {
      const parsed = parseEnvironment(entry, `environments[${index}]`, options.knownVMs, problem)
      if (parsed === undefined) return
      if (ids.has(parsed.id)) problem(`environments[${index}].id`, `"${parsed.id}" is used by another environment`)
      ids.add(parsed.id)
      environments.push(parsed)
    })
    environments.sort((left, right) => (left.id < right.id ? -1 : 1))
    for (const environment of environments) {
      const { destinations } = environment.permissions
      if (destinations === '*') continue
      for (const destination of destinations) {
        if (!ids.has(destination)) {
          problem(`environments["${environment.id}"].permissions.destinations`, `unknown environment "${destination}"`)
        }
      }
    }
  }

  if (problems.length > 0) throw new GenesisError(problems, options.source)
  return {
    chainId,
    timestamp,
    nativeDenom: nativeDenom as string,
    defaultMessageTimeout,
    blockGasLimit,
    governance,
    environments,
  }
}

function parseEnvironment(
  entry: unknown,
  path: string,
  knownVMs: readonly string[],
  problem: (path: string, text: string) => void,
): EnvironmentGenesisEntry | undefined {
  if (!isRecord(entry)) {
    problem(path, 'must be an object')
    return undefined
  }
  unknownKeys(entry, environmentKeys, path, problem)
  const { id, vm } = entry
  if (!isEnvironmentId(id)) {
    problem(`${path}.id`, `must be a lower-case letter then up to 31 of [a-z0-9-], got ${JSON.stringify(id)}`)
  }
  if (id === GOVERNANCE_ENVIRONMENT) problem(`${path}.id`, `"${GOVERNANCE_ENVIRONMENT}" is reserved for governance transactions`)
  const adapter = parseAdapter(entry.adapter, `${path}.adapter`, problem)
  if (typeof vm !== 'string' || !/^[a-z][a-z0-9-]{0,31}$/.test(vm)) {
    problem(`${path}.vm`, `must be a lower-case name such as "evm", got ${JSON.stringify(vm)}`)
  } else if (entry.adapter === undefined && !knownVMs.includes(vm)) {
    problem(`${path}.vm`, `unknown environment kind ${JSON.stringify(vm)}; this node runs: ${knownVMs.join(', ')} (or name an adapter module)`)
  }
  const weight = integer(entry.blockGasWeight ?? 1, `${path}.blockGasWeight`, problem, { min: 1n, max: 0xffff_ffffn })
  const allocations = new Map<Address, bigint>()
  if (entry.allocations !== undefined) {
    if (!isRecord(entry.allocations)) {
      problem(`${path}.allocations`, 'must be an object of address → amount')
    } else {
      for (const [key, value] of Object.entries(entry.allocations)) {
        const address = addressOf(key, `${path}.allocations`, problem)
        const amount = integer(value, `${path}.allocations["${key}"]`, problem, { min: 0n, max: MAX_UINT256 })
        if (address === undefined || amount === undefined) continue
        if (allocations.has(address)) problem(`${path}.allocations`, `${address} is allocated twice (addresses are case-insensitive)`)
        allocations.set(address, amount)
      }
    }
  }
  if (entry.options !== undefined && !isRecord(entry.options)) problem(`${path}.options`, 'must be an object')
  const permissions = parsePermissions(entry.permissions, `${path}.permissions`, problem)
  if (!isEnvironmentId(id) || typeof vm !== 'string' || weight === undefined || permissions === undefined) return undefined
  return {
    id,
    vm,
    blockGasWeight: Number(weight),
    permissions,
    allocations,
    options: isRecord(entry.options) ? entry.options : {},
    ...(adapter === undefined ? {} : { adapter }),
  }
}

function parseAdapter(value: unknown, path: string, problem: (path: string, text: string) => void) {
  if (value === undefined) return undefined
  if (!isRecord(value) || typeof value.module !== 'string' || value.module.length === 0) {
    problem(path, 'must be { "module": "<package or ./path>", "export"?: "<factory name>" }')
    return undefined
  }
  unknownKeys(value, ['module', 'export'], path, problem)
  const exported = value.export ?? 'createEnvironment'
  if (typeof exported !== 'string' || !/^[A-Za-z_$][A-Za-z0-9_$]*$/.test(exported)) {
    problem(`${path}.export`, `must be an export name, got ${JSON.stringify(value.export)}`)
    return undefined
  }
  return { module: value.module, export: exported }
}

function parsePermissions(
  value: unknown,
  path: string,
  problem: (path: string, text: string) => void,
): EnvironmentPermissions | undefined {
  if (value === undefined) return DEFAULT_PERMISSIONS
  if (!isRecord(value)) {
    problem(path, 'must be an object')
    return undefined
  }
  unknownKeys(value, permissionKeys, path, problem)
  const flag = (key: 'sendAssets' | 'sendCalls' | 'sendStateSync') => {
    const flagValue = value[key] ?? DEFAULT_PERMISSIONS[key]
    if (typeof flagValue !== 'boolean') problem(`${path}.${key}`, `must be true or false, got ${JSON.stringify(flagValue)}`)
    return flagValue === true
  }
  const destinations = value.destinations ?? '*'
  let parsedDestinations: readonly string[] | '*' = '*'
  if (destinations !== '*') {
    if (!Array.isArray(destinations) || !destinations.every(isEnvironmentId)) {
      problem(`${path}.destinations`, 'must be "*" or a list of environment ids')
    } else parsedDestinations = destinations
  }
  const deployers = value.deployers ?? '*'
  let parsedDeployers: readonly Address[] | '*' = '*'
  if (deployers !== '*') {
    if (!Array.isArray(deployers)) problem(`${path}.deployers`, 'must be "*" or a list of addresses')
    else parsedDeployers = deployers.flatMap((entry, index) => addressOf(entry, `${path}.deployers[${index}]`, problem) ?? [])
  }
  return {
    sendAssets: flag('sendAssets'),
    sendCalls: flag('sendCalls'),
    sendStateSync: flag('sendStateSync'),
    destinations: parsedDestinations,
    deployers: parsedDeployers,
  }
}

function integer(
  value: unknown,
  path: string,
  problem: (path: string, text: string) => void,
  range: { min: bigint; max: bigint },
): bigint | undefined {
  let parsed: bigint | undefined
  if (typeof value === 'number' && Number.isSafeInteger(value)) parsed = BigInt(value)
  else if (typeof value === 'string' && /^(0|[1-9][0-9]*|0x[0-9a-fA-F]+)$/.test(value)) parsed = BigInt(value)
  if (parsed === undefined) {
    const hint = typeof value === 'number' && Number.isInteger(value) ? ' (numbers above 2^53 must be strings)' : ''
    problem(path, `must be a whole number (JSON number, decimal or 0x string), got ${JSON.stringify(value)}${hint}`)
    return undefined
  }
  if (parsed < range.min || parsed > range.max) {
    problem(path, `must be between ${range.min} and ${range.max === MAX_UINT256 ? '2^256 - 1' : range.max}, got ${parsed}`)
    return undefined
  }
  return parsed
}

function addressOf(value: unknown, path: string, problem: (path: string, text: string) => void): Address | undefined {
  if (typeof value !== 'string' || !addressPattern.test(value)) {
    problem(path, `must be a 20-byte 0x address, got ${JSON.stringify(value)}`)
    return undefined
  }
  return value.toLowerCase() as Address
}

function unknownKeys(record: Record<string, unknown>, known: readonly string[], path: string, problem: (path: string, text: string) => void) {
  for (const key of Object.keys(record)) {
    if (!known.includes(key)) problem(path === '' ? key : `${path}.${key}`, `unknown field (known: ${known.join(', ')})`)
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}
