import { type TrieNode, type TrieReference, branchNode, extensionNode, leafNode } from './trie-node.js'

/**
 * Writes and reads on a trie of immutable nodes ({@link TrieNode}): a write returns a new root
 * that shares every node off the key's path with the old one. Paths are nibbles, one per byte.
 * `resolve` turns a child reference into its node (it may throw to ask for a node not read yet;
 * nothing is changed before a function returns, so the caller can load it and call again).
 */
export type Resolve = (reference: Uint8Array | TrieNode) => TrieNode

/** What {@link remove} returns when the key was not there. */
export const UNCHANGED: unique symbol = Symbol('unchanged')

/** The value at `path` below `root`, or null. */
export function lookup(resolve: Resolve, root: TrieReference, path: Uint8Array): Uint8Array | null {
  let reference = root
  let position = 0
  while (reference !== null) {
    const node = resolve(reference)
    if (node.kind === 'branch') {
      if (position === path.length) return node.value
      reference = node.children[path[position] as number] as TrieReference
      position++
      continue
    }
    if (!startsWith(path, position, node.path)) return null
    position += node.path.length
    if (node.kind === 'leaf') return position === path.length ? node.value : null
    reference = node.child
  }
  return null
}

/** The node that replaces `reference` once `path` (from `position` on) holds `value`. */
export function insert(resolve: Resolve, reference: TrieReference, path: Uint8Array, position: number, value: Uint8Array): TrieNode {
  if (reference === null) return leafNode(path.subarray(position), value)
  const node = resolve(reference)
  if (node.kind === 'branch') {
    const children = node.children.slice()
    if (position === path.length) return branchNode(children, value)
    const nibble = path[position] as number
    children[nibble] = insert(resolve, children[nibble] as TrieReference, path, position + 1, value)
    return branchNode(children, node.value)
  }
  const shared = sharedLength(node.path, path, position)
  if (shared === node.path.length) {
    if (node.kind === 'extension') return extensionNode(node.path, insert(resolve, node.child, path, position + shared, value))
    if (position + shared === path.length) return leafNode(node.path, value)
  }
  // The paths part inside this node: a branch where they do, under an extension for what they share.
  const children: TrieReference[] = new Array<TrieReference>(16).fill(null)
  let branchValue: Uint8Array | null = null
  if (shared === node.path.length) {
    branchValue = (node as { value: Uint8Array }).value // a leaf whose key is a prefix of this one
  } else {
    const rest = node.path.subarray(shared + 1)
    children[node.path[shared] as number] =
      node.kind === 'leaf' ? leafNode(rest, node.value) : rest.length > 0 ? extensionNode(rest, node.child) : node.child
  }
  if (position + shared === path.length) branchValue = value
  else children[path[position + shared] as number] = leafNode(path.subarray(position + shared + 1), value)
  const branch = branchNode(children, branchValue)
  return shared > 0 ? extensionNode(node.path.subarray(0, shared), branch) : branch
}

/**
 * The reference that replaces `reference` once `path` is gone: a branch left with one child
 * becomes a short node, as the trie is canonical (one shape for one set of keys).
 */
export function remove(resolve: Resolve, reference: TrieReference, path: Uint8Array, position: number): TrieReference | typeof UNCHANGED {
  if (reference === null) return UNCHANGED
  const node = resolve(reference)
  if (node.kind === 'leaf') return position + node.path.length === path.length && startsWith(path, position, node.path) ? null : UNCHANGED
  if (node.kind === 'extension') {
    if (!startsWith(path, position, node.path)) return UNCHANGED
    const child = remove(resolve, node.child, path, position + node.path.length)
    if (child === UNCHANGED) return UNCHANGED
    return child === null ? null : joined(resolve, node.path, child)
  }
  const children = node.children.slice()
  let value = node.value
  if (position === path.length) {
    if (value === null) return UNCHANGED
    value = null
  } else {
    const nibble = path[position] as number
    const child = remove(resolve, children[nibble] as TrieReference, path, position + 1)
    if (child === UNCHANGED) return UNCHANGED
    children[nibble] = child
  }
  let only = -1
  let count = value === null ? 0 : 1
  for (let nibble = 0; nibble < 16; nibble++) {
    if (children[nibble] !== null) {
      only = nibble
      count++
    }
  }
  if (count >= 2) return branchNode(children, value)
  if (count === 0) return null
  // One thing left: the branch becomes a short node, merged with the child's path.
  if (only === -1) return leafNode(new Uint8Array(0), value as Uint8Array)
  return joined(resolve, Uint8Array.of(only), children[only] as Uint8Array | TrieNode)
}

/** `prefix` followed by `reference`: one short node, as the trie keeps no extension above a short node. */
function joined(resolve: Resolve, prefix: Uint8Array, reference: Uint8Array | TrieNode): TrieNode {
  const child = resolve(reference)
  if (child.kind === 'branch') return extensionNode(prefix, reference)
  const path = new Uint8Array(prefix.length + child.path.length)
  path.set(prefix)
  path.set(child.path, prefix.length)
  return child.kind === 'leaf' ? leafNode(path, child.value) : extensionNode(path, child.child)
}

function sharedLength(nodePath: Uint8Array, path: Uint8Array, position: number): number {
  const limit = Math.min(nodePath.length, path.length - position)
  let shared = 0
  while (shared < limit && nodePath[shared] === path[position + shared]) shared++
  return shared
}

function startsWith(path: Uint8Array, position: number, prefix: Uint8Array): boolean {
  if (path.length - position < prefix.length) return false
  for (let index = 0; index < prefix.length; index++) if (path[position + index] !== prefix[index]) return false
  return true
}
