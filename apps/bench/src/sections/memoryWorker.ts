import { createClient } from '@kindling/client'
import { createChatEngine } from '@kindling/react/core'
import OpenAI from 'openai'
import { collectGarbage } from '../report.ts'
import { FIXTURE_MODEL, generatedChatFetch } from '../sseFixture.ts'

// Peak heap while one very long reply accumulates, one reader per process:
// `memoryWorker.ts <reader> <tokens>`. Prints the baseline, the peak (sampled every 1,000 chunks)
// and the heap after GC with the whole reply still held, all in bytes.

const [reader, tokensArg] = process.argv.slice(2) as [string, string]
const tokens = Number(tokensArg)
const messages = [{ role: 'user' as const, content: 'Write a very long story' }]

const heapUsed = () => process.memoryUsage().heapUsed
let peak = 0
let samples = 0
const sample = () => {
  if (++samples % 1000 === 0) peak = Math.max(peak, heapUsed())
}

const readers: Record<string, () => Promise<string>> = {
  /** The least a reader can hold: one string, concatenated. */
  async floor() {
    const response = await generatedChatFetch(tokens)('http://bench.invalid')
    const decoder = new TextDecoder()
    const { createParser } = await import('eventsource-parser')
    let text = ''
    const parser = createParser({
      onEvent(event) {
        if (event.data === '[DONE]') return
        text +=
          (JSON.parse(event.data) as { choices: { delta: { content?: string } }[] }).choices[0]?.delta
            .content ?? ''
        sample()
      },
    })
    const body = (response.body as ReadableStream<Uint8Array>).getReader()
    for (;;) {
      const { done, value } = await body.read()
      if (done) break
      parser.feed(decoder.decode(value, { stream: true }))
    }
    return text
  },
  /** @kindling/client: iterate the stream, then `finalResponse()`. */
  async kindlingClient() {
    const client = createClient({
      apiKey: null,
      fetch: generatedChatFetch(tokens),
      maxRetries: 0,
      logLevel: 'off',
    })
    const stream = await client.chatCompletion.create(FIXTURE_MODEL, messages, { stream: true })
    for await (const _chunk of stream) sample()
    const response = await stream.finalResponse()
    const content = response.choices[0]?.message.content
    return typeof content === 'string' ? content : ''
  },
  /** @kindling/react's chat engine (what useChatCompletion runs), default batching. */
  async kindlingStore() {
    const client = createClient({
      apiKey: null,
      fetch: generatedChatFetch(tokens),
      maxRetries: 0,
      logLevel: 'off',
    })
    const engine = createChatEngine()
    await engine.send('Write a very long story', {
      client,
      model: FIXTURE_MODEL,
      onDelta: sample,
    })
    return engine.store.getState().messages.at(-1)?.content ?? ''
  },
  /** The openai SDK's accumulating helper: `chat.completions.stream()` then `finalChatCompletion()`. */
  async openai() {
    const client = new OpenAI({
      apiKey: 'bench',
      baseURL: 'http://bench.invalid/v1',
      fetch: generatedChatFetch(tokens),
      maxRetries: 0,
    })
    const stream = client.chat.completions.stream({ model: FIXTURE_MODEL, messages })
    for await (const _chunk of stream) sample()
    const completion = await stream.finalChatCompletion()
    return completion.choices[0]?.message.content ?? ''
  },
}

const read = readers[reader]
if (!read) throw new Error(`no reader ${reader}`)
collectGarbage()
const baseline = heapUsed()
peak = baseline
const text = await read()
peak = Math.max(peak, heapUsed())
collectGarbage()
const retained = heapUsed()
console.log(JSON.stringify({ baseline, peak, retained, textLength: text.length, samples }))
