// Sample data for stories and tests: not part of the package's exports.
import type { Model } from '@kindling/client'
import type { MessageView } from '../Message/MessageView.ts'

/** A reply with most of what models write: headings, lists, code, a table, a link. */
export const richReply = `Here is a small **TypeScript** function that retries a request:

\`\`\`ts
async function withRetry<T>(run: () => Promise<T>, attempts = 3): Promise<T> {
  for (let i = 1; ; i++) {
    try {
      return await run()
    } catch (error) {
      if (i >= attempts) throw error // give up
      await new Promise((r) => setTimeout(r, 2 ** i * 100))
    }
  }
}
\`\`\`

How it works:

1. It calls \`run\` and returns its result.
2. On failure it waits *exponentially* longer.
   - 200 ms, 400 ms, 800 ms …
3. After \`attempts\` tries it rethrows.

| attempt | wait |
|---|---|
| 1 | 200 ms |
| 2 | 400 ms |

> Tip: only retry idempotent requests.

See [MDN on Promises](https://developer.mozilla.org/docs/Web/JavaScript/Reference/Global_Objects/Promise).`

const userPrompts = [
  'How do I retry a failed fetch in TypeScript?',
  'Can you explain exponential backoff?',
  'What is the difference between `let` and `const`?',
  'Write a haiku about compilers.',
  'Summarise the plot of Hamlet in two sentences.',
]

const assistantReplies = [
  richReply,
  'Exponential backoff waits **twice as long** after each failure, so a struggling server gets room to recover.',
  '`const` bindings cannot be reassigned; `let` bindings can. Neither makes the *value* immutable.',
  'Tokens fall like rain —\nthe parser builds its tall tree,\nerrors bloom at dawn.',
  'Prince Hamlet seeks revenge on his uncle for murdering his father. His hesitation leads to tragedy for nearly everyone.',
]

/**
 * A conversation of `count` messages, alternating user and assistant, all finished. `light` leaves
 * out the long code-and-table reply (for stories whose accessibility scan walks every message).
 */
export function makeConversation(count: number, { light = false }: { light?: boolean } = {}): MessageView[] {
  const replies = light ? assistantReplies.slice(1) : assistantReplies
  return Array.from({ length: count }, (_, index) => {
    const turn = Math.floor(index / 2)
    const isUser = index % 2 === 0
    return {
      id: `m${index}`,
      role: isUser ? 'user' : 'assistant',
      content: isUser
        ? `${userPrompts[turn % userPrompts.length]} (#${turn + 1})`
        : (replies[turn % replies.length] ?? ''),
      status: 'done',
    }
  })
}

/** Models as a Fireworks-style `/models` list returns them. */
export const sampleModels: Model[] = [
  'accounts/fireworks/models/llama-v3p1-8b-instruct',
  'accounts/fireworks/models/llama-v3p1-70b-instruct',
  'accounts/fireworks/models/llama-v3p3-70b-instruct',
  'accounts/fireworks/models/qwen2p5-coder-32b-instruct',
  'accounts/fireworks/models/qwen3-235b-a22b',
  'accounts/fireworks/models/deepseek-v3',
  'accounts/fireworks/models/deepseek-r1',
  'accounts/fireworks/models/mixtral-8x22b-instruct',
  'accounts/fireworks/models/gemma2-9b-it',
  'accounts/fireworks/models/phi-3-vision-128k-instruct',
  'kindling/echo',
  'kindling/lorem',
].map((id) => ({ id, object: 'model', owned_by: id.startsWith('kindling') ? 'kindling' : 'fireworks' }))
