import { describe, expect, it } from 'vitest'
import * as nodeEntry from '../index.node.ts'
import * as browserEntry from '../index.ts'

// The public entry is a deliberate list of what apps use: a name added or removed here is an API
// change (and a changeset). Internals that tests need are imported from source.

const PUBLIC_VALUES = [
  'APIConnectionError',
  'APIError',
  'APIStreamError',
  'APITimeoutError',
  'APIUserAbortError',
  'AuthenticationError',
  'ConflictError',
  'DEFAULT_BASE_URL',
  'InternalServerError',
  'InvalidArgumentError',
  'InvalidRequestError',
  'KindlingError',
  'NotFoundError',
  'PayloadTooLargeError',
  'PermissionDeniedError',
  'RateLimitError',
  'PartialJsonError',
  'ResponseValidationError',
  'StructuredOutputError',
  'accumulateChatChunk',
  'accumulateCompletionChunk',
  'checkObject',
  'createChatAccumulator',
  'createClient',
  'createCompletionAccumulator',
  'createPartialJsonParser',
  'getConsoleLogLevel',
  'joinPieces',
  'piecesToArray',
  'serverTimeToFirstTokenMs',
  'setConsoleLogLevel',
  'streamObject',
  'toChatCompletionResponse',
  'toChatMessage',
  'toCompletionResponse',
]

describe('the public entry', () => {
  it('exports exactly the deliberate list, and no zod schema', () => {
    expect(Object.keys(browserEntry).sort()).toEqual([...PUBLIC_VALUES].sort())
  })

  it('is the same for Node', () => {
    expect(Object.keys(nodeEntry).sort()).toEqual(Object.keys(browserEntry).sort())
  })
})
