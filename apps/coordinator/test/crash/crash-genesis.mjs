// The crash test's chain: two counter environments exchanging the native asset.
const alice = '0xf39fd6e51aad88f6f4ce6ab8827279cfffb92266'
const bob = '0x70997970c51812dc3a010c7d01b50e0d17dc79c8'

export const genesisDocument = {
  chainId: 31337,
  nativeDenom: 'ucount',
  defaultMessageTimeout: 5,
  governance: [alice],
  environments: [
    { id: 'alpha', vm: 'counter', allocations: { [alice]: '1000000000000' } },
    { id: 'beta', vm: 'counter', allocations: { [bob]: '1000000000000' } },
  ],
  accounts: { alice, bob },
}
