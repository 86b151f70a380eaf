import { createRandom, hashString, pick } from '../random.ts'
import type { ChatRequest, ChatRequestTool } from '../requestSchemas.ts'
import { LimitExceeded } from '../workLimits.ts'
import { writeProse } from './prose.ts'
import { sampleArguments } from './sampleArguments.ts'
import { type BuiltinModel, lastMessage, type ModelOutput, type ModelToolCall, messageText } from './types.ts'

/** Counts the JSON bytes of one choice's tool-call arguments against the server's bound. */
function argumentBudget(limit: number): (bytes: number) => void {
  let left = limit
  return (bytes) => {
    left -= bytes
    if (left < 0) {
      throw new LimitExceeded(
        413,
        `The tool-call arguments built from the tools' schemas and the user's text would pass ${limit.toLocaleString('en-US')} bytes per choice, this server's limit maxToolArgumentBytes. Offer smaller schemas or send less text.`,
        'tools',
      )
    }
  }
}

// Parts of a tool's name that say what it is about: `get_weather` → `weather`, `lookupStockPrice` →
// `lookup`, `stock`, `price`. Short parts (`get`, `set`) say nothing.
function topicsOf(tool: ChatRequestTool): string[] {
  return tool.function.name
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((part) => part.length >= 4)
}

// The tools a user's message is about, as a model would read it: a topic of the tool's name appears
// among the message's words.
function relevantTools(tools: readonly ChatRequestTool[], userText: string): ChatRequestTool[] {
  const words = new Set(userText.toLowerCase().split(/[^\p{L}\p{N}]+/u))
  return tools.filter((tool) => topicsOf(tool).some((topic) => words.has(topic) || words.has(`${topic}s`)))
}

/**
 * Which tools to call: the one `tool_choice` names; none with `"none"`; else the tools the message is
 * about, or (when it is about none) every tool without a seed and a seeded pick with one. With
 * `parallel_tool_calls: false`, only the first of those.
 */
function chooseTools(request: ChatRequest, userText: string, random: (() => number) | undefined) {
  const tools = request.tools ?? []
  const choice = request.tool_choice
  if (choice === 'none' || tools.length === 0) return []
  if (typeof choice === 'object') return tools.filter((tool) => tool.function.name === choice.function.name)
  const relevant = relevantTools(tools, userText)
  let chosen = relevant
  if (chosen.length === 0) {
    chosen = random ? tools.filter(() => random() < 0.5) : tools
    if (chosen.length === 0 && random) chosen = [pick(random, tools)]
  }
  return request.parallel_tool_calls === false ? chosen.slice(0, 1) : chosen
}

// A tool result that reports a failure, as an app or an agent loop writes it.
function failureOf(result: string): string | undefined {
  try {
    const parsed: unknown = JSON.parse(result)
    if (typeof parsed === 'object' && parsed !== null && 'error' in parsed) {
      const { error } = parsed as { error: unknown }
      return typeof error === 'string' ? error : JSON.stringify(error)
    }
  } catch {
    // Not JSON: a plain-text result.
  }
  return undefined
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
    const name = names.get(message.tool_call_id ?? '') ?? 'The tool'
    const result = messageText(message)
    const failure = failureOf(result)
    return failure === undefined ? `${name} returned ${result}.` : `${name} failed: ${failure}.`
  })
  return { content: `Here is what I found. ${lines.join(' ')}` }
}

/**
 * A function-calling model. It calls the tools the request offers (see `chooseTools`) with
 * arguments that satisfy each tool's JSON Schema, canonical without a `seed` and seeded variations
 * with one; honours `tool_choice` (`none`, `auto`, `required`, a named function) and
 * `parallel_tool_calls`; and after `role: "tool"` messages answers in prose with what they returned,
 * unless `tool_choice` forces another call (`required` or a name), as a real model does.
 */
export const toolsModel: BuiltinModel = {
  id: 'kindling-tools',
  description:
    'Calls the offered tools with schema-valid arguments and answers the tool results that follow.',
  chat(request, choiceIndex, limits) {
    const choice = request.tool_choice
    const forced = choice === 'required' || typeof choice === 'object'
    if (request.messages.at(-1)?.role === 'tool' && !forced) return answerToolResults(request)
    const user = lastMessage(request, 'user')
    const userText = user ? messageText(user) : ''
    const random = request.seed == null ? undefined : createRandom(request.seed + choiceIndex)
    const tools = chooseTools(request, userText, random)
    if (tools.length === 0) {
      if (typeof choice === 'object') {
        return { content: `I cannot call ${choice.function.name}: it is not among the tools I was given.` }
      }
      if ((request.tools ?? []).length === 0) {
        return { content: 'I can call tools: send a `tools` list and ask me something.' }
      }
      return {
        content: writeProse((request.seed ?? hashString(JSON.stringify(request.messages))) + choiceIndex),
      }
    }
    const spend = argumentBudget(limits?.maxToolArgumentBytes ?? Number.POSITIVE_INFINITY)
    // Ids differ per conversation turn, as real ones do, and stay stable for the same request.
    const turn = hashString(JSON.stringify(request.messages))
    const toolCalls: ModelToolCall[] = tools.map((tool, index) => {
      spend(tool.function.name.length + 16)
      return {
        id: `call_${hashString(`${turn}|${tool.function.name}|${index}|${choiceIndex}`).toString(36)}`,
        name: tool.function.name,
        arguments: JSON.stringify(
          sampleArguments(tool.function.parameters, {
            words: userText,
            spend,
            ...(random ? { random } : {}),
          }),
        ),
      }
    })
    return { content: '', toolCalls }
  },
  complete(prompt, request, choiceIndex) {
    return ` ${writeProse((request.seed ?? hashString(prompt)) + choiceIndex)}`
  },
}
