import { hashString } from '../random.ts'
import { writeProse } from './prose.ts'
import type { BuiltinModel } from './types.ts'

/**
 * Writes seeded prose: the seed is the request's `seed`, or a hash of the messages (or prompt), plus
 * the choice index, so the same request always streams the same text and choices differ.
 */
export const textModel: BuiltinModel = {
  id: 'kindling-text',
  description: "Writes plausible prose seeded by the request's `seed` or a hash of its input.",
  chat(request, choiceIndex) {
    const seed = request.seed ?? hashString(JSON.stringify(request.messages))
    return { content: writeProse(seed + choiceIndex) }
  },
  complete(prompt, request, choiceIndex) {
    const seed = request.seed ?? hashString(prompt)
    return ` ${writeProse(seed + choiceIndex)}`
  },
}
