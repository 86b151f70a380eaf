import type { DeepPartial, StructuredOutputError } from '@kindling/client'
import type { ChatUIMessage } from './chatMessage.ts'
import { checkAnswer, invalidJsonError, type ObjectOf, type ObjectSchema } from './objectSchema.ts'
import { createPartialJsonCache } from './partialJsonCache.ts'

// The object view of an answer requested with `response_format` (JSON): the partial object while
// it streams, the checked object once it is done. Parsing follows the stream incrementally.

/** An assistant message's content read as a (typed) object. */
export interface MessageObject<T = unknown> {
  /** The object so far (finished parts keep their identity between updates); `undefined` before it begins. */
  readonly partial: DeepPartial<T> | undefined
  /** The complete object, checked with the schema when one is given; only once the message is `done`. */
  readonly object: T | undefined
  /** The content is not JSON, or (once done) not a whole value or not what the schema says; keeps the text. */
  readonly error: StructuredOutputError | undefined
}

const contentCache = createPartialJsonCache()
const NO_SCHEMA = {}
// One view per message object and schema: a selector must return the same value for the same input.
const views = new WeakMap<ChatUIMessage, WeakMap<object, MessageObject>>()

function viewOf(message: ChatUIMessage, schema: ObjectSchema | undefined): MessageObject {
  const done = message.status === 'done'
  const read = contentCache.read(message.id, message.content, done)
  const finishReason = message.finish_reason ?? null
  if (read.failure) {
    return {
      partial: read.value,
      object: undefined,
      error: invalidJsonError(read.failure, message.content, finishReason),
    }
  }
  if (!done || read.end === undefined) return { partial: read.value, object: undefined, error: undefined }
  if ('failure' in read.end) {
    return {
      partial: read.value,
      object: undefined,
      error: invalidJsonError(read.end.failure, message.content, finishReason),
    }
  }
  const checked = checkAnswer(schema, read.end.value, message.content, finishReason)
  return 'error' in checked
    ? { partial: read.value, object: undefined, error: checked.error }
    : { partial: read.value, object: checked.object, error: undefined }
}

/**
 * The content of `message` (an answer asked for with `response_format` JSON) as an object: partial
 * while it streams, complete and checked with `schema` (zod; a JSON Schema is not checked) once
 * done. The same message and schema give the same view, so it can be used as a store selector.
 */
export function selectMessageObject<S extends ObjectSchema | undefined = undefined>(
  message: ChatUIMessage,
  schema?: S,
): MessageObject<S extends ObjectSchema ? ObjectOf<S> : unknown> {
  let bySchema = views.get(message)
  if (bySchema === undefined) {
    bySchema = new WeakMap()
    views.set(message, bySchema)
  }
  const key = schema ?? NO_SCHEMA
  let view = bySchema.get(key)
  if (view === undefined) {
    view = viewOf(message, schema)
    bySchema.set(key, view)
  }
  return view as MessageObject<S extends ObjectSchema ? ObjectOf<S> : unknown>
}
