import { hashString } from '../random.ts'
import type { ChatRequest, ChatRequestTool } from '../requestSchemas.ts'
import { LimitExceeded } from '../workLimits.ts'
import { writeProse } from './prose.ts'
import { type BuiltinModel, lastMessage, type ModelOutput, type ModelToolCall, messageText } from './types.ts'

// Deeper schemas than this get `{}`: the sample needs no more, and recursion stays shallow.
const MAX_SCHEMA_DEPTH = 32

/** Builds sample arguments while counting their JSON bytes against the server's bound. */
interface ArgumentBudget {
  userText: string
  /** `JSON.stringify(userText).length`, the cost of each string value. */
  userTextBytes: number
  left: number
  readonly limit: number
}

function spend(budget: ArgumentBudget, bytes: number) {
  budget.left -= bytes
  if (budget.left < 0) {
    throw new LimitExceeded(
      413,
      `The tool-call arguments built from the tools' schemas and the user's text would pass ${budget.limit.toLocaleString('en-US')} bytes per choice, this server's limit maxToolArgumentBytes. Offer smaller schemas or send less text.`,
      'tools',
    )
  }
}

// A value of the JSON-schema type `schema` describes; strings take the user's words.
function sampleValue(schema: unknown, budget: ArgumentBudget, depth: number): unknown {
  const node = (typeof schema === 'object' && schema !== null ? schema : {}) as Record<string, unknown>
  // Only a plain value: an object or array from the request could be nested past what
  // JSON.stringify can recurse into.
  const first: unknown = Array.isArray(node.enum) ? node.enum[0] : undefined
  if (first === null || ['string', 'number', 'boolean'].includes(typeof first)) {
    spend(budget, JSON.stringify(first).length)
    return first
  }
  switch (node.type) {
    case 'number':
    case 'integer':
      spend(budget, 1)
      return 1
    case 'boolean':
      spend(budget, 4)
      return true
    case 'array':
      spend(budget, 2)
      return []
    case 'object':
      spend(budget, 2)
      return depth >= MAX_SCHEMA_DEPTH ? {} : sampleArguments(node, budget, depth + 1)
    default:
      spend(budget, budget.userTextBytes)
      return budget.userText
  }
}

function sampleArguments(
  parameters: Record<string, unknown> | undefined,
  budget: ArgumentBudget,
  depth: number,
): Record<string, unknown> {
  const properties = parameters?.properties
  const result: Record<string, unknown> = {}
  if (typeof properties !== 'object' || properties === null) return result
  for (const [name, schema] of Object.entries(properties)) {
    spend(budget, name.length + 4)
    result[name] = sampleValue(schema, budget, depth)
  }
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
  // A map, not a search per message: a request with many calls and results stays linear.
  const names = new Map<string, string>()
  for (const call of messages[start - 1]?.tool_calls ?? []) names.set(call.id, call.function.name)
  const lines = messages.slice(start).map((message) => {
    const name = names.get(message.tool_call_id ?? '')
    return `${name ?? 'The tool'} returned ${messageText(message)}.`
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
  chat(request, choiceIndex, limits) {
    if (request.messages.at(-1)?.role === 'tool') return answerToolResults(request)
    const user = lastMessage(request, 'user')
    const userText = user ? messageText(user) : ''
    const tools = chosenTools(request)
    if (tools.length === 0) {
      return { content: 'I can call tools: send a `tools` list and ask me something.' }
    }
    const limit = limits?.maxToolArgumentBytes ?? Number.POSITIVE_INFINITY
    const budget: ArgumentBudget = {
      userText,
      userTextBytes: JSON.stringify(userText).length,
      left: limit,
      limit,
    }
    // Hashed once: hashing the whole text again for every tool would cost tools × text.
    const userHash = hashString(userText)
    const toolCalls: ModelToolCall[] = tools.map((tool, index) => {
      spend(budget, tool.function.name.length + 16)
      return {
        id: `call_${hashString(`${userHash}|${tool.function.name}|${index}|${choiceIndex}`).toString(36)}`,
        name: tool.function.name,
        arguments: JSON.stringify(sampleArguments(tool.function.parameters, budget, 0)),
      }
    })
    return { content: '', toolCalls }
  },
  complete(prompt, request, choiceIndex) {
    return ` ${writeProse((request.seed ?? hashString(prompt)) + choiceIndex)}`
  },
}
