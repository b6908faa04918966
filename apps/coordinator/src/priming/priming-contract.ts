/**
 * A 44-byte contract for priming the EVM: called with a 32-byte value `v` it adds `v` to a
 * storage slot keyed by Keccak of the caller, logs `(caller, v)` and returns `v`; called with
 * no data it reverts with 32 bytes. Enough for the shapes a token transfer gives the engine
 * (calldata, hashing, storage reads and writes, a log with topics, return and revert data).
 *
 *   00 36        CALLDATASIZE
 *   01 15        ISZERO
 *   02 6026      PUSH1 0x26        the revert below
 *   04 57        JUMPI
 *   05 33        CALLER
 *   06 6000      PUSH1 0
 *   08 52        MSTORE            mem[0..32] = caller
 *   09 6000      PUSH1 0
 *   0b 35        CALLDATALOAD      v
 *   0c 6020      PUSH1 32
 *   0e 6000      PUSH1 0
 *   10 20        KECCAK256         v slot
 *   11 80        DUP1
 *   12 54        SLOAD             v slot old
 *   13 82        DUP3
 *   14 01        ADD               v slot old+v
 *   15 90        SWAP1
 *   16 55        SSTORE            v
 *   17 80        DUP1
 *   18 6000      PUSH1 0
 *   1a 52        MSTORE            v; mem[0..32] = v
 *   1b 33        CALLER            topics: caller, v
 *   1c 6020      PUSH1 32
 *   1e 6000      PUSH1 0
 *   20 a2        LOG2
 *   21 6020      PUSH1 32
 *   23 6000      PUSH1 0
 *   25 f3        RETURN            v
 *   26 5b        JUMPDEST
 *   27 6020      PUSH1 32
 *   29 6000      PUSH1 0
 *   2b fd        REVERT
 */
const RUNTIME = '3615602657336000526000356020600020805482019055806000523360206000a260206000f35b60206000fd'

/** Copies the 44 bytes after these 11 into memory and returns them as the contract's code. */
const CONSTRUCTOR = '602c80600b6000396000f3'

/** The deployment's data: constructor, then runtime code. */
export const PRIMING_CONTRACT_INITCODE: Uint8Array = Uint8Array.from(Buffer.from(CONSTRUCTOR + RUNTIME, 'hex'))
