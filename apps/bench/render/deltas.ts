// The same tokens for every library, delivered one SSE event per macrotask: as fast as the page
// takes them, while still letting it render between reads, as a fast local model would.

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
  '.',
]

/** The `count` deltas of the benchmark reply. */
export function benchTokens(count: number): string[] {
  return Array.from({ length: count }, (_, i) => WORDS[(i * 7 + (i >> 3)) % WORDS.length] as string)
}

const channel = new MessageChannel()
const waiting: (() => void)[] = []
channel.port1.onmessage = () => waiting.shift()?.()

/** Resolves after one macrotask (no 4 ms timer clamping). */
function nextTask(): Promise<void> {
  return new Promise((resolve) => {
    waiting.push(resolve)
    channel.port2.postMessage(null)
  })
}

/**
 * A `fetch` answering every request with an SSE stream of `event(0)`, `event(1)`, … until it
 * returns `undefined`, one event per macrotask. Cancelling the body (an abort) stops it.
 */
export function pacedSSEFetch(
  event: () => (index: number) => string | undefined,
  headers: Record<string, string> = {},
): typeof fetch {
  return async () => {
    const encoder = new TextEncoder()
    const next = event()
    let index = 0
    const body = new ReadableStream<Uint8Array>(
      {
        async pull(controller) {
          await nextTask()
          const data = next(index++)
          if (data === undefined) controller.close()
          else controller.enqueue(encoder.encode(`data: ${data}\n\n`))
        },
      },
      { highWaterMark: 0 },
    )
    return new Response(body, { headers: { 'content-type': 'text/event-stream', ...headers } })
  }
}

/** Events from a list. */
export const fromList = (events: () => readonly string[]) => (): ((index: number) => string | undefined) => {
  const list = events()
  return (index) => list[index]
}

/** One chat completion chunk (OpenAI wire format) carrying `content`. */
export function chatChunk(index: number, content: string): string {
  return JSON.stringify({
    id: 'chatcmpl-bench',
    object: 'chat.completion.chunk',
    created: 1764000000,
    model: 'bench',
    choices: [
      { index: 0, delta: index === 0 ? { role: 'assistant', content } : { content }, finish_reason: null },
    ],
  })
}

/** Chat completion chunks carrying `tokens`, then the finish chunk and `[DONE]`. */
export function chatCompletionEvents(tokens: readonly string[]): string[] {
  const events = tokens.map((content, i) => chatChunk(i, content))
  events.push(
    JSON.stringify({
      id: 'chatcmpl-bench',
      object: 'chat.completion.chunk',
      created: 1764000000,
      model: 'bench',
      choices: [{ index: 0, delta: {}, finish_reason: 'stop' }],
    }),
    '[DONE]',
  )
  return events
}

/** The AI SDK UI message stream's opening parts. */
export const UI_STREAM_START: readonly string[] = [
  JSON.stringify({ type: 'start', messageId: 'answer' }),
  JSON.stringify({ type: 'start-step' }),
  JSON.stringify({ type: 'text-start', id: 't' }),
]

/** One AI SDK UI message stream text delta. */
export const uiTextDelta = (delta: string): string => JSON.stringify({ type: 'text-delta', id: 't', delta })

/** The AI SDK's UI message stream (what `useChat`'s default transport reads) carrying `tokens`. */
export function uiMessageStreamEvents(tokens: readonly string[]): string[] {
  return [
    ...UI_STREAM_START,
    ...tokens.map(uiTextDelta),
    JSON.stringify({ type: 'text-end', id: 't' }),
    JSON.stringify({ type: 'finish-step' }),
    JSON.stringify({ type: 'finish' }),
    '[DONE]',
  ]
}

/** A history of `count` messages, alternating user and assistant, a few sentences each. */
export function benchHistory(count: number): { id: string; role: 'user' | 'assistant'; text: string }[] {
  return Array.from({ length: count }, (_, i) => ({
    id: `h${i}`,
    role: i % 2 === 0 ? 'user' : 'assistant',
    text:
      i % 2 === 0
        ? `Question ${i}: what should I see in Kyoto in spring?`
        : `Answer ${i}: the cherry blossoms along the Philosopher's Path, Maruyama Park at night, and the temples of Higashiyama early in the morning before the crowds arrive.`,
  }))
}

/** One section of a markdown answer: a heading, prose with inline marks, a list and a code block. */
function markdownSection(n: number): string {
  return [
    `## Step ${n}\n\n`,
    `Start with **Maruyama Park** at night, then walk the *Philosopher's Path* (\`${n} km\`) early.\n\n`,
    `- Kiyomizu-dera before eight\n- Gion in the evening\n- Fushimi Inari, ${n} gates at a time\n\n`,
    '```ts\n',
    `const route${n} = ['Higashiyama', 'Gion', 'Arashiyama']\n`,
    `for (const stop of route${n}) console.log(stop, ${n})\n`,
    '```\n\n',
  ].join('')
}

/** The `count` deltas of a markdown reply with code blocks: words with their spacing, newlines kept. */
export function benchMarkdownTokens(count: number): string[] {
  const tokens: string[] = []
  for (let n = 1; tokens.length < count; n++) {
    for (const token of markdownSection(n).match(/\s*\S+|\s+/g) ?? []) {
      if (tokens.length === count) break
      tokens.push(token)
    }
  }
  return tokens
}

/** {@link benchHistory} with markdown answers holding a code block. */
export function benchMarkdownHistory(count: number): ReturnType<typeof benchHistory> {
  return benchHistory(count).map((m, i) => (m.role === 'assistant' ? { ...m, text: markdownSection(i) } : m))
}
