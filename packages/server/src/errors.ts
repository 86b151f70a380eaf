/** The error body every OpenAI-compatible service sends: `{"error":{"message","type","code","param"}}`. */
export interface ErrorBody {
  error: {
    message: string
    type: string
    code: string | null
    param: string | null
  }
}

/** What an error response says besides its status. */
export interface ErrorDetails {
  type?: string
  code?: string | null
  param?: string | null
  headers?: Record<string, string>
}

/** Builds the OpenAI-shaped error body. */
export function errorBody(message: string, details: ErrorDetails = {}): ErrorBody {
  return {
    error: {
      message,
      type: details.type ?? 'invalid_request_error',
      code: details.code ?? null,
      param: details.param ?? null,
    },
  }
}

/** A JSON error response with the OpenAI error body and the given status. */
export function errorResponse(status: number, message: string, details: ErrorDetails = {}): Response {
  return new Response(JSON.stringify(errorBody(message, details)), {
    status,
    headers: { 'content-type': 'application/json', ...details.headers },
  })
}
