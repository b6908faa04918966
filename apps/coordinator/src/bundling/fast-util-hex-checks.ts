// Stands in for @ethereumjs/util's isHexString and stripHexPrefix (its internal.js) in the
// bundled program, for every importer (see program-bundling.config.ts). Upstream checks a hex
// string with `value.match(/^0x[0-9A-Fa-f]*$/)`, which builds a regular expression and a match
// array per call; the engine strips the 0x of every address it warms and every hex string it
// converts, about a hundred times per ERC-20 transfer. A shared expression's `test` answers the
// same without either. What is not a string goes to upstream, so errors stay upstream's.

/** The upstream functions stood in for (upstream's signatures). */
export interface UtilHexChecks {
  isHexString(value: string, length?: number): boolean
  stripHexPrefix(str: string): string
}

/** `0x` and hex digits only; no flags, so `test` keeps no state between calls. */
const HEX = /^0x[0-9A-Fa-f]*$/

/** Builds the stand-ins over `upstream` (read when called: the original may still be evaluating). */
export function fastUtilHexChecks(upstream: UtilHexChecks): UtilHexChecks {
  const isHexString = (value: string, length?: number): boolean => {
    if (typeof value !== 'string' || !HEX.test(value)) return false
    return length === undefined || !(length > 0) || value.length === 2 + 2 * length
  }
  return {
    isHexString,
    stripHexPrefix(str) {
      if (typeof str !== 'string') return upstream.stripHexPrefix(str)
      return isHexString(str) ? str.slice(2) : str
    },
  }
}
