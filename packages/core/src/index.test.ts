import { expect, it } from 'vitest'

it('exports a reviewed public surface', async () => {
  expect(Object.keys(await import('./index.js')).sort()).toMatchInlineSnapshot(`
    [
      "BlockPhaseError",
      "BulkheadError",
      "DEFAULT_PERMISSIONS",
      "DecodeError",
      "EnvironmentClosedError",
      "InvalidArgumentError",
      "MAX_UINT256",
      "NotFoundError",
      "OUTCOME_STATUSES",
      "StorageError",
      "UnsupportedError",
      "VERSION",
      "bytesEqual",
      "bytesToBigInt",
      "bytesToHex",
      "concatBytes",
      "createBoundedCache",
      "createMemoryStore",
      "hexToBytes",
      "isEnvironmentId",
      "isHex",
      "isOutcomeStatus",
      "keccak256",
      "keccak256Hex",
      "merkleRoot",
      "namespacePrefix",
      "normalizeHex",
      "privateKeyToAddress",
      "publicKeyToAddress",
      "recoverAddress",
      "runBlockInSteps",
      "signDigest",
      "uint256ToBytes",
    ]
  `)
})
