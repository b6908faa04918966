import { bytesToHex, hexToBytes, type Hash, type KeyValueOperation, type KeyValueStore } from '@bulkhead/core'
import { BranchMPTNode, ExtensionMPTNode, LeafMPTNode, MerklePatriciaTrie } from '@ethereumjs/mpt'
import { ValueEncoding } from '@ethereumjs/util'
import { createStagedTrieDatabase, type StagedTrieDatabase } from './staged-trie-database.js'

/** Reads and writes of records, the way ledger and host functions see state. */
export interface StateAccess {
  get(key: Uint8Array): Uint8Array | undefined
  set(key: Uint8Array, value: Uint8Array): void
  delete(key: Uint8Array): void
}

/**
 * A throwaway overlay over committed state, for queries: writes land in a map that is
 * dropped afterwards, so nothing a query does is kept.
 */
export function createScratchState(base: (key: Uint8Array) => Uint8Array | undefined): StateAccess {
  const writes = new Map<string, Uint8Array | null>()
  return {
    get(key) {
      const written = writes.get(bytesToHex(key))
      return written === undefined ? base(key) : (written ?? undefined)
    },
    set(key, value) {
      writes.set(bytesToHex(key), value.length === 0 ? null : value.slice())
    },
    delete(key) {
      writes.set(bytesToHex(key), null)
    },
  }
}

/**
 * The environment's state: a Merkle Patricia trie (the root) plus a flat in-memory copy of
 * the committed records, because host functions are synchronous and trie reads are not.
 *
 * Writes go into journal frames (one per transaction, one per nested call) over a block
 * overlay; a failed frame is dropped whole. `seal()` writes the block into the trie and
 * returns the root; `commit()` returns the store operations; `discard()` forgets the block.
 */
export class WorldState implements StateAccess {
  private readonly database: StagedTrieDatabase
  private readonly trie: MerklePatriciaTrie
  private readonly flat = new Map<string, Uint8Array>()
  private readonly block = new Map<string, Uint8Array | null>()
  private readonly frames: Map<string, Uint8Array | null>[] = []

  constructor(store: KeyValueStore) {
    this.database = createStagedTrieDatabase(store)
    this.trie = new MerklePatriciaTrie({ db: this.database, useKeyHashing: false, valueEncoding: ValueEncoding.Bytes })
  }

  /** The root of the sealed (or committed) trie. */
  get root(): Hash {
    return bytesToHex(this.trie.root())
  }

  /** Points the trie at a committed root and reloads the flat copy from it. O(state): rollback and startup only. */
  async load(root: Hash): Promise<void> {
    this.database.discard()
    this.block.clear()
    this.frames.length = 0
    this.trie.root(hexToBytes(root))
    this.flat.clear()
    if (root !== EMPTY_TRIE_ROOT) await this.walk(this.trie.root(), [])
  }

  /**
   * Every record under `node`. Own walk rather than the trie's: `getValueMap` fails on nodes
   * embedded in their parent (under 32 bytes), which small records produce.
   */
  private async walk(reference: Uint8Array | Uint8Array[], path: readonly number[]): Promise<void> {
    const node = await this.trie.lookupNode(reference)
    if (node instanceof LeafMPTNode) {
      this.flat.set(bytesToHex(nibblesToBytes([...path, ...node.key()])), node.value())
    } else if (node instanceof ExtensionMPTNode) {
      await this.walk(node._value as Uint8Array | Uint8Array[], [...path, ...node.key()])
    } else if (node instanceof BranchMPTNode) {
      for (let nibble = 0; nibble < 16; nibble++) {
        const child = node.getBranch(nibble)
        if (child !== null && child.length > 0) await this.walk(child, [...path, nibble])
      }
      const value = node.value()
      if (value !== null && value.length > 0) this.flat.set(bytesToHex(nibblesToBytes(path)), value)
    }
  }

  /** A record as of the last commit, ignoring the open block. */
  committed(key: Uint8Array): Uint8Array | undefined {
    return this.flat.get(bytesToHex(key))
  }

  get(key: Uint8Array): Uint8Array | undefined {
    const hex = bytesToHex(key)
    for (let index = this.frames.length - 1; index >= 0; index--) {
      const value = this.frames[index]!.get(hex)
      if (value !== undefined) return value ?? undefined
    }
    const pending = this.block.get(hex)
    if (pending !== undefined) return pending ?? undefined
    return this.flat.get(hex)
  }

  /** An empty value deletes: the trie cannot hold one. */
  set(key: Uint8Array, value: Uint8Array): void {
    this.top().set(bytesToHex(key), value.length === 0 ? null : value.slice())
  }

  delete(key: Uint8Array): void {
    this.top().set(bytesToHex(key), null)
  }

  private top(): Map<string, Uint8Array | null> {
    return this.frames[this.frames.length - 1] ?? this.block
  }

  /** Opens a journal frame. */
  checkpoint(): void {
    this.frames.push(new Map())
  }

  /** Folds the top frame into the one below (or into the block). */
  commitCheckpoint(): void {
    const frame = this.frames.pop()
    if (frame === undefined) throw new Error('commitCheckpoint without checkpoint')
    const below = this.frames[this.frames.length - 1] ?? this.block
    for (const [key, value] of frame) below.set(key, value)
  }

  /** Drops the top frame: nothing it wrote ever happened. */
  revertCheckpoint(): void {
    if (this.frames.pop() === undefined) throw new Error('revertCheckpoint without checkpoint')
  }

  /** Writes the block's records into the trie and returns the new root. */
  async seal(): Promise<Hash> {
    if (this.frames.length !== 0) throw new Error('seal with open journal frames')
    for (const key of [...this.block.keys()].sort()) {
      const value = this.block.get(key)!
      if (value === null) await this.trie.del(hexToBytes(key))
      else await this.trie.put(hexToBytes(key), value)
    }
    return this.root
  }

  /** After `seal`: the node writes to persist, and the block folded into the flat copy. */
  commit(): KeyValueOperation[] {
    for (const [key, value] of this.block) {
      if (value === null) this.flat.delete(key)
      else this.flat.set(key, value)
    }
    this.block.clear()
    return this.database.flush()
  }

  /** Forgets the open block, sealed or not, and returns to `root`. */
  discard(root: Hash): void {
    this.frames.length = 0
    this.block.clear()
    this.database.discard()
    this.trie.root(hexToBytes(root))
  }
}

/** keccak256(rlp("")): the root of a trie with nothing in it. */
const EMPTY_TRIE_ROOT: Hash = '0x56e81f171bcc55a6ff8345e692c0f86e5b48e01b996cadc001622fb5e363b421'

function nibblesToBytes(nibbles: readonly number[]): Uint8Array {
  const bytes = new Uint8Array(nibbles.length >> 1)
  for (let index = 0; index < bytes.length; index++) bytes[index] = (nibbles[index * 2]! << 4) | nibbles[index * 2 + 1]!
  return bytes
}
