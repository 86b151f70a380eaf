import { collectGarbage } from '../report.ts'
import { makeSSEFixture } from '../sseFixture.ts'
import { type Timing, timed } from '../timing.ts'
import { PARSE_READERS } from './parseReaders.ts'

// One reader in its own process: `parseWorker.ts <reader index> <chunks> <warmups> <runs>`.
// Prints the timings of the runs (not the warm-ups) as JSON.

const [index, chunks, warmups, runs] = process.argv.slice(2).map(Number) as [number, number, number, number]
const reader = PARSE_READERS[index]
if (!reader) throw new Error(`no reader ${index}`)
const fixture = makeSSEFixture(chunks)
const timings: Timing[] = []
let chunksSeen = 0
for (let run = 0; run < warmups + runs; run++) {
  collectGarbage()
  const { value, timing } = await timed(() => reader.read(fixture))
  if (value.text !== fixture.text) {
    throw new Error(
      `${reader.name} read different text (${value.text.length} vs ${fixture.text.length} chars)`,
    )
  }
  chunksSeen = value.chunks
  if (run >= warmups) timings.push(timing)
}
console.log(JSON.stringify({ timings, chunksSeen, bytes: fixture.bytes, reads: fixture.pieces.length }))
