import OpenAI from 'openai'
import { describe, expect, it } from 'vitest'
import type { ChatCompletionResponse } from '../../packages/client/src/schemas.ts'
import { MODELS, user, weatherTool, withPeer } from '../support/peer.ts'

// The official OpenAI SDK and @kindling/client read the same streams from the server and must agree
// on what they accumulate.

const peer = withPeer()
const openai = () => new OpenAI({ baseURL: `${peer.server.url}/v1`, apiKey: 'unused', maxRetries: 0 })

/** What both clients must agree on, from a chat completion of either. */
function chatSummary(response: ChatCompletionResponse | OpenAI.ChatCompletion, reasoning: string[]) {
  return {
    choices: response.choices.map((choice, i) => ({
      index: choice.index,
      content: choice.message.content ?? '',
      reasoning: reasoning[i] ?? '',
      finish_reason: choice.finish_reason,
      tool_calls: (choice.message.tool_calls ?? []).map((call) =>
        'function' in call
          ? { id: call.id, name: call.function.name, arguments: call.function.arguments }
          : call,
      ),
    })),
    usage: response.usage ?? null,
  }
}

const cases = MODELS.flatMap((model) =>
  ['', 'crlf+ping', 'no-done'].map((faults) => ({
    model,
    faults,
    label: `${model}${faults ? ` (${faults})` : ''}`,
  })),
)

describe('the OpenAI SDK and @kindling/client agree', () => {
  it.each(cases)('chat stream of $label', async ({ model, faults }) => {
    const headers = faults ? { 'x-kindling-fault': faults } : {}
    const params = {
      model,
      messages: [user('Plan a trip to Kyoto in spring')],
      n: 2,
      seed: 11,
      max_tokens: 40,
      tools: [weatherTool],
      stream_options: { include_usage: true },
    }
    // OpenAI's helper replaces non-standard delta fields, so reasoning is joined from its raw chunks.
    const sdkStream = openai().chat.completions.stream(params, { headers })
    const sdkReasoning: string[] = []
    for await (const chunk of sdkStream) {
      for (const choice of chunk.choices) {
        const piece = (choice.delta as { reasoning_content?: string }).reasoning_content
        if (piece) sdkReasoning[choice.index] = (sdkReasoning[choice.index] ?? '') + piece
      }
    }
    const sdkFinal = await sdkStream.finalChatCompletion()

    const { model: _, messages, ...options } = params
    const ours = await peer
      .client()
      .chatCompletion.create(model, messages, { ...options, headers, stream: true })
    const ourFinal = await ours.finalResponse()
    const ourReasoning = ourFinal.choices.map((c) => c.message.reasoning_content ?? '')

    expect(chatSummary(ourFinal, ourReasoning)).toEqual(chatSummary(sdkFinal, sdkReasoning))
    expect(ourFinal.choices).toHaveLength(2)
    expect(ourFinal.usage?.total_tokens).toBeGreaterThan(0)
    if (model === 'kindling-tools') expect(ourFinal.choices[0]?.finish_reason).toBe('tool_calls')
    if (model === 'kindling-reasoning') expect(ourReasoning[0]?.length).toBeGreaterThan(0)
  })

  it.each(MODELS)('completion stream of %s', async (model) => {
    const params = { model, prompt: ['Once upon a time', 'In a galaxy'], n: 2, max_tokens: 20, seed: 5 }
    const sdkText: string[] = []
    const sdkFinish: (string | null)[] = []
    let sdkUsage: unknown = null
    const sdkStream = await openai().completions.create({
      ...params,
      stream: true,
      stream_options: { include_usage: true },
    })
    for await (const chunk of sdkStream) {
      for (const choice of chunk.choices) {
        sdkText[choice.index] = (sdkText[choice.index] ?? '') + choice.text
        if (choice.finish_reason) sdkFinish[choice.index] = choice.finish_reason
      }
      if (chunk.usage) sdkUsage = chunk.usage
    }
    const { model: _, prompt, ...options } = params
    const ours = await peer
      .client()
      .completion.create(model, prompt, { ...options, stream: true, stream_options: { include_usage: true } })
    const final = await ours.finalResponse()
    expect(final.choices.map((c) => c.text)).toEqual(sdkText)
    expect(final.choices.map((c) => c.finish_reason)).toEqual(sdkFinish)
    expect(final.usage).toEqual(sdkUsage)
    expect(final.choices).toHaveLength(4)
  })

  it('both read the same non-streamed chat completion', async () => {
    const messages = [user('Weather in Oslo?')]
    const sdk = await openai().chat.completions.create({
      model: 'kindling-tools',
      messages,
      tools: [weatherTool],
    })
    const ours = await peer
      .client()
      .chatCompletion.create('kindling-tools', messages, { tools: [weatherTool] })
    expect(chatSummary(ours, [])).toEqual(chatSummary(sdk, []))
  })
})
