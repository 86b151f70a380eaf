import { createClient, type KindlingClient } from '@kindling/client'
import type { FrameScheduler } from '../core/frameBatcher.ts'

// Deterministic pieces for render-count tests: a stream whose chunks the test pushes one by one
// (read by the real client through a fetch that answers with a body the test controls), and a frame
// scheduler whose frames the test flushes.

/** A frame scheduler whose frames run only when the test calls `flush()`. */
export interface ManualScheduler extends FrameScheduler {
  /** Runs every scheduled callback; returns how many ran. */
  flush(): number
  /** Callbacks waiting for the next frame. */
  readonly pending: number
}

export function createManualScheduler(): ManualScheduler {
  let queue: (() => void)[] = []
  return {
    schedule(callback) {
      queue.push(callback)
      return () => {
        queue = queue.filter((queued) => queued !== callback)
      }
    },
    flush() {
      const due = queue
      queue = []
      for (const callback of due) callback()
      return due.length
    },
    get pending() {
      return queue.length
    },
  }
}

/** A client whose every streamed chat request is answered by chunks the test pushes. */
export interface ScriptedChat {
  client: KindlingClient
  /** Sends one content delta (choice 0) on the open stream. */
  push(content: string): void
  /** Sends the finishing chunk and `[DONE]`, and closes the stream. */
  end(): void
  /** How many requests were made. */
  readonly requests: number
}

export function createScriptedChat(): ScriptedChat {
  const encoder = new TextEncoder()
  let controller: ReadableStreamDefaultController<Uint8Array> | undefined
  let requests = 0
  const send = (data: unknown) =>
    controller?.enqueue(encoder.encode(`data: ${typeof data === 'string' ? data : JSON.stringify(data)}\n\n`))
  const chunk = (delta: Record<string, unknown>, finish_reason: string | null = null) => ({
    id: 'chatcmpl-scripted',
    object: 'chat.completion.chunk',
    created: 1,
    model: 'scripted',
    choices: [{ index: 0, delta, finish_reason }],
  })
  const fetch = async () => {
    requests += 1
    const body = new ReadableStream<Uint8Array>({
      start(c) {
        controller = c
      },
    })
    send(chunk({ role: 'assistant', content: '' }))
    return new Response(body, { headers: { 'content-type': 'text/event-stream' } })
  }
  return {
    client: createClient({ baseURL: 'http://scripted.invalid/v1', apiKey: null, fetch, logLevel: 'off' }),
    push: (content) => send(chunk({ content })),
    end() {
      send(chunk({}, 'stop'))
      send('[DONE]')
      controller?.close()
    },
    get requests() {
      return requests
    },
  }
}
