import { createOpenAICompatible } from '@ai-sdk/openai-compatible'
import { streamText } from 'ai'
import { createParser } from 'eventsource-parser'
import OpenAI from 'openai'
import { FIXTURE_MODEL, fixtureFetch, fixtureStream, type SSEFixture } from '../sseFixture.ts'

// The readers of the parse section: each reads the same in-memory SSE bytes to the end through its
// public API and a custom fetch, so only the client's own work is timed.

/** What a reader returns: the chunks it saw and the text they carried, to check they all agree. */
export interface ReadResult {
  chunks: number
  text: string
}

/** One way of reading the fixture. */
export interface ParseReader {
  name: string
  read(fixture: SSEFixture): Promise<ReadResult>
}

const messages = [{ role: 'user' as const, content: 'Plan a trip to Kyoto in spring' }]

/** TextDecoderStream + eventsource-parser + JSON.parse: no validation, no accumulation. */
export const floorReader: ParseReader = {
  name: 'floor (TextDecoderStream + eventsource-parser + JSON.parse)',
  async read(fixture) {
    let chunks = 0
    let text = ''
    let done = false
    const parser = createParser({
      onEvent(event) {
        if (done) return
        if (event.data === '[DONE]') {
          done = true
          return
        }
        const chunk = JSON.parse(event.data) as { choices: { delta: { content?: string } }[] }
        chunks++
        text += chunk.choices[0]?.delta.content ?? ''
      },
    })
    const reader = fixtureStream(fixture)
      .pipeThrough(new TextDecoderStream() as unknown as TransformStream<Uint8Array, string>)
      .getReader()
    for (;;) {
      const { done: ended, value } = await reader.read()
      if (ended) break
      parser.feed(value)
    }
    return { chunks, text }
  },
}

type KindlingClientModule = typeof import('@kindling/client')

// Each reader runs in a process of its own, and the entry is imported there on first use.
function kindlingReaderOf(name: string, load: () => Promise<KindlingClientModule>): ParseReader {
  return {
    name,
    async read(fixture) {
      const { createClient } = await load()
      const client = createClient({
        baseURL: 'http://bench.invalid/v1',
        apiKey: 'bench',
        fetch: fixtureFetch(fixture),
        maxRetries: 0,
        logLevel: 'off',
      })
      const stream = await client.chatCompletion.create(FIXTURE_MODEL, messages, { stream: true })
      let chunks = 0
      let text = ''
      for await (const chunk of stream) {
        chunks++
        text += chunk.choices[0]?.delta.content ?? ''
      }
      return { chunks, text }
    },
  }
}

/** @kindling/client as Node resolves it: `chatCompletion.create(…, { stream: true })`, validated and accumulated. */
export const kindlingReader = kindlingReaderOf(
  '@kindling/client (validation on)',
  () => import('@kindling/client'),
)

/** The same, through the entry browsers and bundlers get. */
export const kindlingBrowserEntryReader = kindlingReaderOf(
  '@kindling/client, browser entry (validation on)',
  () => import('../../../../packages/client/src/index.ts'),
)

/** The official SDK: `chat.completions.create({ stream: true })`. */
export const openaiReader: ParseReader = {
  name: 'openai SDK',
  async read(fixture) {
    const client = new OpenAI({
      baseURL: 'http://bench.invalid/v1',
      apiKey: 'bench',
      fetch: fixtureFetch(fixture),
      maxRetries: 0,
    })
    const stream = await client.chat.completions.create({ model: FIXTURE_MODEL, messages, stream: true })
    let chunks = 0
    let text = ''
    for await (const chunk of stream) {
      chunks++
      text += chunk.choices[0]?.delta.content ?? ''
    }
    return { chunks, text }
  },
}

/** The AI SDK's OpenAI-compatible provider over the fixture. */
function aiProviderFor(fixture: SSEFixture) {
  return createOpenAICompatible({
    name: 'bench',
    baseURL: 'http://bench.invalid/v1',
    apiKey: 'bench',
    fetch: fixtureFetch(fixture),
  })
}

/** The Vercel AI SDK as apps use it: `streamText` over the OpenAI-compatible provider. */
export const aiSdkReader: ParseReader = {
  name: 'ai SDK (streamText + @ai-sdk/openai-compatible)',
  async read(fixture) {
    const provider = aiProviderFor(fixture)
    const result = streamText({ model: provider.chatModel(FIXTURE_MODEL), messages, maxRetries: 0 })
    let chunks = 0
    let text = ''
    for await (const part of result.fullStream) {
      if (part.type === 'text-delta') {
        chunks++
        text += part.text
      } else if (part.type === 'error') {
        throw part.error
      }
    }
    return { chunks, text }
  },
}

/** The provider alone (`doStream`), without `streamText`'s orchestration on top. */
export const aiProviderReader: ParseReader = {
  name: 'ai SDK provider only (doStream)',
  async read(fixture) {
    const provider = aiProviderFor(fixture)
    const { stream } = await provider.chatModel(FIXTURE_MODEL).doStream({
      prompt: [{ role: 'user', content: [{ type: 'text', text: 'Plan a trip to Kyoto in spring' }] }],
    })
    let chunks = 0
    let text = ''
    const reader = stream.getReader()
    for (;;) {
      const { done, value } = await reader.read()
      if (done) break
      if (value.type === 'text-delta') {
        chunks++
        text += value.delta
      } else if (value.type === 'error') {
        throw value.error
      }
    }
    return { chunks, text }
  },
}

/** Every reader, the floor first. */
export const PARSE_READERS: readonly ParseReader[] = [
  floorReader,
  kindlingReader,
  kindlingBrowserEntryReader,
  openaiReader,
  aiSdkReader,
  aiProviderReader,
]
