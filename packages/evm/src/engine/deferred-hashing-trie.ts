import { InvalidArgumentError, createBoundedCache, type BoundedCache, bytesEqual } from '@bulkhead/core'
import type { MPTOpts } from '@ethereumjs/mpt'
import { unprefixedHex } from '../encoding/fast-hex.js'
import { nibbleBytes } from '../encoding/nibbles.js'
import type { NodeStaging } from '../storage/staged-trie-database.js'
import { PathTrie } from './path-trie.js'
import { UNCHANGED, insert, lookup, remove } from './trie-edits.js'
import { type TrieNode, type TrieReference, decodeNode, detachedNode, sealNode } from './trie-node.js'

export interface DeferredHashingTrieOptions extends MPTOpts {
  readonly db: NodeStaging & NonNullable<MPTOpts['db']>
}

/** Decoded nodes kept per database: the hot top of the account and storage tries, and more. */
const DECODED_NODES = 10_000

/**
 * Decoded nodes by database, shared by every trie over it (the state, each storage trie, the
 * queries' tries): a node is content-addressed, so one decoding serves them all.
 */
const decodedByDatabase = new WeakMap<NodeStaging, BoundedCache<string, TrieNode>>()

function decodedNodesOf(database: NodeStaging): BoundedCache<string, TrieNode> {
  let decoded = decodedByDatabase.get(database)
  if (decoded === undefined) {
    decoded = createBoundedCache<string, TrieNode>(DECODED_NODES)
    decodedByDatabase.set(database, decoded)
  }
  return decoded
}

/** A node the operation needs is not in memory: read it, then run the operation again. */
class NodeNotLoaded {
  constructor(
    readonly key: string,
    readonly hash: Uint8Array,
  ) {}
}

/**
 * The engine's Merkle Patricia trie with writes that change decoded nodes in memory, hashed
 * once when the root is next read. Upstream's `put` walks the path through the database,
 * decodes every node on it, then encodes, hashes and writes them all again, for each key: a
 * block's writes share the top of the trie, and its state root is read once. Here a write
 * replaces the nodes on its path with new objects (nodes are immutable, so decoded ones are
 * shared between tries and roots), and `root()` encodes and hashes the changed nodes
 * bottom-up, writing each once. Same roots and values as upstream; only the nodes of roots
 * that were read are stored (upstream also stores the path each key left behind).
 *
 * Refuses pruning, root persistence and key prefixes, which the state manager does not use.
 * Reads and proofs this class does not override (`findPath`, walks) read the database, after
 * `root()` has written the changed nodes to it: they call `root()` first.
 */
export class DeferredHashingTrie extends PathTrie {
  // TypeScript-private, not #private: the engine's constructor calls `root()` before they exist.
  private memoryRoot: TrieReference = null
  private readonly decoded: BoundedCache<string, TrieNode>
  private readonly staging: NodeStaging

  constructor(options: DeferredHashingTrieOptions) {
    super(options)
    if (options.useNodePruning === true || options.useRootPersistence === true || options.keyPrefix !== undefined) {
      throw new InvalidArgumentError('DeferredHashingTrie supports neither node pruning, root persistence nor key prefixes')
    }
    this.staging = options.db
    this.decoded = decodedNodesOf(options.db)
    this.memoryRoot = this.#referenceOf(super.root())
  }

  /** The root: reading it encodes and hashes the nodes written since, and stores them. */
  override root(value?: Uint8Array | null): Uint8Array {
    if (this.decoded === undefined) return super.root(value)
    if (value !== undefined) {
      const root = super.root(value)
      this.memoryRoot = this.#referenceOf(root)
      return root
    }
    const memoryRoot = this.memoryRoot
    // Deleting every key leaves no node: the empty trie's root, not the last one sealed.
    if (memoryRoot === null) return super.root(this.EMPTY_TRIE_ROOT)
    if (memoryRoot instanceof Uint8Array) return super.root()
    if (memoryRoot.hash === undefined) {
      let sealedRoot: TrieNode = memoryRoot
      sealNode(memoryRoot, true, (data) => this.hash(data), (sealed) => {
        const key = unprefixedHex(sealed.hash)
        // Kept by hash below: memory holds the cache's nodes, not every node written since start.
        const node = detachedNode(sealed)
        this.decoded.set(key, node)
        sealedRoot = node
        // Inside a checkpoint the node goes to its layer, as upstream's writes do: a reverted
        // call (eth_call, estimates) leaves nothing to store.
        const checkpoints = this._db.checkpoints
        const layer = checkpoints[checkpoints.length - 1]
        if (layer === undefined) this.staging.stageNode(key, node.encoded)
        else layer.keyValueMap.set(key, node.encoded)
      })
      // The root is sealed last.
      this.memoryRoot = sealedRoot
    }
    return super.root(memoryRoot.hash as Uint8Array)
  }

  override async get(key: Uint8Array, throwIfMissing = false): Promise<Uint8Array | null> {
    const path = nibbleBytes(this.appliedKey(key))
    try {
      return await this.#whenLoaded(() => lookup(this.#resolve, this.memoryRoot, path))
    } catch (error) {
      // As upstream: a node missing from the database reads as no value, unless asked.
      if (error instanceof MissingNodeError && !throwIfMissing) return null
      throw error
    }
  }

  override async put(key: Uint8Array, value: Uint8Array | null, skipKeyTransform = false): Promise<void> {
    if (skipKeyTransform) return super.put(key, value, skipKeyTransform)
    if (value === null || value.length === 0) return this.del(key)
    const path = nibbleBytes(this.appliedKey(key))
    // Assigned inside the operation: another write may run while this one waits for a node.
    await this.#whenLoaded(() => {
      this.memoryRoot = insert(this.#resolve, this.memoryRoot, path, 0, value)
    })
  }

  override async del(key: Uint8Array, skipKeyTransform = false): Promise<void> {
    if (skipKeyTransform) return super.del(key, skipKeyTransform)
    const path = nibbleBytes(this.appliedKey(key))
    await this.#whenLoaded(() => {
      const updated = remove(this.#resolve, this.memoryRoot, path, 0)
      if (updated !== UNCHANGED) this.memoryRoot = updated
    })
  }

  /**
   * Runs `operation`, which reads only nodes in memory, until it stops asking for one: each
   * node it asks for is read from the database first. Operations change nothing until they
   * return, so running one again is safe.
   */
  async #whenLoaded<T>(operation: () => T): Promise<T> {
    for (;;) {
      try {
        return operation()
      } catch (error) {
        if (!(error instanceof NodeNotLoaded)) throw error
        // Through the checkpoint layers, then the database.
        const stored = await this._db.get(error.hash)
        if (stored === undefined) throw new MissingNodeError()
        this.#keepDecoded(error.key, error.hash, stored)
      }
    }
  }

  /** A node in memory, decoded from bytes at hand if need be; else {@link NodeNotLoaded} is thrown. */
  readonly #resolve = (reference: Uint8Array | TrieNode): TrieNode => {
    if (!(reference instanceof Uint8Array)) return reference
    const key = unprefixedHex(reference)
    const cached = this.decoded.get(key)
    if (cached !== undefined) return cached
    const bytes = this.staging.peek(key)
    if (bytes === undefined) throw new NodeNotLoaded(key, reference)
    return this.#keepDecoded(key, reference, bytes)
  }

  #keepDecoded(key: string, hash: Uint8Array, bytes: Uint8Array): TrieNode {
    const node = decodeNode(bytes)
    node.hash = hash
    this.decoded.set(key, node)
    return node
  }

  #referenceOf(root: Uint8Array): TrieReference {
    return bytesEqual(root, this.EMPTY_TRIE_ROOT) ? null : root
  }
}

/** As upstream, so that callers that match on the message (the state manager, proofs) still do. */
class MissingNodeError extends Error {
  constructor() {
    super('Missing node in DB')
  }
}

