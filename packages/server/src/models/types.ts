import type { ChatRequest, ChatRequestMessage, CompletionRequest } from '../requestSchemas.ts'

/** One tool call a model decides to make. */
export interface ModelToolCall {
  id: string
  name: string
  arguments: string
}

/** Everything a built-in model answers for one choice, before `stop` and `max_tokens` cut it. */
export interface ModelOutput {
  /** Streamed as `reasoning_content` before the content. */
  reasoning?: string
  content: string
  toolCalls?: ModelToolCall[]
}

/** The server's bounds a model itself must keep while building an answer. */
export interface ModelLimits {
  /** Bytes of tool-call arguments for one choice. */
  maxToolArgumentBytes: number
}

/** A deterministic model the server runs itself, with no upstream. */
export interface BuiltinModel {
  /** The id clients send as `model` and `/models` lists. */
  id: string
  /** One line for the README and the model list. */
  description: string
  /** Whether it reads images (listed as `supports_image_input`, as Fireworks lists its models). */
  supportsImageInput?: boolean
  /**
   * The answer to a chat request, for choice `choiceIndex` (0 … n-1); `limits` bounds what it may
   * build (it throws `LimitExceeded` past them).
   */
  chat(request: ChatRequest, choiceIndex: number, limits?: ModelLimits): ModelOutput
  /** The text that continues `prompt`, for choice `choiceIndex`. */
  complete(prompt: string, request: CompletionRequest, choiceIndex: number): string
}

/** The text of a message: its string content or its text parts joined. */
export function messageText(message: ChatRequestMessage): string {
  const { content } = message
  if (content == null) return ''
  if (typeof content === 'string') return content
  return content.map((part) => part.text ?? '').join('')
}

/** The last message with the given role, if any. */
export function lastMessage(
  request: ChatRequest,
  role: ChatRequestMessage['role'],
): ChatRequestMessage | undefined {
  return request.messages.findLast((message) => message.role === role)
}
