import { describe, expect, it } from 'vitest'
import {
  APIConnectionError,
  type APIError,
  APIStreamError,
  APITimeoutError,
  AuthenticationError,
  InternalServerError,
  InvalidRequestError,
  NotFoundError,
  PayloadTooLargeError,
  PermissionDeniedError,
  RateLimitError,
  ResponseValidationError,
} from '../../packages/client/src/errors.ts'
import type {
  ChatCompletionResponse,
  ChatCompletionStreamResponse,
  CompletionResponse,
} from '../../packages/client/src/schemas.ts'
import { fault, user, withPeer } from '../support/peer.ts'

const peer = withPeer()
const messages = [user('The quick brown fox jumps over the lazy dog')]

async function rejection(promise: Promise<unknown>): Promise<APIError> {
  try {
    await promise
  } catch (error) {
    return error as APIError
  }
  throw new Error('expected a rejection')
}

describe('HTTP faults', () => {
  it.each([
    ['400', InvalidRequestError, /400 Bad Request .*Invalid value for 'temperature'/],
    ['422=top_p', InvalidRequestError, /422 .*Invalid value for 'top_p'/],
    ['401', AuthenticationError, /401 Unauthorized .*Incorrect API key.*no API key was set/],
    ['403', PermissionDeniedError, /403 Forbidden/],
    ['404', NotFoundError, /404 Not Found .*does not exist/],
    ['413', PayloadTooLargeError, /413 Payload Too Large/],
    ['429', RateLimitError, /429 Too Many Requests .*Rate limit/],
    ['500', InternalServerError, /500 Internal Server Error/],
    [
      '502',
      InternalServerError,
      /502 Bad Gateway from POST \/chat\/completions \(model "kindling-echo"\): 502 Bad Gateway$/,
    ],
    ['503', InternalServerError, /503 Service Unavailable .*overloaded/],
  ])('maps %s to its typed error, streamed or not', async (spec, ErrorClass, message) => {
    const client = peer.client()
    for (const stream of [false, true]) {
      const error = await rejection(
        client.chatCompletion.create('kindling-echo', messages, { ...fault(spec), stream }),
      )
      expect(error).toBeInstanceOf(ErrorClass)
      expect(error.message).toMatch(message)
      expect(error.status).toBe(Number(spec.slice(0, 3)))
      expect(error.endpoint).toBe('POST /chat/completions')
      expect(error.model).toBe('kindling-echo')
      expect(error.partial).toBeUndefined()
    }
  })

  it('keeps the parsed error body and the field at fault', async () => {
    const error = await rejection(
      peer.client().completion.create('kindling-echo', 'x', fault('400=max_tokens')),
    )
    expect(error.param).toBe('max_tokens')
    expect(error.code).toBe('invalid_value')
    expect(error.body).toMatchObject({ error: { param: 'max_tokens' } })
    expect(error.headers?.get('content-type')).toContain('application/json')
  })

  it('maps a fault given as a model-name suffix', async () => {
    const error = await rejection(peer.client().chatCompletion.create('kindling-echo+403', messages))
    expect(error).toBeInstanceOf(PermissionDeniedError)
  })

  it('reports an unknown model as NotFoundError', async () => {
    const error = await rejection(peer.client().chatCompletion.create('no-such-model', messages))
    expect(error).toBeInstanceOf(NotFoundError)
    expect(error.message).toContain('no-such-model')
  })

  it('reports the server validation error naming the field', async () => {
    const error = await rejection(peer.client().chatCompletion.create('kindling-echo', [], {}))
    expect(error).toBeInstanceOf(InvalidRequestError)
    expect(error.message).toContain('messages')
  })

  it('fails models.list with the same typed errors', async () => {
    expect(await rejection(peer.client().models.list(fault('401')))).toBeInstanceOf(AuthenticationError)
  })
})

const partialChat = (error: APIError) => error.partial as ChatCompletionResponse | undefined

describe('mid-stream faults keep the chunks already delivered', () => {
  async function streamWith(spec: string, requestTimeout?: number) {
    const stream = await peer.client().chatCompletion.create('kindling-echo', messages, {
      stream: true,
      ...fault(spec),
      ...(requestTimeout === undefined ? {} : { requestTimeout }),
    })
    const chunks: ChatCompletionStreamResponse[] = []
    let error: APIError | undefined
    try {
      for await (const chunk of stream) chunks.push(chunk)
    } catch (thrown) {
      error = thrown as APIError
    }
    const delivered = chunks.map((c) => c.choices[0]?.delta.content ?? '').join('')
    return { stream, chunks, error, delivered }
  }

  it.each([
    { spec: 'cut=3', ErrorClass: APIConnectionError },
    { spec: 'stall=3', ErrorClass: APITimeoutError },
    { spec: 'malformed=3', ErrorClass: ResponseValidationError },
    { spec: 'error-event=3', ErrorClass: APIStreamError },
    { spec: 'error-chunk=3', ErrorClass: APIStreamError },
  ])('$spec → $ErrorClass.name with the partial answer', async ({ spec, ErrorClass }) => {
    const { stream, chunks, error, delivered } = await streamWith(spec, 1)
    expect(chunks).toHaveLength(3)
    expect(error).toBeInstanceOf(ErrorClass)
    if (!error) return
    expect(delivered.length).toBeGreaterThan(0)
    expect(partialChat(error)?.choices[0]?.message.content).toBe(delivered)
    expect(partialChat(error)?.choices[0]?.finish_reason).toBeNull()
    const final = await rejection(stream.finalResponse())
    expect(final).toBe(error)
  })

  it('says what the server reported inside the stream', async () => {
    const { error } = await streamWith('error-event=2')
    expect(error?.message).toMatch(
      /Error inside the stream of POST \/chat\/completions \(model "kindling-echo"\)/,
    )
    expect(error?.type).toBe('server_error')
  })

  it('names the model and endpoint of a malformed chunk', async () => {
    const { error } = await streamWith('malformed=1')
    expect(error?.message).toMatch(
      /Invalid chat completion chunk from POST \/chat\/completions \(model "kindling-echo"\): not valid JSON/,
    )
  })

  it.each(['no-done', 'ping', 'crlf', 'crlf+ping+no-done'])(
    'reads a stream with %s like a clean one',
    async (spec) => {
      const clean = await streamWith('')
      const odd = await streamWith(spec)
      expect(odd.error).toBeUndefined()
      expect(odd.delivered).toBe(clean.delivered)
      expect(await odd.stream.finalResponse()).toMatchObject({
        choices: [{ message: { content: messages[0]?.content }, finish_reason: 'stop' }],
      })
    },
  )

  it('keeps the partial text completion too', async () => {
    const stream = await peer
      .client()
      .completion.create('kindling-text', 'Once', { stream: true, ...fault('cut=2') })
    const error = await rejection(stream.finalResponse())
    expect(error).toBeInstanceOf(APIConnectionError)
    expect((error.partial as CompletionResponse).choices[0]?.text.length).toBeGreaterThan(0)
  })
})

describe('timeouts', () => {
  it('times out a request that never answers, distinct from an abort', async () => {
    const started = Date.now()
    const error = await rejection(
      peer
        .client()
        .chatCompletion.create('kindling-echo', messages, { ...fault('stall'), requestTimeout: 0.3 }),
    )
    expect(error).toBeInstanceOf(APITimeoutError)
    expect(error.message).toContain('timed out after 0.3 s')
    expect(Date.now() - started).toBeGreaterThanOrEqual(290)
    expect(Date.now() - started).toBeLessThan(3000)
  })

  it('counts the whole stream against requestTimeout, not only the headers', async () => {
    const stream = await peer.client().chatCompletion.create('kindling-text', messages, {
      stream: true,
      max_tokens: 200,
      requestTimeout: 0.4,
      ...fault('delay=50'),
    })
    const error = await rejection(stream.finalResponse())
    expect(error).toBeInstanceOf(APITimeoutError)
    expect(partialChat(error)?.choices[0]?.message.content?.length).toBeGreaterThan(0)
  })

  it('times out models.list', async () => {
    expect(
      await rejection(peer.client().models.list({ ...fault('stall'), requestTimeout: 0.2 })),
    ).toBeInstanceOf(APITimeoutError)
  })
})
