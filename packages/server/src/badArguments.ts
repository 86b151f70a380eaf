import type { ModelOutput, ModelToolCall } from './models/index.ts'
import type { ChatRequestTool } from './requestSchemas.ts'

type Schema = Record<string, unknown>
const asSchema = (value: unknown): Schema =>
  typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Schema) : {}

// A value no schema of `type` accepts.
const wrongValueFor = (schema: Schema): unknown => (schema.type === 'string' ? 42 : 'not a valid value')

// JSON that breaks the tool's schema the way models do: a required property left out, a property of
// the wrong type, or (for a schema that asks nothing) an array where an object belongs.
function schemaBreaking(call: ModelToolCall, tool: ChatRequestTool | undefined): string {
  const parameters = asSchema(tool?.function.parameters)
  const args = asSchema(JSON.parse(call.arguments))
  const required = Array.isArray(parameters.required) ? parameters.required.map(String) : []
  const [missing] = required
  if (missing !== undefined) {
    const { [missing]: _, ...rest } = args
    return JSON.stringify(rest)
  }
  const [name, schema] = Object.entries(asSchema(parameters.properties))[0] ?? []
  if (name !== undefined) return JSON.stringify({ ...args, [name]: wrongValueFor(asSchema(schema)) })
  return '[]'
}

/**
 * The `badargs` fault: every tool call of `output` gets malformed arguments, cut-off JSON for
 * `json` or schema-breaking JSON for `schema`, so a client's argument guard can be tested.
 */
export function withBadArguments(
  output: ModelOutput,
  kind: 'json' | 'schema',
  tools: readonly ChatRequestTool[],
): ModelOutput {
  if (!output.toolCalls) return output
  return {
    ...output,
    toolCalls: output.toolCalls.map((call) => ({
      ...call,
      arguments:
        kind === 'json'
          ? call.arguments.slice(0, -1)
          : schemaBreaking(
              call,
              tools.find((tool) => tool.function.name === call.name),
            ),
    })),
  }
}
