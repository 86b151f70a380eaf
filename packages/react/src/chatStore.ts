import type {
  ChatMessage,
  ChatRequestMessage,
  ContentPart,
  KindlingError,
  ToolCall,
  UsageInfo,
} from '@kindling/client'
import { createStore, type StoreApi } from 'zustand/vanilla'

// One vanilla zustand store per chat. The state is plain immutable data: a write replaces only the
// message it changes, so every other message keeps its identity and selectors can skip it.

/** Where a message is in its life: arriving, finished, stopped by the user, or failed. */
export type ChatMessageStatus = 'streaming' | 'done' | 'stopped' | 'error'

/** Where the chat is: nothing running, request sent, answer streaming, or the last request failed. */
export type ChatStatus = 'ready' | 'submitted' | 'streaming' | 'error'

/** When an answer started, produced its first token and ended (`Date.now()` milliseconds). */
export interface MessageTiming {
  readonly startedAt: number
  readonly firstTokenAt?: number | undefined
  readonly finishedAt?: number | undefined
  /** The server's own time to first token (ms), when it reports one (Fireworks' `fireworks-*` metrics). */
  readonly serverTimeToFirstToken?: number | undefined
}

/** One of the `n` choices of an answer requested with `n` > 1. */
export interface ChatAlternative {
  readonly content: string
  readonly reasoning_content?: string | undefined
  readonly tool_calls?: readonly ToolCall[] | undefined
  readonly finish_reason?: string | null | undefined
}

/** The `n` > 1 choices of an answer, and which one the message shows. */
export interface ChatAlternatives {
  readonly count: number
  /** Index into `choices` of the alternative the message's own fields show. */
  readonly selected: number
  readonly choices: readonly ChatAlternative[]
}

/**
 * A chat message as the hooks hold it: the wire message (`role`, `content`, `reasoning_content`,
 * `tool_calls`, …) plus a stable `id` and the view state of its answer. Field names match
 * `@kindling/ui`'s `MessageView`, so it can be passed to the UI components as it is.
 */
export interface ChatUIMessage {
  /** Stable across renders and updates: use it as the React key. */
  readonly id: string
  /** `user`, `assistant`, `system`, `developer` or `tool`. */
  readonly role: string
  /** The text (the selected alternative's, with `n` > 1). `''` when there is none yet. */
  readonly content: string
  /** The original multi-part content of a sent message (images, …); `content` holds its text. */
  readonly parts?: readonly ContentPart[] | undefined
  readonly name?: string | undefined
  readonly reasoning_content?: string | undefined
  readonly tool_calls?: readonly ToolCall[] | undefined
  /** For `role: 'tool'`: the call this message answers. */
  readonly tool_call_id?: string | undefined
  readonly status: ChatMessageStatus
  /** Why the answer failed, when `status` is `'error'` (its text so far is kept in `content`). */
  readonly error?: KindlingError | undefined
  readonly finish_reason?: string | null | undefined
  readonly usage?: UsageInfo | undefined
  /** The model that answered. */
  readonly model?: string | undefined
  /** With `n` > 1: every choice, and the one shown. */
  readonly alternatives?: ChatAlternatives | undefined
  /** Answer timing, for time to first token and tokens per second (see {@link messageStats}). */
  readonly timing?: MessageTiming | undefined
}

/** What `send`, `setMessages` and `initialMessages` accept: a UI message, or a wire message without an id. */
export type ChatMessageInput = ChatUIMessage | ChatRequestMessage | ChatMessage

/** The state of one chat. Treat as immutable. */
export interface ChatState {
  /** Every message, oldest first. */
  readonly messages: readonly ChatUIMessage[]
  /** The ids of `messages`, in order; a new array only when messages are added or removed. */
  readonly messageIds: readonly string[]
  /** Position of each message in `messages`, by id; replaced with `messageIds`. */
  readonly messageIndex: ReadonlyMap<string, number>
  readonly status: ChatStatus
  /** The last request's error while `status` is `'error'`. */
  readonly error: KindlingError | undefined
  /** The text of the chat's input box (`input` / `setInput` / `handleSubmit`). */
  readonly input: string
}

/** A vanilla zustand store holding one chat. */
export type ChatStore = StoreApi<ChatState>

let counter = 0
const prefix = Math.random().toString(36).slice(2, 8)

/** A message id unique in this page (no `crypto` needed, which plain-HTTP pages lack). */
export function createMessageId(): string {
  counter += 1
  return `msg-${prefix}-${counter.toString(36)}`
}

function textOf(content: ChatMessage['content']): string {
  if (typeof content === 'string') return content
  if (!content) return ''
  let text = ''
  for (const part of content) if (typeof part.text === 'string') text += part.text
  return text
}

/** A UI message from any accepted input; UI messages are returned as they are. */
export function toUIMessage(input: ChatMessageInput): ChatUIMessage {
  if ('id' in input && typeof input.id === 'string' && 'status' in input) return input as ChatUIMessage
  const wire = input as ChatMessage
  const message: {
    -readonly [K in keyof ChatUIMessage]: ChatUIMessage[K]
  } = { id: createMessageId(), role: wire.role, content: textOf(wire.content), status: 'done' }
  if (Array.isArray(wire.content)) message.parts = wire.content
  if (wire.name) message.name = wire.name
  if (wire.reasoning_content) message.reasoning_content = wire.reasoning_content
  if (wire.tool_calls?.length) message.tool_calls = wire.tool_calls
  if (wire.tool_call_id) message.tool_call_id = wire.tool_call_id
  return message
}

/** The wire message a UI message is sent back as (reasoning is not sent back). */
export function toRequestMessage(message: ChatUIMessage): ChatRequestMessage {
  const out: ChatRequestMessage = {
    role: message.role as ChatRequestMessage['role'],
    content: message.parts ? [...message.parts] : message.content,
  }
  if (message.name) out.name = message.name
  if (message.tool_calls?.length) {
    out.tool_calls = [...message.tool_calls]
    if (message.content === '') out.content = null
  }
  if (message.tool_call_id) out.tool_call_id = message.tool_call_id
  return out
}

/** The state fields for a new message list: ids and index rebuilt (O(n), only when the list's shape changes). */
export function withMessages(
  messages: readonly ChatUIMessage[],
): Pick<ChatState, 'messages' | 'messageIds' | 'messageIndex'> {
  const messageIds = messages.map((message) => message.id)
  const messageIndex = new Map<string, number>()
  for (let index = 0; index < messageIds.length; index++) messageIndex.set(messageIds[index] as string, index)
  return { messages, messageIds, messageIndex }
}

/**
 * The state fields after replacing the message at `index` by one with the same id: ids and index
 * are kept, every other message keeps its identity.
 */
export function withMessageAt(
  state: ChatState,
  index: number,
  message: ChatUIMessage,
): Pick<ChatState, 'messages'> {
  const messages = state.messages.slice()
  messages[index] = message
  return { messages }
}

/** The message with this id, in O(1). */
export function selectMessage(state: ChatState, id: string): ChatUIMessage | undefined {
  const index = state.messageIndex.get(id)
  return index === undefined ? undefined : state.messages[index]
}

/** The initial state of a chat. */
export function initialChatState(initialMessages: readonly ChatMessageInput[] = []): ChatState {
  return { ...withMessages(initialMessages.map(toUIMessage)), status: 'ready', error: undefined, input: '' }
}

/** Creates the vanilla store of one chat. */
export function createChatStore(initialMessages: readonly ChatMessageInput[] = []): ChatStore {
  return createStore<ChatState>()(() => initialChatState(initialMessages))
}

/** Time to first token (ms) and output tokens per second of an answer, when known. */
export interface MessageStats {
  /** Measured here: from sending the request to the first token arriving. */
  timeToFirstToken: number | undefined
  /** As the server reported it (Fireworks), without the network: compare with `timeToFirstToken`. */
  serverTimeToFirstToken: number | undefined
  tokensPerSecond: number | undefined
}

/** Time to first token and tokens per second of an answer, from its `timing` and `usage`. */
export function messageStats(message: Pick<ChatUIMessage, 'timing' | 'usage'>): MessageStats {
  const timing = message.timing
  const first = timing?.firstTokenAt
  const timeToFirstToken = timing && first !== undefined ? first - timing.startedAt : undefined
  const tokens = message.usage?.completion_tokens
  const seconds =
    first !== undefined && timing?.finishedAt !== undefined ? (timing.finishedAt - first) / 1000 : undefined
  const tokensPerSecond =
    typeof tokens === 'number' && seconds !== undefined && seconds > 0 ? tokens / seconds : undefined
  return { timeToFirstToken, serverTimeToFirstToken: timing?.serverTimeToFirstToken, tokensPerSecond }
}
