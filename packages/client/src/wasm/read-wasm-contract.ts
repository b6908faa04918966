import { bytesToHex, concat, stringToHex, type Address, type Client, type Hex } from 'viem'
import { queryEnvironment, type EnvironmentQueryResults } from '../actions/query-environment.js'

export interface ReadWasmContractParameters {
  readonly contract: Address
  readonly function: string
  readonly args?: Uint8Array | Hex
  /** The caller the contract sees [the zero address]. */
  readonly from?: Address
  /** [`wasm`] */
  readonly environment?: string
}

/**
 * Runs a WASM contract function against committed state without a transaction (a `call`
 * query whose data is the function name, a zero byte, then the arguments).
 */
export async function readWasmContract(client: Client, parameters: ReadWasmContractParameters): Promise<EnvironmentQueryResults['call']> {
  const args = parameters.args === undefined ? '0x' : typeof parameters.args === 'string' ? parameters.args : bytesToHex(parameters.args)
  return queryEnvironment(client, {
    environment: parameters.environment ?? 'wasm',
    request: { method: 'call', to: parameters.contract, data: concat([stringToHex(parameters.function), '0x00', args]), ...(parameters.from === undefined ? {} : { from: parameters.from }) },
  })
}
