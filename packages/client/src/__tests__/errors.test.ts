import { describe, expect, it } from 'vitest'
import {
  APIError,
  AuthenticationError,
  ConflictError,
  errorFromResponse,
  InternalServerError,
  InvalidRequestError,
  NotFoundError,
  PayloadTooLargeError,
  PermissionDeniedError,
  parseErrorBody,
  RateLimitError,
} from '../errors.ts'

const context = { endpoint: 'POST /chat/completions', model: 'm' }

describe('parseErrorBody', () => {
  it('reads the OpenAI shape', () => {
    expect(
      parseErrorBody(
        '{"error":{"message":"bad temperature","type":"invalid_request_error","param":"temperature","code":"x"}}',
      ),
    ).toMatchObject({
      message: 'bad temperature',
      type: 'invalid_request_error',
      param: 'temperature',
      code: 'x',
    })
  })

  it('reads {"error": "text"}, {"message"} and FastAPI {"detail"} bodies', () => {
    expect(parseErrorBody('{"error":"quota exceeded"}').message).toBe('quota exceeded')
    expect(parseErrorBody('{"message":"nope","type":"t"}')).toMatchObject({ message: 'nope', type: 't' })
    expect(parseErrorBody('{"detail":"Not Found"}').message).toBe('Not Found')
    expect(parseErrorBody('{"detail":[{"loc":["body","messages"],"msg":"field required"}]}').message).toBe(
      'body.messages: field required',
    )
  })

  it('gives a readable message for HTML, plain text and empty bodies', () => {
    expect(
      parseErrorBody('<html><head><title>502 Bad Gateway</title></head><body>…</body></html>').message,
    ).toBe('502 Bad Gateway')
    expect(parseErrorBody('<!DOCTYPE html><html><body><h1>Oops</h1></body></html>').message).toBe('Oops')
    expect(parseErrorBody('upstream connect error').message).toBe('upstream connect error')
    expect(parseErrorBody('').message).toBeUndefined()
    expect(parseErrorBody('{not json').message).toBe('{not json')
  })
})

describe('errorFromResponse', () => {
  it.each([
    [400, InvalidRequestError],
    [422, InvalidRequestError],
    [401, AuthenticationError],
    [403, PermissionDeniedError],
    [404, NotFoundError],
    [409, ConflictError],
    [413, PayloadTooLargeError],
    [429, RateLimitError],
    [500, InternalServerError],
    [502, InternalServerError],
    [503, InternalServerError],
  ])('maps %i to its class', (status, ErrorClass) => {
    const error = errorFromResponse(
      status,
      new Headers({ 'x-request-id': 'req-1' }),
      '{"error":{"message":"m"}}',
      context,
    )
    expect(error).toBeInstanceOf(ErrorClass)
    expect(error).toBeInstanceOf(APIError)
    expect(error.status).toBe(status)
    expect(error.requestId).toBe('req-1')
    expect(error.message).toContain(`${status}`)
    expect(error.message).toContain('POST /chat/completions (model "m"): m')
  })

  it('keeps other statuses as a plain APIError', () => {
    const error = errorFromResponse(418, new Headers(), '', context)
    expect(error.constructor).toBe(APIError)
    expect(error.message).toBe('418 Error from POST /chat/completions (model "m"): no response body')
  })

  it('says how to set a key when a 401 came without one', () => {
    const error = errorFromResponse(401, new Headers(), '', { ...context, hasApiKey: false })
    expect(error.message).toContain('FIREWORKS_API_KEY')
  })

  it('quotes the title of a gateway HTML page', () => {
    const error = errorFromResponse(
      502,
      new Headers(),
      '<html><title>502 Bad Gateway</title></html>',
      context,
    )
    expect(error.message).toBe('502 Bad Gateway from POST /chat/completions (model "m"): 502 Bad Gateway')
    expect(error.body).toContain('<html>')
  })
})
