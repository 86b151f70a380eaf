import { type BuiltinModel, lastMessage, messageText } from './types.ts'

/** Answers with the last user message, or continues a prompt with the prompt itself. */
export const echoModel: BuiltinModel = {
  id: 'kindling-echo',
  description: 'Answers with the last user message (chat) or repeats the prompt (completions).',
  chat(request) {
    const user = lastMessage(request, 'user')
    return { content: user ? messageText(user) : '' }
  },
  complete(prompt) {
    return prompt
  },
}
