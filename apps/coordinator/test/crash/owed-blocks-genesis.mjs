// The chain of the owed-blocks crash test: two worker-hosted counter environments over LevelDB.
import { join } from 'node:path'

const alice = '0xf39fd6e51aad88f6f4ce6ab8827279cfffb92266'
const bob = '0x70997970c51812dc3a010c7d01b50e0d17dc79c8'
const adapter = { module: '@bulkhead/example-counter-adapter' }

export const owedBlocksGenesis = {
  chainId: 31337,
  nativeDenom: 'ucount',
  governance: [alice],
  environments: [
    { id: 'alpha', vm: 'counter', adapter, allocations: { [alice]: '1000000000' } },
    { id: 'beta', vm: 'counter', adapter, allocations: { [bob]: '1000000000' } },
  ],
}

/** Worker hosting with each environment's LevelDB in `directory/<id>`. */
export function owedBlocksWorkers(directory) {
  return { storage: (id) => ({ levelPath: join(directory, id) }), adapterBaseDirectory: import.meta.dirname }
}
