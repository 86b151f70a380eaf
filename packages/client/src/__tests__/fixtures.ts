import type { ChatCompletionStreamResponse, CompletionStreamResponse } from '../schemas.ts'

// Shared builders for unit tests: chunks as providers send them, and byte streams in memory.

/** A chat chunk with the usual envelope around `choices`. */
export function chatChunk(
  choices: ChatCompletionStreamResponse['choices'],
  extra: Partial<ChatCompletionStreamResponse> = {},
): ChatCompletionStreamResponse {
  return {
    id: 'chatcmpl-1',
    object: 'chat.completion.chunk',
    created: 1700000000,
    model: 'm',
    choices,
    ...extra,
  }
}

/** A text-completion chunk. */
export function completionChunk(
  choices: CompletionStreamResponse['choices'],
  extra: Partial<CompletionStreamResponse> = {},
): CompletionStreamResponse {
  return { id: 'cmpl-1', object: 'text_completion', created: 1700000000, model: 'm', choices, ...extra }
}

/** A delta chunk for choice `index`. */
export function delta(
  index: number,
  d: ChatCompletionStreamResponse['choices'][number]['delta'],
  finish_reason: string | null = null,
): ChatCompletionStreamResponse {
  return chatChunk([{ index, delta: d, finish_reason }])
}

/** `data: {json}\n\n` per chunk, then `data: [DONE]\n\n`. */
export function sseText(chunks: readonly unknown[], { done = true, eol = '\n' } = {}): string {
  const events = chunks.map(
    (chunk) => `data: ${typeof chunk === 'string' ? chunk : JSON.stringify(chunk)}${eol}${eol}`,
  )
  if (done) events.push(`data: [DONE]${eol}${eol}`)
  return events.join('')
}

/** A byte stream that delivers `parts` one read at a time. */
export function byteStream(parts: readonly Uint8Array[]): ReadableStream<Uint8Array> {
  let i = 0
  return new ReadableStream<Uint8Array>({
    pull(controller) {
      const part = parts[i++]
      if (part === undefined) controller.close()
      else controller.enqueue(part)
    },
  })
}

/** `bytes` cut at the given offsets. */
export function splitAt(bytes: Uint8Array, cuts: readonly number[]): Uint8Array[] {
  const sorted = [...new Set(cuts)].filter((c) => c > 0 && c < bytes.length).sort((a, b) => a - b)
  const parts: Uint8Array[] = []
  let start = 0
  for (const cut of sorted) {
    parts.push(bytes.slice(start, cut))
    start = cut
  }
  parts.push(bytes.slice(start))
  return parts
}

/** A byte stream that errors (like a cut connection) after delivering `parts`. */
export function failingByteStream(parts: readonly Uint8Array[], error: unknown): ReadableStream<Uint8Array> {
  let i = 0
  return new ReadableStream<Uint8Array>({
    pull(controller) {
      const part = parts[i++]
      if (part === undefined) controller.error(error)
      else controller.enqueue(part)
    },
  })
}

export const encode = (text: string): Uint8Array => new TextEncoder().encode(text)
