import type { ChatUIMessage } from './chatMessage.ts'
import type { ChatState } from './chatState.ts'
import { createPartialJsonCache } from './partialJsonCache.ts'
import type { ToolCallView } from './toolRunner.ts'

// The tool calls of one message as the UI shows them: the engine's record of each call while it
// runs or after; partial arguments while they stream; else what the thread's tool messages say.

// Arguments are parsed incrementally across updates (each update parses only the new fragment).
const argumentsCache = createPartialJsonCache()

/** The arguments so far (a partial object), or `undefined` when the text is not JSON. */
function partialArguments(message: ChatUIMessage, index: number, text: string): unknown {
  const read = argumentsCache.read(`${message.id}\u0000${index}`, text)
  return read.failure ? undefined : read.value
}

function parsed(text: string): unknown {
  try {
    return JSON.parse(text)
  } catch {
    return text
  }
}

/** Every tool call of `message`, in call order, with its state. */
export function selectToolCalls(state: ChatState, message: ChatUIMessage): ToolCallView[] {
  const calls = message.tool_calls ?? []
  if (calls.length === 0) return []
  return calls.map((call, index) => {
    const known = state.toolCalls.get(call.id)
    if (known) return known
    const base = { id: call.id, name: call.function.name, argumentsText: call.function.arguments }
    if (message.status === 'streaming') {
      return {
        ...base,
        status: 'streaming-arguments',
        args: partialArguments(message, index, call.function.arguments),
      }
    }
    const args = partialArguments(message, index, call.function.arguments)
    const answer = state.messages.find((other) => other.role === 'tool' && other.tool_call_id === call.id)
    if (!answer) {
      // A loaded thread: the state saved on the message (another tab may be running the call).
      const saved = message.toolCallStates?.[call.id]
      return saved ? { ...base, args, ...saved } : { ...base, status: 'awaiting-result', args }
    }
    const result = parsed(answer.content)
    const error = result && typeof result === 'object' && 'error' in result ? String(result.error) : undefined
    if (error === undefined) return { ...base, status: 'done', args, result }
    return { ...base, status: error.startsWith('Denied by the user') ? 'denied' : 'error', args, error }
  })
}
