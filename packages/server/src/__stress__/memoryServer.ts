// A server in a child process of its own that reports its peak memory, for the stress test of
// hostile request shapes: the heap measured is the server's alone, with no test code in it.
import { startServer } from '../index.ts'

const server = await startServer({ port: 0 })
let peakHeap = 0
let peakRss = 0
const sample = () => {
  const { heapUsed, rss } = process.memoryUsage()
  peakHeap = Math.max(peakHeap, heapUsed)
  peakRss = Math.max(peakRss, rss)
}
setInterval(sample, 10).unref()
process.on('message', (message) => {
  if (message === 'reset') {
    peakHeap = 0
    peakRss = 0
  }
  sample()
  process.send?.({ peakHeap, peakRss, heapUsed: process.memoryUsage().heapUsed })
})
process.send?.({ url: server.url })
