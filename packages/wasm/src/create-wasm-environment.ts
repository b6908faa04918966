import {
  BlockPhaseError,
  EnvironmentClosedError,
  InvalidArgumentError,
  NotFoundError,
  StorageError,
  UnsupportedError,
  bytesToHex,
  concatBytes,
  createMemoryStore,
  hexToBytes,
  keccak256Hex,
  namespacePrefix,
  runBlockInSteps,
  type Address,
  type BlockContext,
  type BlockInput,
  type CommittedHead,
  type DeliveryResult,
  type EndBlockResult,
  type EnvironmentCapabilities,
  type ExecutionEnvironment,
  type Hash,
  type InboundDelivery,
  type OutboundMessage,
  type QueryRequest,
  type QueryResult,
  type Receipt,
  type ResourceLimits,
  type SentMessage,
  type TransactionCheck,
  type TransactionEnvelope,
} from '@bulkhead/core'
import { decodeSignedWasmTransaction, wasmTransactionHash, wasmTransactionSigningHash, type SignedWasmTransaction } from '@bulkhead/proto'
import { WasmValidationError } from './errors/wasm-validation-error.js'
import { contractAddress } from './execution/contract-address.js'
import { DEFAULT_HOST_LIMITS, type HostLimits } from './execution/host-limits.js'
import { recoverSender } from './execution/recover-sender.js'
import { runContract, type RunContractResult } from './execution/run-contract.js'
import type { HostContext } from './host/host-api.js'
import { GAS_SCHEDULE_V2, type GasSchedule } from './metering/gas-schedule.js'
import { Ledger } from './state/ledger.js'
import { stateKeys } from './state/state-keys.js'
import { WorldState, createScratchState } from './state/world-state.js'
import { DEFAULT_VALIDATION_LIMITS, type WasmValidationLimits } from './validation/validation-limits.js'
import type { ValidatedModule } from './validation/validate-module.js'
import type { WASMEnvironmentOptions } from './wasm-environment-options.js'
import { createWasmerWasiProvider } from './wasi/wasmer-wasi-provider.js'

/** The export an inbound ContractCall runs; it reads the call data as its input. */

/** Validation and metering load binaryen (about half a second): imported on the first deploy. */
let tooling: Promise<typeof import('./tooling.js')> | undefined
const loadTooling = () => (tooling ??= import('./tooling.js'))

export const XENV_CALL_ENTRY = 'on_xenv_call'
/** The export a deployment runs after the start function, with the init args as input; optional. */
export const INIT_ENTRY = 'init'

const ZERO_ADDRESS: Address = `0x${'00'.repeat(20)}`

interface OpenBlock {
  readonly context: BlockContext
  readonly gasLimit: bigint
  gasUsed: bigint
  burned: bigint
  executed: boolean
  transactionIndex: number
  readonly messages: OutboundMessage[]
  readonly code: Map<Hash, Uint8Array>
  end?: EndBlockResult
}

interface Settings {
  readonly id: string
  readonly chainId: bigint
  readonly denom: string
  readonly limits: ResourceLimits
  readonly validation: WasmValidationLimits
  readonly host: HostLimits
  readonly schedule: GasSchedule
}

/**
 * Creates the WebAssembly execution environment: protobuf transactions signed like
 * Ethereum personal messages, contracts validated and metered at upload, run on the host's
 * WebAssembly engine against the `env` host API and a deterministic WASI subset, with state
 * in a Merkle Patricia trie kept in a {@link KeyValueStore}.
 *
 * Resumes at the store's committed head when it already holds a chain.
 */
export async function createWASMEnvironment(options: WASMEnvironmentOptions = {}): Promise<ExecutionEnvironment> {
  const settings = resolveOptions(options)
  const { id, denom, limits, schedule } = settings
  const store = options.store ?? createMemoryStore()
  const codeStore = store.namespace('code')
  const metaStore = store.namespace('meta')
  const state = new WorldState(store.namespace('trie'))
  const ledger = new Ledger(state)
  const committedLedger = new Ledger({
    get: (key) => state.committed(key),
    set: () => {
      throw new Error('committed state is read-only')
    },
    delete: () => {
      throw new Error('committed state is read-only')
    },
  })
  const wasi = await createWasmerWasiProvider()
  const modules = new Map<Hash, WebAssembly.Module>()

  let head = await loadOrCreateGenesis()
  let open: OpenBlock | undefined
  let closed = false

  const capabilities: EnvironmentCapabilities = Object.freeze({
    // Acknowledgements of its own messages arrive as `acknowledgement` deliveries.
    receives: Object.freeze(['asset_transfer', 'contract_call', 'state_sync', 'acknowledgement'] as const),
    sends: Object.freeze(['asset_transfer', 'contract_call', 'state_sync'] as const),
    denoms: Object.freeze([denom]),
    // Nothing here depends on time or height alone: only deliveries and transactions change state.
    emptyBlocksKeepState: true,
  })

  async function loadOrCreateGenesis(): Promise<CommittedHead> {
    const stored = await metaStore.get(headKey)
    if (stored !== undefined) {
      const committed = decodeHead(stored)
      await state.load(committed.stateRoot)
      return committed
    }
    for (const [address, balance] of Object.entries(options.genesis ?? {})) {
      if (balance > 0n) ledger.mint(address.toLowerCase() as Address, denom, balance)
    }
    const stateRoot = await state.seal()
    const genesis = { height: 0n, stateRoot }
    await persist(genesis, state.commit(), new Map())
    return genesis
  }

  async function persist(committed: CommittedHead, operations: ReturnType<WorldState['commit']>, code: Map<Hash, Uint8Array>) {
    const encodedHead = encodeHead(committed)
    try {
      await store.batch([
        ...operations.map((operation) => prefixed(operation, 'trie')),
        ...[...code].map(([hash, bytes]) => ({ type: 'put' as const, key: concatBytes(namespaceKey('code'), hexToBytes(hash)), value: bytes })),
        { type: 'put', key: concatBytes(namespaceKey('meta'), headKey), value: encodedHead },
        { type: 'put', key: concatBytes(namespaceKey('meta'), rootKey(committed.height)), value: hexToBytes(committed.stateRoot) },
      ])
    } catch (error) {
      throw new StorageError(`WASM environment "${id}" could not write height ${committed.height}`, { cause: error })
    }
  }

  // One atomic batch across the namespaces: a namespace's keys seen from its parent carry
  // the prefix `namespacePrefix` gives, in every KeyValueStore implementation.
  function namespaceKey(name: string): Uint8Array {
    return namespacePrefix(new Uint8Array(0), name)
  }
  function prefixed(operation: ReturnType<WorldState['commit']>[number], name: string) {
    return { ...operation, key: concatBytes(namespaceKey(name), operation.key) }
  }

  function assertUsable(): void {
    if (closed) throw new EnvironmentClosedError(`WASM environment "${id}" is closed`)
  }

  function requireOpen(method: string): OpenBlock {
    assertUsable()
    if (open === undefined || open.end !== undefined) throw new BlockPhaseError(`${method} needs an open block (call beginBlock first)`)
    return open
  }

  async function loadModule(codeHash: Hash, pending?: Map<Hash, Uint8Array>): Promise<WebAssembly.Module> {
    const cached = modules.get(codeHash)
    if (cached !== undefined) return cached
    const bytes = pending?.get(codeHash) ?? (await codeStore.get(hexToBytes(codeHash)))
    if (bytes === undefined) throw new StorageError(`code ${codeHash} is missing from the store`)
    const module = new WebAssembly.Module(bytes)
    modules.set(codeHash, module)
    return module
  }

  /** Validates a module, then meters it: binaryen is loaded on the first call, not at start-up. */
  async function validateAndMeter(code: Uint8Array): Promise<{ validated: ValidatedModule; metered: Uint8Array }> {
    const { validateModule, instrumentModule } = await loadTooling()
    const validated = validateModule(code, settings.validation)
    const metered = instrumentModule(code, {
      schedule,
      maxMemoryPages: settings.validation.maxMemoryPages,
      maxCallDepth: limits.maxCallDepth,
      maxExpressionDepth: settings.validation.maxExpressionDepth,
    })
    return { validated, metered }
  }

  function hostContext(fields: Omit<HostContext, 'environment' | 'denom' | 'schedule' | 'limits'>): HostContext {
    return { ...fields, environment: id, denom, schedule, limits: settings.host }
  }

  // ── admission ────────────────────────────────────────────────────────────────────────

  interface Admitted {
    readonly signed: SignedWasmTransaction
    readonly hash: Hash
    readonly sender: Address
    readonly intrinsicGas: bigint
  }

  /**
   * Decoding, signature, chain, environment, nonce, gas and funds. `nonce: 'exact'` at
   * execution; `'at-least'` at admission, so a sender can queue several transactions.
   */
  function admit(
    payload: Uint8Array,
    view: Ledger,
    gasLeftInBlock: bigint,
    nonceRule: 'exact' | 'at-least',
  ): { admitted: Admitted } | { rejected: Omit<TransactionCheck, 'status'> } {
    if (payload.length > limits.maxTransactionBytes) {
      return { rejected: { reason: `transaction is ${payload.length} bytes; the limit is ${limits.maxTransactionBytes}` } }
    }
    let signed: SignedWasmTransaction
    try {
      signed = decodeSignedWasmTransaction(payload)
    } catch (error) {
      return { rejected: { reason: `cannot decode: ${(error as Error).message.split('\n')[0]}` } }
    }
    const hash = wasmTransactionHash(signed)
    const { transaction } = signed
    const base = {
      hash,
      nonce: transaction.nonce,
      gasLimit: transaction.gasLimit,
      ...(transaction.action.kind === 'call' ? { to: transaction.action.contract } : {}),
    }
    if (transaction.chainId !== settings.chainId) {
      return { rejected: { ...base, reason: `chain id ${transaction.chainId} is not this chain's ${settings.chainId}` } }
    }
    if (transaction.environment !== id) {
      return { rejected: { ...base, reason: `transaction is for environment "${transaction.environment}", not "${id}"` } }
    }
    const recovered = recoverSender(wasmTransactionSigningHash(transaction), signed.signature)
    if ('reason' in recovered) return { rejected: { ...base, reason: recovered.reason } }
    const sender = recovered.address
    const withSender = { ...base, sender }
    const expectedNonce = view.nonce(sender)
    if (nonceRule === 'exact' ? transaction.nonce !== expectedNonce : transaction.nonce < expectedNonce) {
      return { rejected: { ...withSender, reason: `nonce ${transaction.nonce} is not the sender's next nonce ${expectedNonce}` } }
    }
    if (transaction.gasLimit > limits.transactionGasLimit) {
      return { rejected: { ...withSender, reason: `gas limit ${transaction.gasLimit} is above the transaction limit ${limits.transactionGasLimit}` } }
    }
    if (transaction.gasLimit > gasLeftInBlock) {
      return { rejected: { ...withSender, reason: `gas limit ${transaction.gasLimit} does not fit in the block's remaining ${gasLeftInBlock}` } }
    }
    let intrinsicGas = schedule.transactionBase + BigInt(payload.length) * schedule.transactionByte
    if (transaction.action.kind === 'deploy') intrinsicGas += BigInt(transaction.action.code.length) * schedule.instrumentByte
    if (transaction.gasLimit < intrinsicGas) {
      return { rejected: { ...withSender, reason: `gas limit ${transaction.gasLimit} is below the intrinsic gas ${intrinsicGas}` } }
    }
    const cost = transaction.gasLimit * transaction.gasPrice + transaction.value
    const balance = view.balance(sender, denom)
    if (balance < cost) {
      return { rejected: { ...withSender, reason: `balance ${balance} is below gas limit × gas price + value = ${cost}` } }
    }
    if (transaction.action.kind === 'call' && isReservedEntry(transaction.action.function)) {
      return { rejected: { ...withSender, reason: `"${transaction.action.function}" is a lifecycle export and cannot be called by a transaction` } }
    }
    return { admitted: { signed, hash, sender, intrinsicGas } }
  }

  // ── execution ────────────────────────────────────────────────────────────────────────

  async function executeOne(block: OpenBlock, envelope: TransactionEnvelope): Promise<Receipt> {
    const index = block.transactionIndex++
    const rejected = (fields: Omit<TransactionCheck, 'status'>, fallbackHash: Hash): Receipt => ({
      transactionHash: fields.hash ?? fallbackHash,
      environment: id,
      index,
      status: 'rejected',
      reason: fields.reason ?? 'rejected',
      ...(fields.sender === undefined ? {} : { sender: fields.sender }),
      gasUsed: 0n,
      returnData: new Uint8Array(0),
      events: [],
      messageCount: 0,
    })
    if (envelope.environment !== id) {
      return rejected({ reason: `envelope is for environment "${envelope.environment}"` }, keccak256Hex(envelope.payload))
    }
    const admission = admit(envelope.payload, ledger, block.gasLimit - block.gasUsed, 'exact')
    if ('rejected' in admission) return rejected(admission.rejected, keccak256Hex(envelope.payload))
    const { signed, hash, sender } = admission.admitted
    const { transaction } = signed
    const action = transaction.action

    // Deploy: validate and meter before anything changes; a refusal is a rejection.
    let deployment: { address: Address; codeHash: Hash; metered: Uint8Array; usesWasi: boolean; module: WebAssembly.Module } | undefined
    let intrinsicGas = admission.admitted.intrinsicGas
    if (action.kind === 'deploy') {
      try {
        const { validated, metered } = await validateAndMeter(action.code)
        const module = new WebAssembly.Module(metered)
        deployment = {
          address: contractAddress(sender, transaction.nonce),
          codeHash: keccak256Hex(metered),
          metered,
          usesWasi: validated.usesWasi,
          module,
        }
      } catch (error) {
        const reason =
          error instanceof WasmValidationError
            ? `invalid module (${error.rule}): ${error.shortMessage}`
            : `invalid module: ${(error as Error).message}`
        return rejected({ hash, sender, reason }, hash)
      }
      intrinsicGas += BigInt(deployment.metered.length) * schedule.deployByte
      if (transaction.gasLimit < intrinsicGas) {
        return rejected({ hash, sender, reason: `gas limit ${transaction.gasLimit} is below the deployment's intrinsic gas ${intrinsicGas}` }, hash)
      }
    }

    // From here the transaction is in the block: the nonce is used and gas is paid whatever happens.
    ledger.setNonce(sender, transaction.nonce + 1n)
    const target = action.kind === 'deploy' ? deployment!.address : action.contract
    const executionGas = transaction.gasLimit - intrinsicGas
    state.checkpoint()
    let result: RunContractResult | undefined
    let status: Receipt['status'] = 'ok'
    let reason: string | undefined
    if (transaction.value > 0n && !ledger.transfer(sender, target, denom, transaction.value)) {
      // Admission checked the balance; this cannot happen, but a refusal must not mint.
      status = 'reverted'
      reason = 'insufficient balance for value'
    } else if (deployment !== undefined) {
      ledger.setContract(target, { codeHash: deployment.codeHash, usesWasi: deployment.usesWasi, scheduleVersion: schedule.version })
      result = runContract({
        module: deployment.module,
        usesWasi: deployment.usesWasi,
        wasi,
        context: callContext(block, target, sender, transaction.value, (action as { initArgs: Uint8Array }).initArgs, hash),
        entry: INIT_ENTRY,
        entryOptional: true,
        gasLimit: executionGas,
      })
    } else if (action.kind === 'call') {
      const record = ledger.contract(target)
      if (record !== undefined) {
        result = runContract({
          module: await loadModule(record.codeHash, block.code),
          usesWasi: record.usesWasi,
          wasi,
          context: callContext(block, target, sender, transaction.value, action.args, hash),
          entry: action.function,
          gasLimit: executionGas,
        })
      }
      // No contract at the address: a plain value transfer, as an Ethereum call to an account.
    }
    if (result !== undefined) {
      status = result.status
      if (result.reason !== undefined) reason = result.reason
    }
    const ok = status === 'ok'
    if (ok) state.commitCheckpoint()
    else state.revertCheckpoint()

    const gasUsed = status === 'out_of_gas' ? transaction.gasLimit : intrinsicGas + (result?.gasUsed ?? 0n)
    const fee = gasUsed * transaction.gasPrice
    // Fees are burned: there is no block reward in a multi-environment chain's WASM side.
    ledger.burn(sender, denom, fee)
    block.burned += fee
    block.gasUsed += gasUsed
    if (ok && deployment !== undefined) {
      block.code.set(deployment.codeHash, deployment.metered)
      modules.set(deployment.codeHash, deployment.module)
    }
    const messages = ok ? (result?.effects.messages ?? []) : []
    block.messages.push(...messages)
    const debugLog = result?.debugLog ?? ''
    return {
      transactionHash: hash,
      environment: id,
      index,
      status,
      ...(reason === undefined ? {} : { reason }),
      sender,
      ...(deployment !== undefined && ok ? { contractAddress: deployment.address } : {}),
      gasUsed,
      returnData: result?.returnData ?? new Uint8Array(0),
      events: ok ? (result?.effects.events ?? []) : [],
      messageCount: messages.length,
      extensions: { gasSchedule: schedule.version, ...(debugLog === '' ? {} : { debugLog }) },
    }
  }

  function callContext(block: OpenBlock, self: Address, caller: Address, value: bigint, input: Uint8Array, transactionHash: Hash) {
    return hostContext({
      ledger,
      block: block.context,
      self,
      caller,
      value,
      input,
      transactionHash,
      messageBudget: limits.maxMessagesPerTransaction,
    })
  }

  // ── deliveries ───────────────────────────────────────────────────────────────────────

  async function deliverOne(block: OpenBlock, delivery: InboundDelivery): Promise<DeliveryResult> {
    const { message } = delivery
    const refused = (reason: string): DeliveryResult => ({ status: 'rejected', reason, gasUsed: 0n, events: [] })
    if (delivery.kind !== 'message') {
      if (message.source !== id) return refused(`${delivery.kind} is for messages sent by "${message.source}", not "${id}"`)
      const failed = delivery.kind === 'timeout' || !delivery.acknowledgement.success
      const body = message.body
      if (failed && body.kind === 'asset_transfer' && body.denom === denom) {
        // The escrowed value comes back to the contract that sent it.
        ledger.mint(normalizeAddress(body.sender) ?? ZERO_ADDRESS, denom, body.amount)
        return { status: 'ok', gasUsed: 0n, refunded: body.amount, events: [] }
      }
      return { status: 'ok', gasUsed: 0n, refunded: 0n, events: [] }
    }
    if (message.destination !== id) return refused(`message is for "${message.destination}", not "${id}"`)
    const body = message.body
    const ack = (success: boolean, error = '', result: Uint8Array = new Uint8Array(0)) => ({ kind: 'acknowledgement' as const, success, result, error })
    switch (body.kind) {
      case 'asset_transfer': {
        const receiver = normalizeAddress(body.receiver)
        if (body.denom !== denom) {
          return { status: 'reverted', reason: `unknown denom "${body.denom}"`, gasUsed: 0n, events: [], acknowledgement: ack(false, `unknown denom "${body.denom}"; this environment holds "${denom}"`) }
        }
        if (receiver === undefined) {
          return { status: 'reverted', reason: 'receiver is not a 20-byte address', gasUsed: 0n, events: [], acknowledgement: ack(false, 'receiver is not a 20-byte address') }
        }
        ledger.mint(receiver, denom, body.amount)
        return { status: 'ok', gasUsed: 0n, events: [], acknowledgement: ack(true) }
      }
      case 'state_sync': {
        const key = stateKeys.mirror(message.source, hexToBytes(body.publisher), body.key)
        const existing = state.get(key)
        const version = existing === undefined ? -1n : BigInt(bytesToHex(existing.subarray(0, 32)))
        // A mirror keeps only the highest version; an older one is acknowledged and ignored.
        if (body.version > version) state.set(key, concatBytes(uint256(body.version), body.value))
        return { status: 'ok', gasUsed: 0n, events: [], acknowledgement: ack(true) }
      }
      case 'contract_call':
        return deliverCall(block, message as SentMessage & { body: typeof body })
      default:
        return refused(`cannot receive a ${(body as { kind: string }).kind}`)
    }
  }

  async function deliverCall(block: OpenBlock, message: SentMessage & { body: { kind: 'contract_call' } }): Promise<DeliveryResult> {
    const { body } = message
    const fail = (status: DeliveryResult['status'], reason: string, gasUsed = 0n): DeliveryResult => ({
      status,
      reason,
      gasUsed,
      events: [],
      acknowledgement: { kind: 'acknowledgement', success: false, result: new Uint8Array(0), error: reason },
    })
    const contract = normalizeAddress(body.contract)
    const record = contract === undefined ? undefined : ledger.contract(contract)
    if (contract === undefined || record === undefined) return fail('reverted', `no contract at ${body.contract}`)
    const caller = normalizeAddress(body.sender) ?? ZERO_ADDRESS
    const gasLimit = minBigInt(body.gasLimit, limits.transactionGasLimit, block.gasLimit - block.gasUsed)
    state.checkpoint()
    const result = runContract({
      module: await loadModule(record.codeHash, block.code),
      usesWasi: record.usesWasi,
      wasi,
      context: callContext(block, contract, caller, 0n, body.data, message.originTransaction),
      entry: XENV_CALL_ENTRY,
      gasLimit,
    })
    block.gasUsed += result.gasUsed
    if (result.status !== 'ok') {
      state.revertCheckpoint()
      return fail(result.status, result.reason ?? result.status, result.gasUsed)
    }
    state.commitCheckpoint()
    block.messages.push(...result.effects.messages)
    return {
      status: 'ok',
      gasUsed: result.gasUsed,
      events: result.effects.events,
      acknowledgement: { kind: 'acknowledgement', success: true, result: result.returnData, error: '' },
    }
  }

  // ── queries ──────────────────────────────────────────────────────────────────────────

  async function runQueryCall(request: { from?: Address; to?: Address; data: Uint8Array; value?: bigint; gasLimit?: bigint }) {
    const scratch = new Ledger(createScratchState((key) => state.committed(key)))
    const gasLimit = request.gasLimit ?? limits.transactionGasLimit
    const from = (request.from ?? ZERO_ADDRESS).toLowerCase() as Address
    const context: BlockContext = { height: head.height + 1n, timestamp: 0n, parentHash: `0x${'00'.repeat(32)}`, gasLimit }
    let module: WebAssembly.Module
    let usesWasi: boolean
    let entry: string | undefined
    let input = request.data
    let self: Address
    if (request.to === undefined) {
      const { validated, metered } = await validateAndMeter(request.data)
      module = new WebAssembly.Module(metered)
      usesWasi = validated.usesWasi
      entry = INIT_ENTRY
      input = new Uint8Array(0)
      self = contractAddress(from, scratch.nonce(from))
    } else {
      self = request.to.toLowerCase() as Address
      const record = scratch.contract(self)
      if (record === undefined) throw new NotFoundError(`no contract at ${request.to}`)
      module = await loadModule(record.codeHash)
      usesWasi = record.usesWasi
      // Query call data: the function name, a zero byte, then the arguments.
      const split = request.data.indexOf(0)
      const name = new TextDecoder().decode(split < 0 ? request.data : request.data.subarray(0, split))
      entry = name
      input = split < 0 ? new Uint8Array(0) : request.data.subarray(split + 1)
    }
    if (request.value !== undefined && request.value > 0n) scratch.mint(self, denom, request.value)
    return runContract({
      module,
      usesWasi,
      wasi,
      context: hostContext({
        ledger: scratch,
        block: context,
        self,
        caller: from,
        value: request.value ?? 0n,
        input,
        transactionHash: `0x${'00'.repeat(32)}`,
        messageBudget: limits.maxMessagesPerTransaction,
      }),
      entry,
      entryOptional: request.to === undefined,
      gasLimit,
    })
  }

  const environment: ExecutionEnvironment = {
    specificationVersion: 'v1',
    id,
    vm: 'wasm',
    limits,
    capabilities,

    async head() {
      assertUsable()
      return head
    },

    async health() {
      return closed ? { status: 'stopped', head, detail: 'closed' } : { status: 'healthy', head }
    },

    async checkTransaction(envelope) {
      assertUsable()
      if (envelope.environment !== id) return { status: 'rejected', reason: `envelope is for environment "${envelope.environment}"` }
      const admission = admit(envelope.payload, committedLedger, limits.transactionGasLimit, 'at-least')
      if ('rejected' in admission) return { status: 'rejected', ...admission.rejected }
      const { signed, hash, sender } = admission.admitted
      const { transaction } = signed
      if (transaction.action.kind === 'deploy') {
        try {
          await validateAndMeter(transaction.action.code)
        } catch (error) {
          if (!(error instanceof WasmValidationError)) throw error
          return { status: 'rejected', hash, sender, nonce: transaction.nonce, gasLimit: transaction.gasLimit, reason: `invalid module (${error.rule}): ${error.shortMessage}` }
        }
      }
      return {
        status: 'ok',
        hash,
        sender,
        nonce: transaction.nonce,
        gasLimit: transaction.gasLimit,
        ...(transaction.action.kind === 'call' ? { to: transaction.action.contract } : {}),
      }
    },

    async beginBlock(context) {
      assertUsable()
      if (open !== undefined) throw new BlockPhaseError(`block ${open.context.height} is still open; commit or roll it back first`)
      if (context.height !== head.height + 1n) {
        throw new BlockPhaseError(`beginBlock(${context.height}) but the next height is ${head.height + 1n}`)
      }
      open = {
        context,
        gasLimit: minBigInt(context.gasLimit, limits.blockGasLimit),
        gasUsed: 0n,
        burned: 0n,
        executed: false,
        transactionIndex: 0,
        messages: [],
        code: new Map(),
      }
    },

    async deliver(deliveries) {
      const block = requireOpen('deliver')
      if (block.executed) throw new BlockPhaseError('deliver must come before the first execute of a block')
      const results: DeliveryResult[] = []
      for (const delivery of deliveries) results.push(await deliverOne(block, delivery))
      return results
    },

    async execute(transactions) {
      const block = requireOpen('execute')
      block.executed = true
      const receipts: Receipt[] = []
      for (const transaction of transactions) receipts.push(await executeOne(block, transaction))
      return receipts
    },

    async endBlock() {
      const block = requireOpen('endBlock')
      const stateRoot = await state.seal()
      block.end = {
        height: block.context.height,
        stateRoot,
        messages: [...block.messages],
        gasUsed: block.gasUsed,
        supply: { [denom]: ledger.supply(denom) },
        burnedByRule: block.burned === 0n ? {} : { [denom]: block.burned },
        mintedByRule: {},
      }
      return block.end
    },

    async commit() {
      assertUsable()
      if (open?.end === undefined) throw new BlockPhaseError('commit needs an ended block (call endBlock first)')
      const committed = { height: open.end.height, stateRoot: open.end.stateRoot }
      await persist(committed, state.commit(), open.code)
      head = committed
      open = undefined
      return head
    },

    async rollback(height) {
      assertUsable()
      open = undefined
      const target = height ?? head.height
      if (target > head.height) throw new NotFoundError(`cannot roll back to ${target}: the head is ${head.height}`)
      if (target === head.height) {
        state.discard(head.stateRoot)
        return head
      }
      const root = await metaStore.get(rootKey(target))
      if (root === undefined) throw new NotFoundError(`height ${target} is not stored`)
      const committed = { height: target, stateRoot: bytesToHex(root) }
      await state.load(committed.stateRoot)
      await metaStore.batch([
        { type: 'put', key: headKey, value: encodeHead(committed) },
        ...range(target + 1n, head.height).map((stale) => ({ type: 'delete' as const, key: rootKey(stale) })),
      ])
      head = committed
      return head
    },

    async runBlock(input: BlockInput) {
      return runBlockInSteps(environment, input)
    },

    async query<TRequest extends QueryRequest>(request: TRequest): Promise<QueryResult<TRequest>> {
      assertUsable()
      const answer = async (): Promise<unknown> => {
        switch (request.method) {
          case 'balance':
            return committedLedger.balance(request.address.toLowerCase() as Address, request.denom ?? denom)
          case 'nonce':
            return committedLedger.nonce(request.address.toLowerCase() as Address)
          case 'code': {
            const record = committedLedger.contract(request.address.toLowerCase() as Address)
            if (record === undefined) return new Uint8Array(0)
            return (await codeStore.get(hexToBytes(record.codeHash))) ?? new Uint8Array(0)
          }
          case 'storage':
            return state.committed(stateKeys.storage(request.address.toLowerCase() as Address, request.key)) ?? new Uint8Array(0)
          case 'mirror': {
            const record = state.committed(stateKeys.mirror(request.source, hexToBytes(request.publisher), request.key))
            if (record === undefined) return { value: undefined, version: 0n }
            return { value: record.slice(32), version: BigInt(bytesToHex(record.subarray(0, 32))) }
          }
          case 'call': {
            const result = await runQueryCall(request)
            return {
              status: result.status,
              ...(result.reason === undefined ? {} : { reason: result.reason }),
              gasUsed: result.gasUsed,
              returnData: result.returnData,
              events: result.status === 'ok' ? result.effects.events : [],
            }
          }
          case 'estimate_gas': {
            const result = await runQueryCall(request)
            // Execution gas plus the intrinsic gas of a typical call transaction of this size.
            const intrinsic = schedule.transactionBase + BigInt(request.data.length + 200) * schedule.transactionByte
            return {
              status: result.status,
              ...(result.reason === undefined ? {} : { reason: result.reason }),
              gasLimit: result.gasUsed + intrinsic,
              returnData: result.returnData,
            }
          }
          case 'extension':
            throw new UnsupportedError(`WASM environment has no extension query "${request.name}"`)
          default:
            throw new InvalidArgumentError(`unknown query method ${JSON.stringify((request as { method: unknown }).method)}`)
        }
      }
      return (await answer()) as QueryResult<TRequest>
    },

    async close() {
      if (closed) return
      closed = true
      open = undefined
      modules.clear()
      if (options.store === undefined) await store.close()
    },
  }
  return environment
}

function resolveOptions(options: WASMEnvironmentOptions): Settings {
  const copy = { ...options }
  copy.id ??= 'wasm'
  copy.chainId ??= 31337n
  copy.denom ??= 'wei'
  copy.gasSchedule ??= GAS_SCHEDULE_V2
  const validation: WasmValidationLimits = { ...DEFAULT_VALIDATION_LIMITS, ...options.validation }
  const host: HostLimits = { ...DEFAULT_HOST_LIMITS, ...options.host }
  const limits: ResourceLimits = {
    transactionGasLimit: options.limits?.transactionGasLimit ?? 30_000_000n,
    blockGasLimit: options.limits?.blockGasLimit ?? 30_000_000n,
    maxTransactionBytes: options.limits?.maxTransactionBytes ?? 1_048_576,
    maxCallDepth: options.limits?.maxCallDepth ?? 1_024,
    maxMessagesPerTransaction: options.limits?.maxMessagesPerTransaction ?? 64,
    vm: Object.freeze({ ...validation, ...host }),
  }
  return { id: copy.id, chainId: copy.chainId, denom: copy.denom, limits: Object.freeze(limits), validation, host, schedule: copy.gasSchedule }
}

function isReservedEntry(name: string): boolean {
  return name === INIT_ENTRY || name === XENV_CALL_ENTRY || name.startsWith('__bulkhead')
}

const headKey = new TextEncoder().encode('head')

function rootKey(height: bigint): Uint8Array {
  const key = new Uint8Array(9)
  key[0] = 0x72 // "r"
  new DataView(key.buffer).setBigUint64(1, height)
  return key
}

function encodeHead(head: CommittedHead): Uint8Array {
  const bytes = new Uint8Array(8)
  new DataView(bytes.buffer).setBigUint64(0, head.height)
  return concatBytes(bytes, hexToBytes(head.stateRoot))
}

function decodeHead(bytes: Uint8Array): CommittedHead {
  if (bytes.length !== 40) throw new StorageError('WASM head record is corrupt')
  return { height: new DataView(bytes.buffer, bytes.byteOffset).getBigUint64(0), stateRoot: bytesToHex(bytes.subarray(8)) }
}

function range(from: bigint, to: bigint): bigint[] {
  const out: bigint[] = []
  for (let height = from; height <= to; height++) out.push(height)
  return out
}

function minBigInt(...values: bigint[]): bigint {
  return values.reduce((least, value) => (value < least ? value : least))
}

function uint256(value: bigint): Uint8Array {
  return hexToBytes(`0x${value.toString(16).padStart(64, '0')}`)
}

function normalizeAddress(hex: string): Address | undefined {
  return /^0x[0-9a-fA-F]{40}$/.test(hex) ? (hex.toLowerCase() as Address) : undefined
}

