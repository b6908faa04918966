import {
  BranchMPTNode,
  ExtensionMPTNode,
  LeafMPTNode,
  MerklePatriciaTrie,
  type MPTNode,
  type MPTOpts,
  type Path,
  type TrieShallowCopyOpts,
} from '@ethereumjs/mpt'
import { nibblesOf } from '../encoding/nibbles.js'

/**
 * The engine's Merkle Patricia trie with a `findPath` that follows the key down, one node per
 * level. Upstream walks through its general walk controller (a task queue, a promise and a
 * callback per node, made for walking whole tries), which costs more than the nodes it reads:
 * every account and storage read and write of a block goes through it. Same results, stack
 * and errors; a walk resumed from a partial path still goes upstream's way.
 */
export class PathTrie extends MerklePatriciaTrie {
  override async findPath(key: Uint8Array, throwIfMissing = false, partialPath: { stack: MPTNode[] } = { stack: [] }): Promise<Path> {
    if (partialPath.stack.length > 0) return super.findPath(key, throwIfMissing, partialPath)
    const target = nibblesOf(key)
    const stack: MPTNode[] = []
    let progress = 0
    let reference: Uint8Array | Uint8Array[] = this.root()
    try {
      for (;;) {
        const node = await this.lookupNode(reference)
        stack.push(node)
        if (node instanceof BranchMPTNode) {
          if (progress === target.length) return { node, remaining: [], stack }
          const child = node.getBranch(target[progress] as number)
          if (child === null || child === undefined || child.length === 0) return { node: null, remaining: target.slice(progress), stack }
          progress++
          reference = child as Uint8Array | Uint8Array[]
          continue
        }
        const start = progress
        const nibbles = node.key()
        if (node instanceof LeafMPTNode && target.length - progress > nibbles.length) return { node: null, remaining: target.slice(start), stack }
        for (const nibble of nibbles) {
          if (nibble !== target[progress]) return { node: null, remaining: target.slice(start), stack }
          progress++
        }
        if (node instanceof LeafMPTNode) return { node, remaining: [], stack }
        reference = (node as ExtensionMPTNode).value() as Uint8Array | Uint8Array[]
      }
    } catch (error) {
      // As upstream: a node missing from the database ends the path where it is.
      if ((error as Error).message !== 'Missing node in DB' || throwIfMissing) throw error
      return { node: null, remaining: [], stack }
    }
  }

  override shallowCopy(includeCheckpoints = true, options?: TrieShallowCopyOpts): MerklePatriciaTrie {
    // Upstream's copy is a plain MerklePatriciaTrie; storage tries are such copies, so the copy
    // is of this trie's own class (a subclass's database copies into one of the same kind).
    const Trie = this.constructor as new (options: MPTOpts) => PathTrie
    const trie = new Trie({ ...this._opts, db: this._db.db.shallowCopy(), root: this.root(), cacheSize: 0, ...(options ?? {}) })
    if (includeCheckpoints && this.hasCheckpoints()) trie._db.setCheckpoints(this._db.checkpoints)
    return trie
  }
}
