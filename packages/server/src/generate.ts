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
import { lastMessage, messageText } from './models/types.ts'
import type { WorkLimits } from './options.ts'
import { planChoice } from './planChoice.ts'
import { hashString } from './random.ts'
import type { ChatRequest, CompletionRequest } from './requestSchemas.ts'
import { readResponseFormat } from './responseFormat.ts'
import { structuredOutput } from './structuredOutput.ts'
import { type CompletionGeneration, completionChunks, completionResponse } from './textCompletion.ts'
import { countTokens } from './tokenizer.ts'
import { countChatPromptTokens } from './usage.ts'
import { checkChoices, tokenBudget } from './workLimits.ts'

/** A built-in model's answer, ready to send whole or as stream chunks. */
export interface Generated {
  response(): ChatCompletionResponse | CompletionResponse
  chunks(): (ChatCompletionStreamResponse | CompletionStreamResponse)[]
}

const newId = (prefix: string) => `${prefix}-${randomUUID().replaceAll('-', '')}`
const now = () => Math.floor(Date.now() / 1000)

/**
 * Runs a chat request on a built-in model: `n` choices, cut by `stop` and `max_tokens`; the
 * `badargs` fault spoils the arguments of its tool calls; a JSON `response_format` makes the content
 * JSON (valid for its schema). Throws {@link InvalidParamError} for a malformed content part or
 * response format, and for `grammar`; throws `LimitExceeded` as soon as the answer passes one of the
 * server's `limits`.
 */
export function generateChat(
  model: BuiltinModel,
  request: ChatRequest,
  limits: WorkLimits,
  faults: Faults = {},
): Generated {
  // Malformed parts are a 400 here, before any model reads them; proxied requests are the upstream's to judge.
  readContentParts(request.messages)
  const format = readResponseFormat(request.response_format)
  const n = request.n ?? 1
  checkChoices(n, limits, `n = ${n}`)
  const maxTokens = request.max_completion_tokens ?? request.max_tokens
  const budget = tokenBudget(limits, request.logprobs ? 1 + (request.top_logprobs ?? 0) : 1)
  const seed = request.seed ?? hashString(JSON.stringify(request.messages))
  const userMessage = lastMessage(request, 'user')
  const words = userMessage ? messageText(userMessage) : ''
  const answer = (index: number) => {
    let output = model.chat(request, index, limits)
    // A JSON format replaces the content, as constrained decoding would; tool calls stay as they are.
    if (format.kind === 'json' && !output.toolCalls?.length) {
      output = { ...output, content: structuredOutput(format, seed + index, words) }
    }
    return faults.badArguments ? withBadArguments(output, faults.badArguments, request.tools ?? []) : output
  }
  const plans = Array.from({ length: n }, (_, index) =>
    planChoice(answer(index), { stop: request.stop, maxTokens, budget }),
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
 * Throws `LimitExceeded` as soon as the answer passes one of the server's `limits`.
 */
export function generateCompletion(
  model: BuiltinModel,
  request: CompletionRequest,
  limits: WorkLimits,
): Generated {
  const format = readResponseFormat(request.response_format)
  const n = request.n ?? 1
  const prompts = typeof request.prompt === 'string' ? [request.prompt] : request.prompt
  checkChoices(prompts.length * n, limits, `${prompts.length} prompts × n = ${n}`)
  const budget = tokenBudget(limits, request.logprobs ? 1 + request.logprobs : 1)
  const choices = prompts.flatMap((prompt) =>
    Array.from({ length: n }, (_, index) => {
      // An echoed prompt is sent again with every choice: it counts as part of the answer.
      if (request.echo) budget.spend(countTokens(prompt))
      return {
        plan: planChoice(
          {
            content:
              format.kind === 'json'
                ? structuredOutput(format, (request.seed ?? hashString(prompt)) + index, prompt)
                : model.complete(prompt, request, index),
          },
          { stop: request.stop, maxTokens: request.max_tokens, budget },
        ),
        echoed: request.echo ? prompt : '',
      }
    }),
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
