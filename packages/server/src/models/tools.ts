import { hashString } from '../random.ts'
import type { ChatRequest, ChatRequestTool } from '../requestSchemas.ts'
import { writeProse } from './prose.ts'
import { type BuiltinModel, lastMessage, type ModelOutput, type ModelToolCall, messageText } from './types.ts'

// A value of the JSON-schema type `schema` describes; strings take the user's words.
function sampleValue(schema: unknown, userText: string): unknown {
  const node = (typeof schema === 'object' && schema !== null ? schema : {}) as Record<string, unknown>
  if (Array.isArray(node.enum) && node.enum.length > 0) return node.enum[0]
  switch (node.type) {
    case 'number':
    case 'integer':
      return 1
    case 'boolean':
      return true
    case 'array':
      return []
    case 'object':
      return sampleArguments(node, userText)
    default:
      return userText
  }
}

function sampleArguments(
  parameters: Record<string, unknown> | undefined,
  userText: string,
): Record<string, unknown> {
  const properties = parameters?.properties
  const result: Record<string, unknown> = {}
  if (typeof properties !== 'object' || properties === null) return result
  for (const [name, schema] of Object.entries(properties)) result[name] = sampleValue(schema, userText)
  return result
}

function chosenTools(request: ChatRequest): ChatRequestTool[] {
  const tools = request.tools ?? []
  const choice = request.tool_choice
  if (choice === 'none') return []
  if (typeof choice === 'object' && choice !== null) {
    return tools.filter((tool) => tool.function.name === choice.function.name)
  }
  return request.parallel_tool_calls === false ? tools.slice(0, 1) : tools
}

// After tool results, answer with what they said, naming each tool by the call it answers.
function answerToolResults(request: ChatRequest): ModelOutput {
  const messages = request.messages
  let start = messages.length
  while (start > 0 && messages[start - 1]?.role === 'tool') start--
  const calls = messages[start - 1]?.tool_calls ?? []
  const lines = messages.slice(start).map((message) => {
    const call = calls.find((candidate) => candidate.id === message.tool_call_id)
    return `${call?.function.name ?? 'The tool'} returned ${messageText(message)}.`
  })
  return { content: `Here is what I found. ${lines.join(' ')}` }
}

/**
 * Calls the tools a request offers (all of them, one per `index`, unless `parallel_tool_calls` is
 * false or `tool_choice` names one), with arguments built from each tool's JSON schema; after
 * `role: "tool"` messages it answers with what the tools returned.
 */
export const toolsModel: BuiltinModel = {
  id: 'kindling-tools',
  description: 'Calls the offered tools (streamed like OpenAI) and answers the tool results that follow.',
  chat(request, choiceIndex) {
    if (request.messages.at(-1)?.role === 'tool') return answerToolResults(request)
    const user = lastMessage(request, 'user')
    const userText = user ? messageText(user) : ''
    const tools = chosenTools(request)
    if (tools.length === 0) {
      return { content: 'I can call tools: send a `tools` list and ask me something.' }
    }
    const toolCalls: ModelToolCall[] = tools.map((tool, index) => ({
      id: `call_${hashString(`${userText}|${tool.function.name}|${index}|${choiceIndex}`).toString(36)}`,
      name: tool.function.name,
      arguments: JSON.stringify(sampleArguments(tool.function.parameters, userText)),
    }))
    return { content: '', toolCalls }
  },
  complete(prompt, request, choiceIndex) {
    return ` ${writeProse((request.seed ?? hashString(prompt)) + choiceIndex)}`
  },
}
