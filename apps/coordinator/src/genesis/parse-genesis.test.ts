import { genesisHash } from '@bulkhead/proto'
import { describe, expect, it } from 'vitest'
import { GenesisError } from './genesis-error.js'
import { genesisToProto } from './genesis-to-proto.js'
import { parseGenesis } from './parse-genesis.js'

const knownVMs = ['evm', 'wasm']
const alice = '0xf39fd6e51aad88f6f4ce6ab8827279cfffb92266'

const valid = {
  chainId: 31337,
  nativeDenom: 'wei',
  governance: [alice],
  environments: [
    { id: 'wasm', vm: 'wasm', blockGasWeight: 1, allocations: { [alice]: '1000' } },
    { id: 'evm', vm: 'evm', blockGasWeight: 3, allocations: { [alice]: '0x10' }, options: { hardfork: 'prague' } },
  ],
}

function problemsOf(document: unknown): readonly string[] {
  try {
    parseGenesis(document, { knownVMs })
  } catch (error) {
    expect(error).toBeInstanceOf(GenesisError)
    expect((error as GenesisError).code).toBe('INVALID_GENESIS')
    return (error as GenesisError).problems
  }
  throw new Error('expected the genesis to be refused')
}

describe(parseGenesis.name, () => {
  it('fills defaults and sorts environments by id', () => {
    const genesis = parseGenesis(valid, { knownVMs })
    expect(genesis).toMatchObject({ chainId: 31337n, defaultMessageTimeout: 100n, blockGasLimit: 60_000_000n, timestamp: 0n })
    expect(genesis.environments.map((environment) => environment.id)).toEqual(['evm', 'wasm'])
    expect(genesis.environments[0]?.allocations.get(alice)).toBe(16n)
    expect(genesis.environments[1]?.permissions.destinations).toBe('*')
  })

  it('refuses unknown environments, with the kinds this node runs', () => {
    expect(problemsOf({ ...valid, environments: [{ id: 'move', vm: 'movevm' }] })).toContain(
      'environments[0].vm: unknown environment kind "movevm"; this node runs: evm, wasm (or name an adapter module)',
    )
  })

  it('refuses negative, oversized and fractional allocations', () => {
    const problems = problemsOf({
      ...valid,
      environments: [{ id: 'evm', vm: 'evm', allocations: { [alice]: -5, '0x70997970c51812dc3a010c7d01b50e0d17dc79c8': `${2n ** 256n}`, '0x3c44cdddb6a900fa2b585dd299e03d12fa4293bc': 1.5 } }],
    })
    expect(problems).toEqual([
      `environments[0].allocations["${alice}"]: must be between 0 and 2^256 - 1, got -5`,
      'environments[0].allocations["0x70997970c51812dc3a010c7d01b50e0d17dc79c8"]: must be between 0 and 2^256 - 1, got ' + `${2n ** 256n}`,
      'environments[0].allocations["0x3c44cdddb6a900fa2b585dd299e03d12fa4293bc"]: must be a whole number (JSON number, decimal or 0x string), got 1.5',
    ])
  })

  it('refuses a missing governance key, duplicate ids and unknown fields, all at once', () => {
    const problems = problemsOf({ chainId: 1, environments: [{ id: 'evm', vm: 'evm' }, { id: 'evm', vm: 'evm', gas: 5 }], colour: 'blue' })
    expect(problems).toEqual([
      'colour: unknown field (known: chainId, timestamp, nativeDenom, defaultMessageTimeout, blockGasLimit, governance, environments)',
      'governance: must list at least one governance key (an address)',
      'environments[1].gas: unknown field (known: id, vm, adapter, blockGasWeight, permissions, allocations, options)',
      'environments[1].id: "evm" is used by another environment',
    ])
  })

  it('refuses permissions that name unknown destinations or malformed deployers', () => {
    const problems = problemsOf({
      ...valid,
      environments: [{ id: 'evm', vm: 'evm', permissions: { destinations: ['nowhere'], deployers: ['0x12'], sendAssets: 'yes' } }],
    })
    expect(problems).toEqual([
      'environments[0].permissions.deployers[0]: must be a 20-byte 0x address, got "0x12"',
      'environments[0].permissions.sendAssets: must be true or false, got "yes"',
      'environments["evm"].permissions.destinations: unknown environment "nowhere"',
    ])
  })

  it('accepts a third-party adapter module for a kind the node does not know, and hashes it', () => {
    const withAdapter = { ...valid, environments: [...valid.environments, { id: 'counter', vm: 'counter', adapter: { module: '@bulkhead/example-counter-adapter' } }] }
    const genesis = parseGenesis(withAdapter, { knownVMs })
    expect(genesis.environments.find((environment) => environment.id === 'counter')?.adapter).toEqual({ module: '@bulkhead/example-counter-adapter', export: 'createEnvironment' })
    const other = { ...valid, environments: [...valid.environments, { id: 'counter', vm: 'counter', adapter: { module: './my-counter.js' } }] }
    expect(genesisHash(genesisToProto(parseGenesis(other, { knownVMs })))).not.toBe(genesisHash(genesisToProto(genesis)))
    expect(problemsOf({ ...valid, environments: [{ id: 'counter', vm: 'counter', adapter: { module: '' } }] })).toEqual([
      'environments[0].adapter: must be { "module": "<package or ./path>", "export"?: "<factory name>" }',
    ])
  })

  it('reserves the governance environment id', () => {
    expect(problemsOf({ ...valid, environments: [{ id: 'governance', vm: 'evm' }] })).toContain(
      'environments[0].id: "governance" is reserved for governance transactions',
    )
  })

  it('refuses what is not an object', () => {
    expect(problemsOf([1, 2])).toEqual(['the document must be a JSON object'])
  })

  it('hashes the same chain the same way whatever the key order, and differently when anything changes', () => {
    const reordered = { environments: [...valid.environments].reverse(), governance: valid.governance, nativeDenom: 'wei', chainId: 31337 }
    const hashOf = (document: unknown) => genesisHash(genesisToProto(parseGenesis(document, { knownVMs })))
    expect(hashOf(reordered)).toBe(hashOf(valid))
    expect(hashOf({ ...valid, blockGasLimit: 30_000_000 })).not.toBe(hashOf(valid))
    const otherOptions = { ...valid, environments: [valid.environments[0], { ...valid.environments[1], options: { hardfork: 'cancun' } }] }
    expect(hashOf(otherOptions)).not.toBe(hashOf(valid))
  })
})
