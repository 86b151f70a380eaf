import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterEach } from 'vitest'

/** One request the stand-in received. */
export interface SeenRequest {
  method: string
  url: string
  headers: IncomingMessage['headers']
  body: string
}

/** A running stand-in upstream: its base URL (as `upstream.url` takes it) and what it was sent. */
export interface StandInUpstream {
  url: string
  seen: SeenRequest[]
}

const running: { close(): Promise<void> }[] = []
afterEach(async () => {
  await Promise.all(running.splice(0).map((server) => server.close()))
})

const MODEL = 'accounts/fireworks/models/stand-in'

function chatChunk(content: string, finish: string | null) {
  const choice = { index: 0, delta: finish ? {} : { content }, finish_reason: finish }
  return `data: ${JSON.stringify({ id: 'up-1', object: 'chat.completion.chunk', created: 1, model: MODEL, choices: [choice] })}\n\n`
}

/**
 * A local stand-in for an OpenAI-compatible upstream on 127.0.0.1, closed after the test: answers
 * `GET /models` and chat completions (streamed or not) with "hello from upstream", with
 * `x-request-id: <requestId>` when one is given.
 */
export async function startStandInUpstream(options: { requestId?: string } = {}): Promise<StandInUpstream> {
  const seen: SeenRequest[] = []
  const idHeader: Record<string, string> = options.requestId ? { 'x-request-id': options.requestId } : {}
  const server = createServer(async (req: IncomingMessage, res: ServerResponse) => {
    let body = ''
    for await (const part of req) body += part
    seen.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body })
    if (req.url?.endsWith('/models')) {
      res.writeHead(200, { 'content-type': 'application/json', ...idHeader })
      res.end(
        JSON.stringify({
          object: 'list',
          data: [{ id: MODEL, object: 'model', created: 1, owned_by: 'up' }],
        }),
      )
      return
    }
    const request = JSON.parse(body || '{}')
    if (request.stream) {
      res.writeHead(200, { 'content-type': 'text/event-stream', ...idHeader })
      res.write(chatChunk('hello from upstream', null))
      res.write(chatChunk('', 'stop'))
      res.end('data: [DONE]\n\n')
      return
    }
    res.writeHead(200, { 'content-type': 'application/json', ...idHeader })
    res.end(
      JSON.stringify({
        id: 'up-1',
        object: 'chat.completion',
        created: 1,
        model: request.model,
        choices: [
          {
            index: 0,
            message: { role: 'assistant', content: 'hello from upstream', refusal: null },
            logprobs: null,
            finish_reason: 'stop',
          },
        ],
      }),
    )
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  running.push({
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  })
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`, seen }
}
