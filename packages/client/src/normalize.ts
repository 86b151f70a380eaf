import type {
  ChatCompletionResponse,
  ChatCompletionStreamResponse,
  CompletionResponse,
  DeltaMessage,
} from './schemas.ts'

// What the client fills in on a response it accepted, so that callers read one shape whatever the
// server (see "Leniency" in the README). Each function modifies the parsed JSON in place (it
// belongs to the client) and returns it typed.

interface LenientChoice {
  index?: number
  delta?: LenientMessage
  message?: LenientMessage
}
interface LenientMessage {
  reasoning_content?: string | null
  reasoning?: unknown
}

// `reasoning` (Ollama, vLLM, OpenRouter) is read as `reasoning_content`; when both are sent,
// `reasoning_content` wins.
function readReasoning(message: LenientMessage): void {
  if (
    (message.reasoning_content === undefined || message.reasoning_content === null) &&
    typeof message.reasoning === 'string'
  )
    message.reasoning_content = message.reasoning
}

function fillChoices(choices: readonly LenientChoice[], kind: 'delta' | 'message' | undefined): void {
  for (let i = 0; i < choices.length; i++) {
    const choice = choices[i] as LenientChoice
    // A choice without `index` is the choice at its position.
    if (choice.index === undefined) choice.index = i
    if (kind === 'delta') {
      // Some providers send no `delta` on the final chunk that only carries finish_reason.
      if (choice.delta === undefined) choice.delta = {} satisfies DeltaMessage
      else readReasoning(choice.delta)
    } else if (kind === 'message' && choice.message !== undefined) readReasoning(choice.message)
  }
}

/** A checked chat chunk (`ChatCompletionStreamResponseSchema`) as the client hands it on. */
export function normalizeChatChunk(chunk: unknown): ChatCompletionStreamResponse {
  fillChoices((chunk as { choices: LenientChoice[] }).choices, 'delta')
  return chunk as ChatCompletionStreamResponse
}

/** A checked chat completion (`ChatCompletionResponseSchema`) as the client hands it on. */
export function normalizeChatResponse(response: unknown): ChatCompletionResponse {
  fillChoices((response as { choices: LenientChoice[] }).choices, 'message')
  return response as ChatCompletionResponse
}

/** A checked text completion or chunk (`CompletionResponseSchema`) as the client hands it on. */
export function normalizeCompletion(response: unknown): CompletionResponse {
  fillChoices((response as { choices: LenientChoice[] }).choices, undefined)
  return response as CompletionResponse
}
