/**
 * Like `Promise.all`, but waits for every promise before rejecting with the first failure.
 * Why: the router rolls environments back after a failure, and must not do so while another
 * environment's segment is still running.
 */
export async function settleAll<T>(promises: readonly Promise<T>[]): Promise<T[]> {
  const results = await Promise.allSettled(promises)
  const failure = results.find((result): result is PromiseRejectedResult => result.status === 'rejected')
  if (failure !== undefined) throw failure.reason
  return results.map((result) => (result as PromiseFulfilledResult<T>).value)
}
