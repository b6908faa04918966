declare const __PACKAGE_VERSION__: string

/** The version of the `bulkhead` node, injected from package.json at build time. */
export const VERSION: string = __PACKAGE_VERSION__
