import { readFileSync } from 'node:fs'
import Ajv2020, { type ValidateFunction } from 'ajv/dist/2020.js'
import addFormats from 'ajv-formats'

// OpenAI's published response schemas (see fixtures/README.md), compiled with ajv's JSON Schema
// 2020-12 build after translating the OpenAPI leftovers a plain validator does not know.

type Schema = Record<string, unknown>
const SCHEMA_ID = 'https://kindling.test/openai-schemas.json'
const isObject = (value: unknown): value is Schema =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

/**
 * One schema node in plain JSON Schema 2020-12: `nullable: true` becomes `anyOf [node, null]` (so an
 * `enum` or `$ref` beside it allows null too), `x-*` annotations and `discriminator` are dropped (the
 * `oneOf` it annotates is decided by each branch's `type` enum anyway), and `$ref`s into
 * `#/components/schemas` point at `#/$defs`.
 */
export function translateSchema(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(translateSchema)
  if (!isObject(node)) return node
  const out: Schema = {}
  for (const [key, value] of Object.entries(node)) {
    if (key.startsWith('x-') || key === 'discriminator' || key === 'nullable') continue
    if (key === '$ref' && typeof value === 'string') {
      out[key] = value.replace('#/components/schemas/', '#/$defs/')
    } else if ((key === 'properties' || key === '$defs') && isObject(value)) {
      // Keys of these maps are names, not keywords: translate the values only.
      out[key] = Object.fromEntries(Object.entries(value).map(([name, sub]) => [name, translateSchema(sub)]))
    } else {
      out[key] = translateSchema(value)
    }
  }
  return node.nullable === true ? { anyOf: [out, { type: 'null' }] } : out
}

/**
 * The spec reuses `CreateCompletionResponse` for streamed completion chunks, although every chunk but a
 * choice's last carries `finish_reason: null`. This copy allows exactly that null, nothing else; the
 * test checks separately that each choice's last chunk has a real `finish_reason`.
 */
function completionChunkSchema(response: Schema): Schema {
  const copy = structuredClone(response)
  const choice = ((copy.properties as Schema).choices as Schema).items as Schema
  const properties = choice.properties as Schema
  properties.finish_reason = { anyOf: [properties.finish_reason, { type: 'null' }] }
  return copy
}

/** The response types the conformance test checks, by their name in the spec. */
export type OpenAISchemaName =
  | 'CreateChatCompletionResponse'
  | 'CreateChatCompletionStreamResponse'
  | 'CreateCompletionResponse'
  | 'CompletionStreamChunk'
  | 'ListModelsResponse'
  | 'ErrorResponse'

/** Compiles the fixture once; `validator(name)` checks a value against one of its schemas. */
export function loadOpenAISchemas(): (name: OpenAISchemaName) => ValidateFunction {
  const document = JSON.parse(
    readFileSync(new URL('./fixtures/openai-schemas.json', import.meta.url), 'utf8'),
  )
  const defs = translateSchema({ $defs: document.components.schemas }) as { $defs: Schema }
  defs.$defs.CompletionStreamChunk = completionChunkSchema(defs.$defs.CreateCompletionResponse as Schema)
  // Strict about unknown keywords and formats (so no leftover goes unnoticed), not about the spec's
  // own style: `Model` declares properties without `type: object`, `url_citation` requires a `title`
  // it does not list.
  const ajv = new Ajv2020({ strict: true, strictTypes: false, strictRequired: false, allErrors: true })
  addFormats(ajv)
  // OpenAI's own format: whole seconds since 1970.
  ajv.addFormat('unixtime', { type: 'number', validate: (value) => Number.isInteger(value) && value >= 0 })
  ajv.addSchema({ $id: SCHEMA_ID, ...defs })
  return (name) => {
    const validate = ajv.getSchema(`${SCHEMA_ID}#/$defs/${name}`)
    if (!validate) throw new Error(`no schema ${name}`)
    return validate
  }
}

/** Where `value` breaks the schema, one readable line per problem (empty when it conforms). */
export function schemaProblems(validate: ValidateFunction, value: unknown): string[] {
  if (validate(value)) return []
  return (validate.errors ?? []).map(
    (error) =>
      `${error.instancePath || '/'} ${error.message ?? error.keyword} ${JSON.stringify(error.params)}`,
  )
}
