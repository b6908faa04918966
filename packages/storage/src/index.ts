export { createLevelStore, type LevelStoreOptions } from './level-store.js'
