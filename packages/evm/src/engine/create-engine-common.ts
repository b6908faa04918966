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
  return common
}
