declare const __PACKAGE_VERSION__: string

/** The version of `@bulkhead/conformance`, injected from package.json at build time. */
export const VERSION: string = __PACKAGE_VERSION__
