import { paramsBlock } from '@ethereumjs/block'
import { Common, Mainnet, createCustomCommon, type Hardfork } from '@ethereumjs/common'
import { paramsTx } from '@ethereumjs/tx'
import type { FastCrypto } from './fast-crypto.js'

export interface EngineCommonOptions {
  readonly chainId: bigint
  readonly hardfork: string
  readonly crypto: FastCrypto
}

/**
 * The ethereumjs `Common` for one environment.
 *
 * `isActivatedEIP` answers from a Set instead of scanning an array (see below).
 *
 * Every transaction and header constructor copies Common and calls `updateParams`, which
 * JSON-clones every EIP's params and rebuilds the params cache (8–9 % of execution time, see
 * PERFORMANCE.md). The tx and block params are applied once here; later calls with a params
 * object that is already applied are skipped. Copies share the override because
 * `Common.copy()` copies own properties.
 */
export function createEngineCommon(options: EngineCommonOptions): Common {
  const common = createCustomCommon({ chainId: Number(options.chainId), name: 'bulkhead-evm' }, Mainnet, {
    hardfork: options.hardfork as Hardfork,
    customCrypto: {
      keccak256: options.crypto.keccak256,
      ...(options.crypto.ecrecover === undefined ? {} : { ecrecover: options.crypto.ecrecover }),
    },
  })
  const applied = new WeakSet<object>()
  const updateParams = Common.prototype.updateParams
  const skipApplied = function (this: Common, params: Parameters<Common['updateParams']>[0]) {
    if (applied.has(params)) return
    applied.add(params)
    updateParams.call(this, params)
  }
  common.updateParams = skipApplied as Common['updateParams']
  common.updateParams(paramsTx)
  common.updateParams(paramsBlock)
  common.isActivatedEIP = isActivatedEIPFromSet
  return common
}

/** The activated-EIPs array Common rebuilds (a new array each time) on a hardfork or EIP change. */
const activatedSets = new WeakMap<readonly number[], ReadonlySet<number>>()

/**
 * `Common.isActivatedEIP` scans that array (~100 entries) on every call, and the EVM asks per
 * opcode and per call frame (~2 % of an ERC-20 transfer's execution). A Set per version of the
 * array answers the same; without the array (another @ethereumjs version), upstream answers.
 */
function isActivatedEIPFromSet(this: Common, eip: number): boolean {
  const activated = (this as unknown as { readonly _activatedEIPsCache?: readonly number[] })._activatedEIPsCache
  if (!Array.isArray(activated)) return Common.prototype.isActivatedEIP.call(this, eip)
  let set = activatedSets.get(activated)
  if (set === undefined) {
    set = new Set(activated)
    activatedSets.set(activated, set)
  }
  return set.has(eip)
}
