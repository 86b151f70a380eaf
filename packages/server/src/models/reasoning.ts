import { hashString } from '../random.ts'
import { writeProse } from './prose.ts'
import { type BuiltinModel, lastMessage, messageText } from './types.ts'

/**
 * Thinks out loud first (`reasoning_content` deltas, as DeepSeek and vLLM stream them), then
 * answers with seeded prose.
 */
export const reasoningModel: BuiltinModel = {
  id: 'kindling-reasoning',
  description: 'Streams `reasoning_content` before its answer, as DeepSeek and vLLM reasoning models do.',
  chat(request, choiceIndex) {
    const user = lastMessage(request, 'user')
    const question = user ? messageText(user) : ''
    const seed = (request.seed ?? hashString(JSON.stringify(request.messages))) + choiceIndex
    return {
      reasoning: `The user wrote: "${question}". I should answer in a few plain sentences and stay on topic.`,
      content: writeProse(seed),
    }
  },
  complete(prompt, request, choiceIndex) {
    return ` ${writeProse((request.seed ?? hashString(prompt)) + choiceIndex)}`
  },
}
