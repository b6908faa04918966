/**
 * Progress of long work on stderr: a redrawn bar in a terminal, a line per tenth otherwise
 * (logs and CI stay readable).
 */
export function createProgressBar(label: string, total: bigint, stream: NodeJS.WriteStream = process.stderr) {
  const started = performance.now()
  let lastTenth = -1
  return {
    update(done: bigint) {
      const fraction = total === 0n ? 1 : Number(done) / Number(total)
      const rate = Number(done) / Math.max((performance.now() - started) / 1000, 0.001)
      const text = `${label} ${done}/${total} (${Math.floor(fraction * 100)}%, ${rate.toFixed(0)}/s)`
      if (stream.isTTY) {
        const width = 30
        const filled = Math.round(fraction * width)
        stream.write(`\r[${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${text}`)
      } else if (Math.floor(fraction * 10) > lastTenth) {
        lastTenth = Math.floor(fraction * 10)
        stream.write(`${text}\n`)
      }
    },
    done() {
      if (stream.isTTY) stream.write('\n')
    },
  }
}
