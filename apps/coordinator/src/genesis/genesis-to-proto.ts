import type { Genesis } from '@bulkhead/proto'
import { canonicalJSON } from './canonical-json.js'
import type { ChainGenesis } from './chain-genesis.js'

const encoder = new TextEncoder()

/** The protobuf form of a validated genesis, whose hash (`genesisHash`) identifies the chain. */
export function genesisToProto(genesis: ChainGenesis): Genesis {
  return {
    chainId: genesis.chainId,
    timestamp: genesis.timestamp,
    nativeDenom: genesis.nativeDenom,
    defaultMessageTimeout: genesis.defaultMessageTimeout,
    blockGasLimit: genesis.blockGasLimit,
    governanceKeys: genesis.governance,
    environments: genesis.environments.map((environment) => ({
      id: environment.id,
      vm: environment.vm,
      blockGasWeight: environment.blockGasWeight,
      permissions: environment.permissions,
      allocations: [...environment.allocations]
        .sort(([left], [right]) => (left < right ? -1 : 1))
        .map(([address, amount]) => ({ address, amount })),
      options: Object.keys(environment.options).length === 0 ? new Uint8Array(0) : encoder.encode(canonicalJSON(environment.options)),
      adapterModule: environment.adapter?.module ?? '',
      adapterExport: environment.adapter === undefined || environment.adapter.export === 'createEnvironment' ? '' : environment.adapter.export,
    })),
  }
}
