import { useStore } from 'zustand'
import { selectMessage } from './core/chatState.ts'
import type { ObjectOf, ObjectSchema } from './core/objectSchema.ts'
import { type MessageObject, selectMessageObject } from './core/selectMessageObject.ts'
import { useChatEngine } from './useChatEngine.ts'

const NOTHING: MessageObject = { partial: undefined, object: undefined, error: undefined }

/**
 * The answer `messageId` of the chat `chatId`, asked for with `response_format` JSON, as an object:
 * `partial` while it streams (parsed incrementally), `object` once done, checked with `schema` when
 * it is a zod schema; `error` keeps the raw text. Re-renders only when this message changes.
 * Define the schema once (module scope): the view is kept per message and schema.
 *
 * @example
 * const { partial, object, error } = useMessageObject(chatId, message.id, Recipe)
 */
export function useMessageObject<S extends ObjectSchema | undefined = undefined>(
  chatId: string,
  messageId: string,
  schema?: S,
): MessageObject<S extends ObjectSchema ? ObjectOf<S> : unknown> {
  const store = useChatEngine(chatId).store
  return useStore(store, (state) => {
    const message = selectMessage(state, messageId)
    return (message ? selectMessageObject(message, schema) : NOTHING) as MessageObject<
      S extends ObjectSchema ? ObjectOf<S> : unknown
    >
  })
}
