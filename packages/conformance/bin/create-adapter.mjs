#!/usr/bin/env node
// create-bulkhead-adapter: scaffolds a new Bulkhead ExecutionEnvironment adapter package that
// builds, passes publint/attw, and runs the conformance kit. Every method of the scaffolded
// environment throws an UnsupportedError that says what to implement, so the first
// conformance run fails case by case with readable "implement X" messages.
//
//   create-bulkhead-adapter <name> [--directory <dir>] [--package-name <npm name>] [--workspace]
//
// <name> is the environment id and VM kind (e.g. `move`): a lower-case letter, then up to 31
// of [a-z0-9-]. --workspace writes `workspace:^` ranges (inside the Bulkhead monorepo).
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

const usage = 'usage: create-bulkhead-adapter <name> [--directory <dir>] [--package-name <npm name>] [--workspace]'

function parseArguments(argv) {
  const options = { name: undefined, directory: undefined, packageName: undefined, workspace: false }
  for (let index = 0; index < argv.length; index++) {
    const argument = argv[index]
    if (argument === '--directory') options.directory = argv[++index]
    else if (argument === '--package-name') options.packageName = argv[++index]
    else if (argument === '--workspace') options.workspace = true
    else if (argument === '--help' || argument === '-h') return { help: true }
    else if (argument.startsWith('-')) throw new Error(`unknown option ${argument}\n${usage}`)
    else if (options.name === undefined) options.name = argument
    else throw new Error(`unexpected argument ${argument}\n${usage}`)
  }
  if (options.name === undefined) throw new Error(usage)
  if (!/^[a-z][a-z0-9-]{0,31}$/.test(options.name)) {
    throw new Error(`name ${JSON.stringify(options.name)} must be an environment id: a lower-case letter, then up to 31 of [a-z0-9-]`)
  }
  return options
}

/** `my-vm` -> `MyVm`, for `createMyVmEnvironment`. */
function pascalCase(name) {
  return name
    .split('-')
    .filter(Boolean)
    .map((part) => part[0].toUpperCase() + part.slice(1))
    .join('')
}

// The kit's own manifest pins the versions a scaffold depends on, so they match what it was tested with.
const kitManifest = JSON.parse(readFileSync(join(dirname(fileURLToPath(import.meta.url)), '..', 'package.json'), 'utf8'))
const tools = {
  '@arethetypeswrong/cli': '0.18.5',
  '@types/node': '20.19.43',
  publint: '0.3.25',
  tsup: '8.5.1',
  typescript: '5.9.3',
  vitest: '4.1.12',
}

function files({ name, packageName, workspace }) {
  const type = pascalCase(name)
  const factory = `create${type}Environment`
  const range = (version) => (workspace ? 'workspace:^' : `^${version}`)
  const manifest = {
    name: packageName,
    version: '0.1.0',
    description: `A Bulkhead execution environment for the ${name} VM.`,
    license: 'Apache-2.0',
    type: 'module',
    sideEffects: false,
    exports: { '.': { types: './dist/index.d.ts', import: './dist/index.js' }, './package.json': './package.json' },
    main: './dist/index.js',
    types: './dist/index.d.ts',
    files: ['dist', 'src', '!src/**/*.test.ts', '!src/**/__fixtures__'],
    engines: { node: '>=20.19' },
    scripts: {
      build: 'tsup',
      typecheck: 'tsc -p tsconfig.json',
      test: 'vitest run',
      lint: 'publint --strict && attw --pack . --profile esm-only',
    },
    dependencies: { '@bulkhead/core': range(kitManifest.version) },
    devDependencies: { '@bulkhead/conformance': range(kitManifest.version), ...tools },
  }
  return {
    'package.json': `${JSON.stringify(manifest, null, 2)}\n`,
    '.gitignore': 'dist\nnode_modules\n.test-results\n',
    'tsconfig.json': `${JSON.stringify(
      {
        compilerOptions: {
          target: 'ES2023',
          lib: ['ES2023'],
          module: 'NodeNext',
          moduleResolution: 'NodeNext',
          strict: true,
          noUncheckedIndexedAccess: true,
          exactOptionalPropertyTypes: true,
          noImplicitOverride: true,
          verbatimModuleSyntax: true,
          isolatedModules: true,
          noFallthroughCasesInSwitch: true,
          noUnusedLocals: true,
          noUnusedParameters: true,
          skipLibCheck: true,
          noEmit: true,
          forceConsistentCasingInFileNames: true,
          types: ['node'],
        },
        include: ['src', '*.config.ts'],
      },
      null,
      2,
    )}\n`,
    'tsup.config.ts': `import { defineConfig } from 'tsup'

export default defineConfig({
  entry: ['src/index.ts'],
  format: ['esm'],
  target: 'node20',
  platform: 'node',
  dts: true,
  sourcemap: true,
  clean: true,
})
`,
    'vitest.config.ts': `import { defineConfig } from 'vitest/config'

export default defineConfig({ test: { include: ['src/**/*.test.ts'] } })
`,
    'src/index.ts': `export { ${factory}, type ${type}EnvironmentOptions } from './create-${name}-environment.js'
export { createEnvironment } from './create-environment.js'
`,
    'src/create-environment.ts': `import type { EnvironmentFactory } from '@bulkhead/core'
import { ${factory} } from './create-${name}-environment.js'

/**
 * The entry point a Bulkhead node loads when a genesis file names this package as an
 * environment's adapter (\`"adapter": { "module": "<this package>" }\`): it maps the node's
 * factory options (id, chain id, denom, genesis allocations, adapter options, store) onto yours.
 */
export const createEnvironment: EnvironmentFactory = async ({ id, store }) => ${factory}({ id, store })
`,
    [`src/create-${name}-environment.ts`]: `import {
  UnsupportedError,
  type ExecutionEnvironment,
  type KeyValueStore,
  type ResourceLimits,
} from '@bulkhead/core'

export interface ${type}EnvironmentOptions {
  /** Where committed state lives: the environment's own namespace of the node's store. */
  readonly store: KeyValueStore
  /** The environment id; default \`${name}\`. */
  readonly id?: string
}

/** The deterministic limits the ${name} VM enforces. Report only what you really enforce. */
const LIMITS: ResourceLimits = Object.freeze({
  transactionGasLimit: 30_000_000n,
  blockGasLimit: 30_000_000n,
  maxTransactionBytes: 131_072,
  maxCallDepth: 1_024,
  maxMessagesPerTransaction: 64,
  vm: Object.freeze({}),
})

/** Every method starts here: the message says what the conformance kit expects of it. */
function todo(method: string, what: string): never {
  throw new UnsupportedError(\`implement ${name} \${method}: \${what}\`)
}

/**
 * The ${name} VM as a Bulkhead ExecutionEnvironment. Replace each \`todo\` with the real thing;
 * \`pnpm test\` runs the conformance kit and names the next thing to implement.
 * A complete small adapter to compare with: examples/counter-adapter in the Bulkhead repository.
 */
export async function ${factory}(options: ${type}EnvironmentOptions): Promise<ExecutionEnvironment> {
  const id = options.id ?? '${name}'
  // Keep a reference: a real adapter reads its committed head from here.
  void options.store
  const environment: ExecutionEnvironment = {
    specificationVersion: 'v1',
    id,
    vm: '${name}',
    limits: LIMITS,
    // Declare only what you implement: undeclared message kinds are refused at the boundary.
    capabilities: { receives: ['asset_transfer'], sends: [], denoms: ['u${name.replace(/-/g, '')}'] },

    head: async () => todo('head()', 'return the committed { height, stateRoot } read from the store (height 0n and the genesis root on an empty store)'),
    health: async () => todo('health()', "return { status: 'healthy', head }"),
    checkTransaction: async () => todo('checkTransaction()', 'decode the payload and check signature, nonce, gas limit and funds against committed state; never execute'),
    beginBlock: async () => todo('beginBlock()', 'open block head.height + 1 (throw BlockPhaseError otherwise) over an overlay of committed state'),
    deliver: async () => todo('deliver()', 'apply inbound messages, acknowledgements and timeouts before transactions; refuse invalid ones with status rejected'),
    execute: async () => todo('execute()', 'run each transaction in its own journal; one receipt per transaction with a unified status'),
    endBlock: async () => todo('endBlock()', 'compute the state root, outbound messages of successful transactions, gas used and supply'),
    commit: async () => todo('commit()', 'write the block and the new head in one atomic store batch'),
    rollback: async () => todo('rollback()', 'drop the open block and restore a committed height (NotFoundError above the head)'),
    runBlock: async () => todo('runBlock()', 'call runBlockInSteps(environment, input) from @bulkhead/core'),
    query: async () => todo('query()', "answer 'balance', 'nonce', 'storage' and 'mirror' from committed state"),
    close: async () => {},
  }
  return environment
}
`,
    'src/conformance.test.ts': `import { UnsupportedError } from '@bulkhead/core'
import type { ConformanceSubject } from '@bulkhead/conformance'
import { runConformance } from '@bulkhead/conformance/vitest'
import { ${factory} } from './index.js'

/** A fixture not written yet: the conformance failure says which one. */
const fixture = (name: string, what: string) => async (): Promise<never> => {
  throw new UnsupportedError(\`implement the \${name} fixture: \${what}\`)
}

// Fixtures build ${name} transactions for the kit. Fill them in as the VM grows; optional
// ones (sendAsset, sendThenFail, withGasLimit, overwriteMirror) turn their cases into skips while absent.
const subject: ConformanceSubject = {
  name: '${name}',
  create: ({ store }) => ${factory}({ store }),
  fixtures: {
    sender: '0x1111111111111111111111111111111111111111',
    denom: 'u${name.replace(/-/g, '')}',
    deploy: fixture('deploy', 'a transaction that deploys a contract (its receipt carries contractAddress)'),
    succeed: fixture('succeed', 'a call to context.contract that changes its state'),
    revert: fixture('revert', 'a call that reverts'),
    exhaustGas: fixture('exhaustGas', 'a call that runs out of gas, with its gas limit'),
    readState: fixture('readState', 'read the contract state that succeed changes, through query()'),
    inbound: { assetReceiver: '0x2222222222222222222222222222222222222222' },
  },
}

runConformance(subject)
`,
    'README.md': `# ${packageName}

A Bulkhead execution environment for the ${name} VM, scaffolded by
\`create-bulkhead-adapter\`.

\`\`\`sh
pnpm build && pnpm typecheck && pnpm test   # the conformance kit says what to implement next
pnpm lint                                    # publint + attw, before publishing
\`\`\`

Every method in \`src/create-${name}-environment.ts\` throws an \`UnsupportedError\` naming what
to implement, and every fixture in \`src/conformance.test.ts\` throws one naming what to
build. Work through the failing conformance cases top to bottom; cases for capabilities you
do not declare are skipped, not failed.
`,
  }
}

function main() {
  const options = parseArguments(process.argv.slice(2))
  if (options.help) {
    process.stdout.write(`${usage}\n`)
    return
  }
  const directory = resolve(options.directory ?? options.name)
  if (existsSync(directory) && readdirSync(directory).length > 0) throw new Error(`${directory} exists and is not empty`)
  const packageName = options.packageName ?? `bulkhead-${options.name}`
  const written = files({ name: options.name, packageName, workspace: options.workspace })
  for (const [path, content] of Object.entries(written)) {
    const target = join(directory, path)
    mkdirSync(dirname(target), { recursive: true })
    writeFileSync(target, content)
  }
  process.stdout.write(
    `Created ${packageName} in ${directory}\n\nNext:\n  cd ${directory}\n  pnpm install\n  pnpm build && pnpm test   # the conformance kit lists what to implement\n`,
  )
}

try {
  main()
} catch (error) {
  process.stderr.write(`create-bulkhead-adapter: ${error instanceof Error ? error.message : String(error)}\n`)
  process.exitCode = 1
}
