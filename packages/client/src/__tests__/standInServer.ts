import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll } from 'vitest'

// A stand-in for servers other than @kindling/server (llama.cpp, Ollama, mock servers, Express
// apps): plain node:http on 127.0.0.1, answering each path with what such a server sends.

/** Answers one request. */
export type Route = (request: IncomingMessage, response: ServerResponse) => void

/** Starts the stand-in before the file's tests, closes it after; `baseURL` is its `/v1`. */
export function useStandInServer(routes: Record<string, Route>): { baseURL: string } {
  const handle = { baseURL: '' }
  const server = createServer((request, response) => {
    const route = routes[request.url ?? '']
    if (route) route(request, response)
    else response.writeHead(404, { 'content-type': 'application/json' }).end('{"message":"Not Found"}')
  })
  beforeAll(async () => {
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    handle.baseURL = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`
  })
  afterAll(async () => {
    server.closeAllConnections()
    await new Promise((resolve) => server.close(resolve))
  })
  return handle
}

/** An SSE answer: each event line block as given, then the end of the body. */
export function sse(blocks: readonly string[], headers: Record<string, string> = {}): Route {
  return (_request, response) => {
    response.writeHead(200, { 'content-type': 'text/event-stream', ...headers })
    for (const block of blocks) response.write(`${block}\n\n`)
    response.end()
  }
}

/** A JSON answer. */
export function json(status: number, body: unknown, headers: Record<string, string> = {}): Route {
  return (_request, response) => {
    response.writeHead(status, { 'content-type': 'application/json', ...headers })
    response.end(typeof body === 'string' ? body : JSON.stringify(body))
  }
}
