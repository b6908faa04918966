// The node as a library. Block production, messages, storage and JSON-RPC arrive here
// (docs/architecture.md); for now it exposes the command line.
export { main as runCommandLine } from './cli/main.js'
export { VERSION } from './version.js'
