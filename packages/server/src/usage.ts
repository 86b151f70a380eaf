import { messageText } from './models/types.ts'
import type { ChatRequestMessage } from './requestSchemas.ts'
import { countTokens } from './tokenizer.ts'

/** Token counts, as every response's `usage` reports them. */
export type Usage = {
  prompt_tokens: number
  completion_tokens: number
  total_tokens: number
}

/** `usage` from the prompt and completion token counts. */
export function usage(promptTokens: number, completionTokens: number): Usage {
  return {
    prompt_tokens: promptTokens,
    completion_tokens: completionTokens,
    total_tokens: promptTokens + completionTokens,
  }
}

/** What one image part costs in prompt tokens: OpenAI's flat price of a low-detail image. */
export const IMAGE_PROMPT_TOKENS = 85

const imageParts = (message: ChatRequestMessage) =>
  Array.isArray(message.content) ? message.content.filter((part) => part.type === 'image_url').length : 0

/**
 * Prompt tokens of a chat request: for each message, one token for its role plus the tokens of its
 * text, {@link IMAGE_PROMPT_TOKENS} per image part, and the tokens of each tool call's name and arguments.
 */
export function countChatPromptTokens(messages: readonly ChatRequestMessage[]): number {
  let total = 0
  for (const message of messages) {
    total += 1 + countTokens(messageText(message)) + imageParts(message) * IMAGE_PROMPT_TOKENS
    for (const call of message.tool_calls ?? []) {
      total += countTokens(call.function.name) + countTokens(call.function.arguments)
    }
  }
  return total
}
