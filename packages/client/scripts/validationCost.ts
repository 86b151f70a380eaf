// Measures what zod validation adds to per-chunk parsing on the streaming hot path.
// Run: pnpm exec tsx --conditions=@kindling/source packages/client/scripts/validationCost.ts
import { ChatCompletionStreamResponseSchema } from '../src/schemas.ts'
import { validateResponse } from '../src/validate.ts'

const chunk = JSON.stringify({
  id: 'chatcmpl-8f2a',
  object: 'chat.completion.chunk',
  created: 1732500000,
  model: 'accounts/fireworks/models/llama-v3p1-8b-instruct',
  system_fingerprint: 'fp_1',
  choices: [{ index: 0, delta: { content: ' token' }, finish_reason: null, logprobs: null }],
})
const context = { what: 'chat completion chunk', endpoint: 'POST /chat/completions', model: 'm' }
const count = 200_000

function time(label: string, step: () => unknown): number {
  for (let i = 0; i < 20_000; i++) step() // warm up
  const start = performance.now()
  for (let i = 0; i < count; i++) step()
  const perChunk = ((performance.now() - start) * 1000) / count
  console.log(`${label.padEnd(28)} ${perChunk.toFixed(2)} µs/chunk`)
  return perChunk
}

const parseOnly = time('JSON.parse', () => JSON.parse(chunk))
const parseAndValidate = time('JSON.parse + zod validation', () =>
  validateResponse(ChatCompletionStreamResponseSchema, JSON.parse(chunk), context),
)
console.log(
  `validation adds ${(parseAndValidate - parseOnly).toFixed(2)} µs/chunk (×${(parseAndValidate / parseOnly).toFixed(1)})`,
)
