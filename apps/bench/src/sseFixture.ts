// A realistic chat completion stream, made once in memory: provider-sized chunks (OpenAI/Fireworks
// field set, ~230 bytes each), cut into network-sized reads at arbitrary byte positions, so UTF-8
// characters and events are split across reads as they are on a real connection.

/** The model name the chunks carry. */
export const FIXTURE_MODEL = 'accounts/fireworks/models/llama-v3p1-70b-instruct'

const WORDS = [
  ' the',
  ' model',
  ' streams',
  ' tokens',
  ' quickly',
  ',',
  ' and',
  ' Kyoto',
  ' in',
  ' spring',
  ' is',
  ' lovely',
  '.',
  '\n\n',
  ' café',
  ' naïve',
  ' 東京',
  ' 🌸',
  ' — ',
  ' `code`',
  ' **bold**',
  ' "quoted"',
  ' tabs\t',
  ' back\\slash',
  ' 42',
  ' 3.14',
]

/** A deterministic pseudo-random generator (mulberry32), so every run reads the same bytes. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

/** The JSON text of one chat chunk, as providers send it. */
export function chatChunkJSON(index: number, content: string, finish: string | null): string {
  const delta = index === 0 ? { role: 'assistant', content } : { content }
  return JSON.stringify({
    id: 'chatcmpl-9f1c2b7e4d3a4c5b8e6f0a1b2c3d4e5f',
    object: 'chat.completion.chunk',
    created: 1764000000,
    model: FIXTURE_MODEL,
    system_fingerprint: 'fp_4f0b692a78',
    choices: [{ index: 0, delta, logprobs: null, finish_reason: finish }],
    usage: null,
  })
}

/** An in-memory SSE stream: the reads a client gets, and what they add up to. */
export interface SSEFixture {
  /** The network reads, in order. */
  pieces: Uint8Array[]
  /** How many chat chunks (events before `[DONE]`) the stream carries. */
  chunks: number
  /** Total bytes. */
  bytes: number
  /** The concatenated `delta.content`, to check every reader got the same text. */
  text: string
}

/**
 * Builds `chunks` chat chunks plus `data: [DONE]`, cut into reads of `minPiece`–`maxPiece` bytes
 * (default 1–16 KiB, what a socket read delivers when tokens arrive faster than they are read).
 */
export function makeSSEFixture(
  chunks: number,
  options: { minPiece?: number; maxPiece?: number; seed?: number } = {},
): SSEFixture {
  const random = seededRandom(options.seed ?? 42)
  const minPiece = options.minPiece ?? 1024
  const maxPiece = options.maxPiece ?? 16 * 1024
  const events: string[] = []
  let text = ''
  for (let i = 0; i < chunks; i++) {
    const content = WORDS[Math.floor(random() * WORDS.length)] as string
    text += content
    events.push(`data: ${chatChunkJSON(i, content, i === chunks - 1 ? 'stop' : null)}\n\n`)
  }
  events.push('data: [DONE]\n\n')
  const all = new TextEncoder().encode(events.join(''))
  const pieces: Uint8Array[] = []
  for (let at = 0; at < all.length; ) {
    const size = minPiece + Math.floor(random() * (maxPiece - minPiece + 1))
    pieces.push(all.slice(at, at + size))
    at += size
  }
  return { pieces, chunks, bytes: all.length, text }
}

/** A fresh byte stream over the fixture's reads, one read per pull, as a socket delivers them. */
export function fixtureStream(fixture: SSEFixture): ReadableStream<Uint8Array> {
  let next = 0
  return new ReadableStream<Uint8Array>({
    pull(controller) {
      const piece = fixture.pieces[next++]
      if (piece === undefined) controller.close()
      // A copy per read: a consumer may transfer or keep it, and a socket gives fresh buffers too.
      else controller.enqueue(piece.slice())
    },
  })
}

/** A `fetch` that answers every request with a streamed `text/event-stream` response over the fixture. */
export function fixtureFetch(fixture: SSEFixture): typeof fetch {
  return async () =>
    new Response(fixtureStream(fixture), {
      status: 200,
      headers: { 'content-type': 'text/event-stream', 'x-request-id': 'bench' },
    })
}

/**
 * A `fetch` streaming `chunks` chat chunks generated as they are read (nothing held in memory),
 * about 16 KiB per read: for streams too long to build up front.
 */
export function generatedChatFetch(chunks: number, seed = 7): typeof fetch {
  return async () => {
    const random = seededRandom(seed)
    const encoder = new TextEncoder()
    let next = 0
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (next > chunks) {
          controller.close()
          return
        }
        let text = ''
        while (text.length < 16_000 && next <= chunks) {
          if (next === chunks) text += 'data: [DONE]\n\n'
          else {
            const content = WORDS[Math.floor(random() * WORDS.length)] as string
            text += `data: ${chatChunkJSON(next, content, next === chunks - 1 ? 'stop' : null)}\n\n`
          }
          next++
        }
        controller.enqueue(encoder.encode(text))
      },
    })
    return new Response(body, { headers: { 'content-type': 'text/event-stream' } })
  }
}
