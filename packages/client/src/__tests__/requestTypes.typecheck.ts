import type { ChatChoiceState } from '../accumulateChat.ts'
import type { KindlingClient } from '../createClient.ts'

// Checked by `pnpm typecheck` (tsc), not run: each `@ts-expect-error` fails the typecheck if the
// line after it compiles, so a type that got looser is caught.

export async function requestTypes(client: KindlingClient): Promise<void> {
  const model = 'accounts/fireworks/models/llama-v3p1-8b-instruct'

  await client.chatCompletion.create(model, [
    { role: 'system', content: 'Be brief' },
    {
      role: 'user',
      content: [
        { type: 'text', text: 'What is this?' },
        { type: 'image_url', image_url: { url: 'data:image/png;base64,AAAA', detail: 'low' } },
      ],
    },
  ])
  // @ts-expect-error a typo in a role does not compile
  await client.chatCompletion.create(model, [{ role: 'usr', content: 'hi' }])
  const noURL = { type: 'image_url', image_url: {} } as const
  // @ts-expect-error an image part needs `image_url.url`
  await client.chatCompletion.create(model, [{ role: 'user', content: [noURL] }])

  // Fireworks' extras are typed.
  await client.chatCompletion.create(model, [{ role: 'user', content: 'hi' }], {
    min_p: 0.05,
    typical_p: 0.9,
    mirostat_target: 5,
    mirostat_lr: 0.1,
    prompt_truncate_len: 2048,
    context_length_exceeded_behavior: 'truncate',
    reasoning_effort: 'low',
    perf_metrics_in_response: true,
    response_format: {
      type: 'json_schema',
      json_schema: { name: 'answer', schema: { type: 'object' }, strict: true },
    },
  })
  await client.completion.create(model, 'Once', {
    response_format: { type: 'grammar', grammar: 'root ::= "a"' },
  })
  await client.completion.create(model, 'Once', { response_format: { type: 'json_object' } })
  // @ts-expect-error only `truncate` or `error`
  await client.chatCompletion.create(model, [], { context_length_exceeded_behavior: 'drop' })
  // @ts-expect-error min_p is a number
  await client.chatCompletion.create(model, [], { min_p: 'low' })
  // @ts-expect-error a grammar format needs its grammar
  await client.completion.create(model, 'Once', { response_format: { type: 'grammar' } })
  const unnamed = { type: 'json_schema', json_schema: { schema: {} } } as const
  // @ts-expect-error a json_schema format needs a name
  await client.completion.create(model, 'Once', { response_format: unnamed })
}

// The accumulated text is opaque: read with `joinPieces`, not by walking its list.
export function accumulatedIsOpaque(choice: ChatChoiceState): unknown {
  // @ts-expect-error the list's nodes are not part of the public type
  return choice.content?.previous
}
