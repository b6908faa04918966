import { Common, Hardfork, Mainnet } from '@ethereumjs/common'
import { describe, expect, it } from 'vitest'
import { createEngineCommon } from './create-engine-common.js'
import { loadFastCrypto } from './fast-crypto.js'

const EIPS = Array.from({ length: 8_000 }, (_, index) => index)

describe(createEngineCommon.name, () => {
  it('answers isActivatedEIP as upstream does, on copies and after a hardfork change', async () => {
    const common = createEngineCommon({ chainId: 31_337n, hardfork: 'prague', crypto: await loadFastCrypto() })
    const upstream = (subject: Common) => EIPS.filter((eip) => Common.prototype.isActivatedEIP.call(subject, eip))
    const ours = (subject: Common) => EIPS.filter((eip) => subject.isActivatedEIP(eip))
    expect(common.isActivatedEIP).not.toBe(Common.prototype.isActivatedEIP)
    expect(ours(common)).toEqual(upstream(common))
    expect(ours(common)).toContain(7702)
    const copy = common.copy()
    copy.setHardfork(Hardfork.London)
    expect(ours(copy)).toEqual(upstream(copy))
    expect(ours(copy)).not.toContain(7702)
    // The original is unaffected by its copy's change, and a plain Common still answers the same.
    expect(ours(common)).toContain(7702)
    expect(ours(new Common({ chain: Mainnet, hardfork: Hardfork.Cancun }))).toEqual(upstream(new Common({ chain: Mainnet, hardfork: Hardfork.Cancun })))
  })
})
