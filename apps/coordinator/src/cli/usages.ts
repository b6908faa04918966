// Usage texts of the commands that load engines: kept apart so `bulkhead --help` stays instant.
export const DEVNET_USAGE = `Usage: bulkhead devnet [options]

Starts a local chain of isolated environments (EVM and WASM by default) with an
Ethereum-compatible JSON-RPC endpoint, the bulkhead_ namespace and Prometheus metrics.

Options:
  --port N            JSON-RPC port (HTTP and WebSocket)            default 8545
  --host ADDRESS      interface to bind                             default 127.0.0.1
  --data-dir DIR      keep the chain in DIR; restarting continues it
  --in-memory         keep nothing (the default when --data-dir is not given)
  --genesis FILE      start from this genesis (docs/genesis.md)     default EVM + WASM, 10 dev accounts
  --block-time SEC    produce a block every SEC seconds             default: automine
  --admin-token TOKEN bearer token for admin methods                default: generated and printed
  --in-process        host environments in the node's thread instead of worker threads
  --background-nice N scheduling priority (nice, 0-19) of V8's background threads
                      (GC helpers, optimising compiler); 0 leaves it   default 19 (Linux)
                      19 also runs them under SCHED_IDLE (util-linux's chrt, where installed)
  -h, --help          this text`

export const REPLAY_USAGE = `Usage: bulkhead replay --data-dir DIR

Re-executes every block of the chain in DIR from genesis, in fresh in-memory state, and
reports the first block, environment and transaction whose result or state root differs
(exit 1), or that every block matches (exit 0). The node must not be running on DIR.`

export const AUDIT_USAGE = `Usage: bulkhead audit export --data-dir DIR [--from HEIGHT] [--out FILE]

Writes the audit log (every cross-environment message transition and governance action) as
JSON lines, oldest first, to FILE or standard output. Integers are {"$n":"…"}, bytes {"$b":"0x…"}.`
