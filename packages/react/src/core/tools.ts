import type { Tool } from '@kindling/client'
import { core, toJSONSchema } from 'zod'
import type { ChatUIMessage } from './chatMessage.ts'

// How an app declares the tools a chat may run, and how declarations become the wire `tools` list.

/** A plain JSON Schema object (arguments are then accepted as parsed, unchecked). */
export type JsonSchema = Record<string, unknown>

/** What a tool's `execute` gets besides its arguments. */
export interface ToolContext {
  /** Aborts when the chat is stopped: pass it to `fetch` and friends. */
  readonly signal: AbortSignal
  /** The active path when the tool was called (its assistant message last). */
  readonly messages: readonly ChatUIMessage[]
  /** The id of the call being answered. */
  readonly toolCallId: string
}

/** One tool: what the model is told, and what the page does when it is called. */
export interface ToolDefinition<Args = unknown> {
  /** What the tool does, for the model. */
  description?: string | undefined
  /** The arguments: a zod schema (validated, sent as JSON Schema) or a plain JSON Schema. */
  parameters?: core.$ZodType<Args> | JsonSchema | undefined
  /** Runs the tool; its return value (or promise) is the result. Without it, the UI gives the result (`addToolResult`). */
  execute?: ((args: Args, context: ToolContext) => unknown) | undefined
  /** Whether the user must approve a call before it runs (or a function of its arguments). */
  needsApproval?: boolean | ((args: Args) => boolean) | undefined
}

/** The tools of a chat, by name (the name the model calls). */
// biome-ignore lint/suspicious/noExplicitAny: each tool has its own argument type
export type ToolSet = Record<string, ToolDefinition<any>>

/** Declares one tool, inferring `execute`'s argument type from a zod `parameters` schema. */
export function defineTool<S extends core.$ZodType>(
  definition: ToolDefinition<core.output<S>> & { parameters: S },
): ToolDefinition<core.output<S>>
export function defineTool<Args = unknown>(definition: ToolDefinition<Args>): ToolDefinition<Args>
export function defineTool(definition: ToolDefinition): ToolDefinition {
  return definition
}

/** True when `parameters` is a zod schema (checked through zod's public base class). */
export function isZodSchema(parameters: unknown): parameters is core.$ZodType {
  return parameters instanceof core.$ZodType
}

const wireCache = new WeakMap<ToolSet, Tool[]>()

/** The wire `tools` list of a tool set (zod schemas through `toJSONSchema`), built once per set. */
export function toWireTools(tools: ToolSet): Tool[] {
  const cached = wireCache.get(tools)
  if (cached) return cached
  const wire: Tool[] = Object.entries(tools).map(([name, tool]) => {
    let parameters: JsonSchema = { type: 'object', properties: {} }
    if (isZodSchema(tool.parameters)) {
      const { $schema: _dialect, ...schema } = toJSONSchema(tool.parameters) as JsonSchema
      parameters = schema
    } else if (tool.parameters) parameters = tool.parameters as JsonSchema
    const fn: Tool['function'] = { name, parameters }
    if (tool.description) fn.description = tool.description
    return { type: 'function', function: fn }
  })
  wireCache.set(tools, wire)
  return wire
}
