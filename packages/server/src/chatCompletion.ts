import type {
  ChatCompletionResponse,
  ChatCompletionResponseChoice,
  ChatCompletionResponseStreamChoice,
  ChatCompletionStreamResponse,
  DeltaMessage,
  ToolCall,
} from '@kindling/client'
import { type ChatTokenLogprob, chatTokenLogprob } from './logprobs.ts'
import type { ChoicePlan, PlannedDelta } from './planChoice.ts'
import { type Usage, usage } from './usage.ts'

/** Everything needed to write one chat completion, streamed or not. */
export interface ChatGeneration {
  id: string
  created: number
  model: string
  plans: ChoicePlan[]
  promptTokens: number
  /** `top_logprobs` when the request asked for `logprobs`, else null. */
  topLogprobs: number | null
  /** `stream_options.include_usage`: usage in a chunk of its own with `choices: []`. */
  includeUsage: boolean
}

function totalUsage(generation: ChatGeneration): Usage {
  const completion = generation.plans.reduce((sum, plan) => sum + plan.completionTokens, 0)
  return usage(generation.promptTokens, completion)
}

function deltaOf(planned: PlannedDelta): DeltaMessage {
  switch (planned.kind) {
    case 'reasoning':
      return { reasoning_content: planned.text }
    case 'content':
      return { content: planned.text }
    case 'toolCall':
      return {
        tool_calls: [
          {
            index: planned.toolIndex,
            id: planned.id,
            type: 'function',
            function: { name: planned.name, arguments: '' },
          },
        ],
      }
    case 'toolArguments':
      return { tool_calls: [{ index: planned.toolIndex, function: { arguments: planned.text } }] }
  }
}

const callsTools = (plan: ChoicePlan) => plan.deltas.some((delta) => delta.kind === 'toolCall')

/**
 * The chunks of a streamed chat completion: a `role` chunk per choice, then one delta per token with
 * the choices interleaved round-robin, a `finish_reason` chunk as each choice ends, and `usage` on
 * the last chunk (or, with `includeUsage`, in a final chunk with `choices: []`).
 */
export function chatCompletionChunks(generation: ChatGeneration): ChatCompletionStreamResponse[] {
  const { id, created, model, plans, topLogprobs } = generation
  const chunk = (choice: ChatCompletionResponseStreamChoice): ChatCompletionStreamResponse => ({
    id,
    object: 'chat.completion.chunk',
    created,
    model,
    choices: [choice],
  })
  const chunks: ChatCompletionStreamResponse[] = plans.map((plan, index) =>
    chunk({
      index,
      delta: { role: 'assistant', content: callsTools(plan) ? null : '' },
      finish_reason: null,
    }),
  )
  // A loop, not Math.max(...array): spreading 100k+ arguments overflows the call stack.
  const longest = plans.reduce((most, plan) => Math.max(most, plan.deltas.length), 0)
  for (let step = 0; step <= longest; step++) {
    for (const [index, plan] of plans.entries()) {
      const planned = plan.deltas[step]
      if (planned) {
        const choice: ChatCompletionResponseStreamChoice = {
          index,
          delta: deltaOf(planned),
          finish_reason: null,
        }
        if (topLogprobs !== null && planned.kind === 'content') {
          choice.logprobs = { content: [chatTokenLogprob(planned.text, topLogprobs)], refusal: null }
        }
        chunks.push(chunk(choice))
      } else if (step === plan.deltas.length) {
        chunks.push(chunk({ index, delta: {}, finish_reason: plan.finishReason }))
      }
    }
  }
  if (generation.includeUsage) {
    chunks.push({
      id,
      object: 'chat.completion.chunk',
      created,
      model,
      choices: [],
      usage: totalUsage(generation),
    })
  } else {
    const last = chunks.at(-1)
    if (last) last.usage = totalUsage(generation)
  }
  return chunks
}

/** The body of a chat completion that is not streamed. */
export function chatCompletionResponse(generation: ChatGeneration): ChatCompletionResponse {
  const { id, created, model, plans, topLogprobs } = generation
  const choices = plans.map((plan, index): ChatCompletionResponseChoice => {
    let reasoning = ''
    let content = ''
    const logprobs: ChatTokenLogprob[] = []
    const toolCalls: ToolCall[] = []
    for (const planned of plan.deltas) {
      if (planned.kind === 'reasoning') reasoning += planned.text
      else if (planned.kind === 'content') {
        content += planned.text
        if (topLogprobs !== null) logprobs.push(chatTokenLogprob(planned.text, topLogprobs))
      } else if (planned.kind === 'toolCall') {
        toolCalls.push({ id: planned.id, type: 'function', function: { name: planned.name, arguments: '' } })
      } else {
        const call = toolCalls[planned.toolIndex]
        if (call) call.function.arguments += planned.text
      }
    }
    // OpenAI's schema requires `refusal` and `logprobs` to be present, null when there are none.
    const message: ChatCompletionResponseChoice['message'] = {
      role: 'assistant',
      content: toolCalls.length > 0 && content === '' ? null : content,
      refusal: null,
    }
    if (reasoning !== '') message.reasoning_content = reasoning
    if (toolCalls.length > 0) message.tool_calls = toolCalls
    return {
      index,
      message,
      logprobs: topLogprobs === null ? null : { content: logprobs, refusal: null },
      finish_reason: plan.finishReason,
    }
  })
  return { id, object: 'chat.completion', created, model, choices, usage: totalUsage(generation) }
}
