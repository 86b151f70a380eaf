import { randomUUID } from 'node:crypto'
import type {
  ChatCompletionResponse,
  ChatCompletionStreamResponse,
  CompletionResponse,
  CompletionStreamResponse,
} from '@kindling/client'
import { withBadArguments } from './badArguments.ts'
import { type ChatGeneration, chatCompletionChunks, chatCompletionResponse } from './chatCompletion.ts'
import { readContentParts } from './contentParts.ts'
import type { Faults } from './faults.ts'
import type { InvalidParamError } from './invalidParam.ts'
import type { BuiltinModel } from './models/index.ts'
import { planChoice } from './planChoice.ts'
import type { ChatRequest, CompletionRequest } from './requestSchemas.ts'
import { type CompletionGeneration, completionChunks, completionResponse } from './textCompletion.ts'
import { countTokens } from './tokenizer.ts'
import { countChatPromptTokens } from './usage.ts'

/** A built-in model's answer, ready to send whole or as stream chunks. */
export interface Generated {
  response(): ChatCompletionResponse | CompletionResponse
  chunks(): (ChatCompletionStreamResponse | CompletionStreamResponse)[]
}

const newId = (prefix: string) => `${prefix}-${randomUUID().replaceAll('-', '')}`
const now = () => Math.floor(Date.now() / 1000)

/**
 * Runs a chat request on a built-in model: `n` choices, cut by `stop` and `max_tokens`; the
 * `badargs` fault spoils the arguments of its tool calls. Throws {@link InvalidParamError} for a
 * malformed content part.
 */
export function generateChat(model: BuiltinModel, request: ChatRequest, faults: Faults = {}): Generated {
  // Malformed parts are a 400 here, before any model reads them; proxied requests are the upstream's to judge.
  readContentParts(request.messages)
  const n = request.n ?? 1
  const maxTokens = request.max_completion_tokens ?? request.max_tokens
  const answer = (index: number) => {
    const output = model.chat(request, index)
    return faults.badArguments ? withBadArguments(output, faults.badArguments, request.tools ?? []) : output
  }
  const plans = Array.from({ length: n }, (_, index) =>
    planChoice(answer(index), { stop: request.stop, maxTokens }),
  )
  const generation: ChatGeneration = {
    id: newId('chatcmpl'),
    created: now(),
    model: model.id,
    plans,
    promptTokens: countChatPromptTokens(request.messages),
    topLogprobs: request.logprobs ? (request.top_logprobs ?? 0) : null,
    includeUsage: request.stream_options?.include_usage === true,
  }
  return {
    response: () => chatCompletionResponse(generation),
    chunks: () => chatCompletionChunks(generation),
  }
}

/**
 * Runs a completion request on a built-in model: `n` choices per prompt (choice index
 * `promptIndex * n + j`), the prompt echoed first with `echo`, cut by `stop` and `max_tokens`.
 */
export function generateCompletion(model: BuiltinModel, request: CompletionRequest): Generated {
  const n = request.n ?? 1
  const prompts = typeof request.prompt === 'string' ? [request.prompt] : request.prompt
  const choices = prompts.flatMap((prompt) =>
    Array.from({ length: n }, (_, index) => ({
      plan: planChoice(
        { content: model.complete(prompt, request, index) },
        { stop: request.stop, maxTokens: request.max_tokens },
      ),
      echoed: request.echo ? prompt : '',
    })),
  )
  const generation: CompletionGeneration = {
    id: newId('cmpl'),
    created: now(),
    model: model.id,
    choices,
    promptTokens: prompts.reduce((sum, prompt) => sum + countTokens(prompt), 0),
    topLogprobs: request.logprobs ?? null,
    includeUsage: request.stream_options?.include_usage === true,
  }
  return { response: () => completionResponse(generation), chunks: () => completionChunks(generation) }
}
