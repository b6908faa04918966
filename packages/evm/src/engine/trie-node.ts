import { nibbleBytes } from '../encoding/nibbles.js'

/**
 * Merkle Patricia trie nodes as immutable objects, with their RLP encoding (Ethereum's Yellow
 * Paper, appendix D). A changed node is always a new object, so a node read once can be shared
 * by every trie and every later root that still contains it.
 */

/** A child: none, a node not read yet (its 32-byte hash), or a node in memory. */
export type TrieReference = null | Uint8Array | TrieNode

export type TrieNode = BranchNode | LeafNode | ExtensionNode

/** A node stored by hash: its encoding and hash are known. */
export type SealedNode = TrieNode & { readonly hash: Uint8Array; readonly encoded: Uint8Array }

interface Sealable {
  /** The node's RLP encoding, once computed (nodes are immutable, so it never changes). */
  encoded: Uint8Array | undefined
  /** Keccak of `encoded` when the node is stored by hash (32 bytes or more, or a root). */
  hash: Uint8Array | undefined
}

export interface BranchNode extends Sealable {
  readonly kind: 'branch'
  /** 16 children, one per nibble. */
  readonly children: readonly TrieReference[]
  /** The value of a key that ends here (never, with keys of one length). */
  readonly value: Uint8Array | null
}

export interface LeafNode extends Sealable {
  readonly kind: 'leaf'
  /** The rest of the key, one nibble per byte. */
  readonly path: Uint8Array
  readonly value: Uint8Array
}

export interface ExtensionNode extends Sealable {
  readonly kind: 'extension'
  /** The nibbles all keys below share, one per byte. */
  readonly path: Uint8Array
  readonly child: TrieReference
}

// Every field set at creation: nodes that gain their encoding and hash later keep one shape.
export const branchNode = (children: readonly TrieReference[], value: Uint8Array | null): BranchNode => ({ kind: 'branch', children, value, encoded: undefined, hash: undefined })
export const leafNode = (path: Uint8Array, value: Uint8Array): LeafNode => ({ kind: 'leaf', path, value, encoded: undefined, hash: undefined })
export const extensionNode = (path: Uint8Array, child: TrieReference): ExtensionNode => ({ kind: 'extension', path, child, encoded: undefined, hash: undefined })

// ---- encoding ------------------------------------------------------------------------------

/**
 * Encodes `node`, and the nodes in memory below it that have no encoding yet, bottom-up: each
 * changed node is encoded and hashed once however many keys of a block passed through it.
 * `store` receives every node that is referenced by hash (and `node` itself when `root`).
 */
export function sealNode(node: TrieNode, root: boolean, keccak256: (data: Uint8Array) => Uint8Array, store: (node: SealedNode) => void): Uint8Array {
  let encoded = node.encoded
  if (encoded === undefined) {
    encoded = encodeNode(node, keccak256, store)
    node.encoded = encoded
    if (encoded.length >= 32) {
      node.hash = keccak256(encoded)
      store(node as SealedNode)
    }
  }
  if (root && node.hash === undefined) {
    // A root is stored by hash whatever its size; below a parent it would be inlined.
    node.hash = keccak256(encoded)
    store(node as SealedNode)
  }
  return encoded
}

/**
 * The sealed node as a cache or a trie keeps it: each child stored by hash referred to by its
 * hash, not held as an object, so a kept node does not keep every node below it in memory.
 */
export function detachedNode(node: SealedNode): SealedNode {
  const byHash = (child: TrieReference): TrieReference =>
    child === null || child instanceof Uint8Array || child.hash === undefined || (child.encoded as Uint8Array).length < 32 ? child : child.hash
  let detached: TrieNode
  if (node.kind === 'branch') detached = branchNode(node.children.map(byHash), node.value)
  else if (node.kind === 'extension') detached = extensionNode(node.path, byHash(node.child))
  else return node
  detached.encoded = node.encoded
  detached.hash = node.hash
  return detached as SealedNode
}

// Each node is written into one buffer, sized first: building every item as an array of its
// own, then the list, cost more than hashing the node.

function encodeNode(node: TrieNode, keccak256: (data: Uint8Array) => Uint8Array, store: (node: SealedNode) => void): Uint8Array {
  if (node.kind === 'branch') {
    let payload = node.value === null ? 1 : stringLength(node.value)
    for (const child of node.children) payload += childLength(child, keccak256, store)
    const out = new Uint8Array(headerLength(payload) + payload)
    let offset = writeHeader(out, 0, 0xc0, payload)
    for (const child of node.children) offset = writeChild(out, offset, child)
    if (node.value === null) out[offset] = 0x80
    else writeString(out, offset, node.value)
    return out
  }
  const path = hexPrefix(node.path, node.kind === 'leaf')
  if (node.kind === 'leaf') {
    const payload = stringLength(path) + stringLength(node.value)
    const out = new Uint8Array(headerLength(payload) + payload)
    writeString(out, writeString(out, writeHeader(out, 0, 0xc0, payload), path), node.value)
    return out
  }
  const payload = stringLength(path) + childLength(node.child, keccak256, store)
  const out = new Uint8Array(headerLength(payload) + payload)
  writeChild(out, writeString(out, writeHeader(out, 0, 0xc0, payload), path), node.child)
  return out
}

/** Bytes `child` takes in its parent, sealing it first if it is a node without an encoding. */
function childLength(child: TrieReference, keccak256: (data: Uint8Array) => Uint8Array, store: (node: SealedNode) => void): number {
  if (child === null) return 1
  if (child instanceof Uint8Array) return 33
  const encoded = sealNode(child, false, keccak256, store)
  return encoded.length < 32 ? encoded.length : 33
}

/** Writes a sealed child: nothing (0x80), its hash, or, shorter than a hash, its encoding inlined. */
function writeChild(out: Uint8Array, offset: number, child: TrieReference): number {
  if (child === null) {
    out[offset] = 0x80
    return offset + 1
  }
  const inlined = child instanceof Uint8Array ? undefined : (child.encoded as Uint8Array)
  if (inlined !== undefined && inlined.length < 32) {
    out.set(inlined, offset)
    return offset + inlined.length
  }
  const hash = child instanceof Uint8Array ? child : (child.hash as Uint8Array)
  out[offset] = 0xa0
  // 32 bytes: a loop is cheaper than `set`'s call.
  for (let index = 0; index < 32; index++) out[offset + 1 + index] = hash[index] as number
  return offset + 33
}

/** Bytes `bytes` take as an RLP string item. */
function stringLength(bytes: Uint8Array): number {
  return bytes.length === 1 && (bytes[0] as number) < 0x80 ? 1 : headerLength(bytes.length) + bytes.length
}

function writeString(out: Uint8Array, offset: number, bytes: Uint8Array): number {
  if (bytes.length === 1 && (bytes[0] as number) < 0x80) {
    out[offset] = bytes[0] as number
    return offset + 1
  }
  const start = writeHeader(out, offset, 0x80, bytes.length)
  out.set(bytes, start)
  return start + bytes.length
}

function headerLength(length: number): number {
  let bytes = 1
  if (length > 55) for (let rest = length; rest > 0; rest = Math.floor(rest / 256)) bytes++
  return bytes
}

function writeHeader(out: Uint8Array, offset: number, base: 0x80 | 0xc0, length: number): number {
  if (length <= 55) {
    out[offset] = base + length
    return offset + 1
  }
  const size = headerLength(length) - 1
  out[offset] = base + 55 + size
  for (let index = size, rest = length; index >= 1; index--, rest = Math.floor(rest / 256)) out[offset + index] = rest % 256
  return offset + 1 + size
}

/** Hex-prefix encoding (Yellow Paper, appendix C): the flag nibble, then the path. */
export function hexPrefix(nibbles: ArrayLike<number>, leaf: boolean): Uint8Array {
  const odd = nibbles.length % 2 === 1
  const out = new Uint8Array((nibbles.length >> 1) + 1)
  const flag = (leaf ? 2 : 0) + (odd ? 1 : 0)
  let next = 0
  if (odd) {
    out[0] = (flag << 4) | (nibbles[0] as number)
    next = 1
  } else {
    out[0] = flag << 4
  }
  for (let index = 1; index < out.length; index++, next += 2) out[index] = ((nibbles[next] as number) << 4) | (nibbles[next + 1] as number)
  return out
}

// ---- decoding ------------------------------------------------------------------------------

/** Thrown on bytes that are not a trie node: a store holding something else at a node's key. */
export class MalformedTrieNodeError extends Error {
  override readonly name = 'MalformedTrieNodeError'
}

interface Item {
  readonly list: boolean
  /** The payload: the string's bytes, or the list's items. */
  readonly start: number
  readonly end: number
}

/** Decodes a stored node. Hashes and values are views of `encoded`, which must not change. */
export function decodeNode(encoded: Uint8Array): TrieNode {
  const top = readItem(encoded, 0)
  if (!top.list || top.end !== encoded.length) throw new MalformedTrieNodeError('a trie node is one RLP list')
  const node = nodeFromList(encoded, top)
  node.encoded = encoded
  return node
}

function nodeFromList(bytes: Uint8Array, list: Item): TrieNode {
  const items: Item[] = []
  for (let offset = list.start; offset < list.end; ) {
    const item = readItem(bytes, offset)
    items.push(item)
    offset = item.end
  }
  if (items.length === 17) {
    const children = items.slice(0, 16).map((item) => referenceFrom(bytes, item))
    const value = items[16] as Item
    if (value.list) throw new MalformedTrieNodeError("a branch's value is a string")
    return branchNode(children, value.end === value.start ? null : bytes.subarray(value.start, value.end))
  }
  if (items.length !== 2) throw new MalformedTrieNodeError(`a trie node has 2 or 17 items, not ${items.length}`)
  const [keyItem, second] = items as [Item, Item]
  if (keyItem.list || keyItem.end === keyItem.start) throw new MalformedTrieNodeError('a short node starts with its hex-prefixed path')
  const flag = (bytes[keyItem.start] as number) >> 4
  if (flag > 3) throw new MalformedTrieNodeError(`unknown hex-prefix flag ${flag}`)
  const path = pathFrom(bytes.subarray(keyItem.start, keyItem.end), (flag & 1) === 1)
  if (flag >= 2) {
    if (second.list) throw new MalformedTrieNodeError("a leaf's value is a string")
    return leafNode(path, bytes.subarray(second.start, second.end))
  }
  return extensionNode(path, referenceFrom(bytes, second))
}

function referenceFrom(bytes: Uint8Array, item: Item): TrieReference {
  if (item.list) return nodeFromList(bytes, item)
  const length = item.end - item.start
  if (length === 0) return null
  if (length !== 32) throw new MalformedTrieNodeError(`a child reference is a 32-byte hash or an inlined node, not ${length} bytes`)
  return bytes.subarray(item.start, item.end)
}

function pathFrom(prefixed: Uint8Array, odd: boolean): Uint8Array {
  const nibbles = nibbleBytes(prefixed)
  return nibbles.subarray(odd ? 1 : 2)
}

function readItem(bytes: Uint8Array, offset: number): Item {
  const first = bytes[offset]
  if (first === undefined) throw new MalformedTrieNodeError('truncated RLP')
  let item: Item
  if (first < 0x80) item = { list: false, start: offset, end: offset + 1 }
  else if (first <= 0xb7) item = { list: false, start: offset + 1, end: offset + 1 + first - 0x80 }
  else if (first < 0xc0) item = longItem(bytes, offset, first - 0xb7, false)
  else if (first <= 0xf7) item = { list: true, start: offset + 1, end: offset + 1 + first - 0xc0 }
  else item = longItem(bytes, offset, first - 0xf7, true)
  if (item.end > bytes.length) throw new MalformedTrieNodeError('truncated RLP')
  return item
}

function longItem(bytes: Uint8Array, offset: number, lengthOfLength: number, list: boolean): Item {
  let length = 0
  for (let index = 1; index <= lengthOfLength; index++) length = length * 256 + (bytes[offset + index] ?? 0)
  const start = offset + 1 + lengthOfLength
  return { list, start, end: start + length }
}
