import { toJSONSchema, type z } from 'zod/mini'
import type { ChatCompletionCreateOptions, ChatMessages } from './chatCompletion.ts'
import { checkObject } from './checkObject.ts'
import type { KindlingClient } from './createClient.ts'
import { InvalidArgumentError, KindlingError } from './errors.ts'
import { createPartialJsonParser, PartialJsonError } from './partialJson.ts'

/** A value as it streams in: every property, at any depth, may still be missing. */
export type DeepPartial<T> = T extends readonly (infer Item)[]
  ? DeepPartial<Item>[]
  : T extends object
    ? { [K in keyof T]?: DeepPartial<T[K]> }
    : T

/**
 * The model's answer is not the object asked for: `invalid-json` (not JSON, or cut short: see
 * `finishReason`) or `schema-mismatch` (JSON the schema rejects; `issues` say where). `text` is the
 * raw answer, kept whole.
 */
export class StructuredOutputError extends KindlingError {
  override name = 'StructuredOutputError'
  constructor(
    readonly reason: 'invalid-json' | 'schema-mismatch',
    message: string,
    readonly text: string,
    readonly finishReason: string | null,
    readonly issues: readonly z.core.$ZodIssue[] = [],
    options?: { cause?: unknown },
  ) {
    super(message, options)
  }
}

/** What {@link streamObject} takes: the chat request, the schema and how to name it on the wire. */
export type StreamObjectOptions<S extends z.core.$ZodType> = Omit<
  ChatCompletionCreateOptions,
  'stream' | 'response_format' | 'messages' | 'n'
> & {
  model: string
  messages: ChatMessages
  /** A zod schema (classic or mini) the answer must satisfy; sent as JSON Schema. */
  schema: S
  /** `json_schema.name` (letters, digits, `_`, `-`); default `'object'`. */
  name?: string
  /** `json_schema.description`. */
  description?: string
  /** `json_schema.strict`; default true. */
  strict?: boolean
}

/**
 * A structured answer as it streams: iterate it for the partial object after each piece of content
 * (the same object each time, growing: see `createPartialJsonParser`), then read `object`.
 */
export interface ObjectStream<T> extends AsyncIterable<DeepPartial<T>> {
  /**
   * The final object, validated by the schema; rejects with {@link StructuredOutputError} (or the
   * stream's own error). Awaiting it without iterating reads the stream to its end.
   */
  readonly object: Promise<T>
  /** The raw answer so far. */
  readonly text: string
  /** Stops the request. */
  abort(reason?: unknown): void
}

/**
 * Asks a chat model for an object that satisfies a zod schema: sends
 * `response_format: { type: 'json_schema', json_schema: { name, schema, strict } }` with the schema
 * written by zod's `toJSONSchema`, parses the answer incrementally as it streams and validates the
 * final value with the schema. Resolves once the response headers arrive.
 *
 * @example
 * const recipe = await streamObject(client, { model, messages, schema: Recipe })
 * for await (const partial of recipe) render(partial.title)
 * const done = await recipe.object
 */
export async function streamObject<S extends z.core.$ZodType>(
  client: KindlingClient,
  options: StreamObjectOptions<S>,
): Promise<ObjectStream<z.output<S>>> {
  const { model, messages, schema, name = 'object', description, strict = true, ...rest } = options
  let jsonSchema: Record<string, unknown>
  try {
    jsonSchema = toJSONSchema(schema) as Record<string, unknown>
  } catch (error) {
    throw new InvalidArgumentError(
      `The schema cannot be written as JSON Schema: ${(error as Error).message}`,
      {
        cause: error,
      },
    )
  }
  const stream = await client.chatCompletion.create(model, messages, {
    ...rest,
    stream: true,
    response_format: {
      type: 'json_schema',
      json_schema: {
        name,
        schema: jsonSchema,
        strict,
        ...(description === undefined ? {} : { description }),
      },
    },
  })

  const parser = createPartialJsonParser()
  let text = ''
  let finishReason: string | null = null
  let settle!: { resolve(value: z.output<S>): void; reject(error: unknown): void }
  const object = new Promise<z.output<S>>((resolve, reject) => {
    settle = { resolve, reject }
  })
  // The caller may only iterate; an unread rejection must not become an unhandled one.
  object.catch(() => {})

  const invalidJson = (error: PartialJsonError) => {
    const cut = finishReason === 'length' ? ' (the answer was cut: finish_reason "length")' : ''
    return new StructuredOutputError(
      'invalid-json',
      `The answer is not valid JSON${cut}: ${error.message}`,
      text,
      finishReason,
      [],
      {
        cause: error,
      },
    )
  }

  async function* run(): AsyncGenerator<DeepPartial<z.output<S>>> {
    try {
      for await (const chunk of stream) {
        const choice = chunk.choices[0]
        if (!choice) continue
        if (choice.finish_reason) finishReason = choice.finish_reason
        const piece = choice.delta.content
        if (!piece) continue
        text += piece
        let partial: unknown
        try {
          partial = parser.push(piece)
        } catch (error) {
          throw error instanceof PartialJsonError ? invalidJson(error) : error
        }
        if (partial !== undefined) yield partial as DeepPartial<z.output<S>>
      }
      let value: unknown
      try {
        value = parser.end()
      } catch (error) {
        throw error instanceof PartialJsonError ? invalidJson(error) : error
      }
      const checked = checkObject(schema, value)
      if (!checked.success) {
        throw new StructuredOutputError(
          'schema-mismatch',
          `The answer does not match the schema: ${checked.message}`,
          text,
          finishReason,
          checked.issues,
        )
      }
      settle.resolve(checked.data)
    } catch (error) {
      settle.reject(error)
      throw error
    }
  }

  let iterator: AsyncGenerator<DeepPartial<z.output<S>>> | undefined
  const start = () => {
    if (iterator) throw new KindlingError('An object stream can be iterated once.')
    iterator = run()
    return iterator
  }
  return {
    [Symbol.asyncIterator]: start,
    get object() {
      if (!iterator) {
        const drain = async () => {
          for await (const _ of start()) {
            // Read to the end: the promise settles there.
          }
        }
        drain().catch(() => {})
      }
      return object
    },
    get text() {
      return text
    },
    abort: (reason) => stream.abort(reason),
  }
}
