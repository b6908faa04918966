/** What `run` returns, or the message it throws: stand-ins must agree with upstream on both. */
export function outcome(run: () => unknown): { value: unknown } | { error: string } {
  try {
    return { value: run() }
  } catch (error) {
    return { error: (error as Error).message }
  }
}
