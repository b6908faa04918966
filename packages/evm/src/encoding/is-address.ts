/** Whether `value` is 0x and 20 bytes of hex (either case). */
export function isAddress(value: string): boolean {
  return /^0x[0-9a-fA-F]{40}$/.test(value)
}
