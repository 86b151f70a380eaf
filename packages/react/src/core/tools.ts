import type { Tool } from '@kindling/client'
import type { core } from 'zod'
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

/**
 * True when `parameters` is a zod schema: a Standard Schema whose vendor is zod. Checked, validated
 * and converted through the Standard Schema interfaces zod implements, so this module (and a chat
 * without tools) does not import zod: an app that passes a zod schema has it already.
 */
export function isZodSchema(parameters: unknown): parameters is core.$ZodType {
  if (typeof parameters !== 'object' || parameters === null || !('~standard' in parameters)) return false
  return (parameters as core.$ZodType)['~standard'].vendor === 'zod'
}

const wireCache = new WeakMap<ToolSet, Tool[]>()

type ToJsonSchema = (schema: core.$ZodType) => unknown

/** The JSON Schema a zod schema gives through Standard JSON Schema (classic zod; not zod/mini). */
function standardJsonSchema(schema: core.$ZodType): unknown {
  const standard = schema['~standard'] as { jsonSchema?: { output(options: { target: string }): unknown } }
  // What zod's `toJSONSchema(schema)` gives: draft 2020-12, the output type.
  return standard.jsonSchema?.output({ target: 'draft-2020-12' })
}

const needsConverter = (tools: ToolSet) =>
  Object.values(tools).some(
    (tool) => isZodSchema(tool.parameters) && standardJsonSchema(tool.parameters) === undefined,
  )

function buildWireTools(tools: ToolSet, toJsonSchema: ToJsonSchema | undefined): Tool[] {
  const cached = wireCache.get(tools)
  if (cached) return cached
  const wire: Tool[] = Object.entries(tools).map(([name, tool]) => {
    let parameters: JsonSchema = { type: 'object', properties: {} }
    if (isZodSchema(tool.parameters)) {
      const converted = standardJsonSchema(tool.parameters) ?? toJsonSchema?.(tool.parameters)
      if (converted === undefined) {
        throw new TypeError(
          `The parameters of tool "${name}" are a zod schema without Standard JSON Schema (zod/mini): pass z.toJSONSchema(schema) instead, or a schema from 'zod'.`,
        )
      }
      const { $schema: _dialect, ...schema } = converted as JsonSchema
      parameters = schema
    } else if (tool.parameters) parameters = tool.parameters as JsonSchema
    const fn: Tool['function'] = { name, parameters }
    if (tool.description) fn.description = tool.description
    return { type: 'function', function: fn }
  })
  wireCache.set(tools, wire)
  return wire
}

/**
 * The wire `tools` list of a tool set, built once per set. zod schemas go through Standard JSON
 * Schema (what zod's `toJSONSchema` gives). A zod/mini schema, which lacks it, is a `TypeError`
 * here; a chat converts it itself (`wireToolsOf`).
 */
export function toWireTools(tools: ToolSet): Tool[] {
  return buildWireTools(tools, undefined)
}

/** {@link toWireTools}, loading zod's `toJSONSchema` only when a schema needs it (zod/mini). Internal. */
export async function wireToolsOf(tools: ToolSet): Promise<Tool[]> {
  if (wireCache.has(tools) || !needsConverter(tools)) return buildWireTools(tools, undefined)
  const { toJSONSchema } = await import('./zodJsonSchema.ts')
  return buildWireTools(tools, (schema) => toJSONSchema(schema))
}
