import type { ChatMessages, KindlingClient } from '@kindling/client'
import { type FormEvent, useEffect, useId, useMemo } from 'react'
import { useStore } from 'zustand'
import type { CompletionRegistry } from './core/chatRegistry.ts'
import type { ObjectRequestConfig } from './core/objectEngine.ts'
import { createObjectRegistry, type ObjectRegistry } from './core/objectRegistry.ts'
import type { ObjectOf, ObjectSchema } from './core/objectSchema.ts'
import type { ObjectCompletionState } from './core/objectStore.ts'
import { useKindlingClient, useKindlingContext } from './KindlingProvider.tsx'
import { useLatest } from './useLatest.ts'

/**
 * The options of {@link useObjectCompletion}: `model`, the `schema`, how it is sent (`name`,
 * `strict`, or a Fireworks `grammar`), the other wire parameters as one `params` object, callbacks.
 */
export type UseObjectCompletionOptions<S extends ObjectSchema> = Omit<
  ObjectRequestConfig,
  'client' | 'schema' | 'onFinish'
> & {
  /** What the answer must be: a zod schema (sent through `toJSONSchema`, validated at the end) or a JSON Schema. */
  schema: S
  /** Called with the validated object once the answer ended well. */
  onFinish?: ((object: ObjectOf<S>) => void) | undefined
  /** Hooks with the same id share one object completion, in any component. Default: one of this component. */
  id?: string | undefined
  /** The client; default the {@link KindlingProvider}'s. */
  client?: KindlingClient | undefined
}

/** What {@link useObjectCompletion} returns. */
export interface UseObjectCompletionResult<T> extends ObjectCompletionState<T> {
  /** The object completion's id (the one given, or a generated one). */
  readonly id: string
  /** Asks for the object: a prompt (one user message) or a conversation. Stops one in progress first. */
  submit(input: string | ChatMessages): Promise<void>
  /** Stops the request in progress, keeping the partial object and the text, and closing the connection. */
  stop(): void
  setInput(input: string): void
  /** For a `<form onSubmit>`: submits `input` (unless blank); the input is kept. */
  handleSubmit(event?: Pick<FormEvent, 'preventDefault'>): Promise<void>
}

// Object completions live beside the provider's text completions (one registry per provider, or
// the page's), under the same lifetime rule, without widening the provider's context.
const registries = new WeakMap<CompletionRegistry, ObjectRegistry>()

function objectRegistryOf(completions: CompletionRegistry): ObjectRegistry {
  let registry = registries.get(completions)
  if (registry === undefined) {
    registry = createObjectRegistry()
    registries.set(completions, registry)
  }
  return registry
}

function configOf<S extends ObjectSchema>(
  options: UseObjectCompletionOptions<S>,
  client: KindlingClient,
): ObjectRequestConfig {
  const { id: _id, client: _client, onFinish, ...rest } = options
  return { ...rest, client, onFinish: onFinish && ((object) => onFinish(object as ObjectOf<S>)) }
}

/**
 * A typed object streamed from a schema (`POST /chat/completions` with `response_format`
 * `json_schema`, or a Fireworks `grammar`). `partial` fills in as the answer streams (parsed
 * incrementally; at most one update per animation frame); `object` is the final value, validated by
 * the zod schema. Invalid JSON or a schema mismatch ends in `error`, a `StructuredOutputError` that
 * keeps the raw `text`. Shared by `id` and stopped when the last consumer unmounts, like completions.
 *
 * @example
 * const Recipe = z.object({ title: z.string(), steps: z.array(z.string()) })
 * const { partial, object, submit, status } = useObjectCompletion({ model: 'kindling-text', schema: Recipe })
 * <button onClick={() => submit('A pancake recipe')}>Go</button>
 * <h2>{partial?.title}</h2>
 */
export function useObjectCompletion<S extends ObjectSchema>(
  options: UseObjectCompletionOptions<S>,
): UseObjectCompletionResult<ObjectOf<S>> {
  const generatedId = useId()
  const id = options.id ?? `object${generatedId}`
  const forgetWhenUnused = options.id === undefined
  const client = useKindlingClient(options.client)
  const objects = objectRegistryOf(useKindlingContext().completions)
  const engine = objects.get(id)
  const latest = useLatest({ options, client })
  useEffect(() => objects.retain(id, { forgetWhenUnused }), [objects, id, forgetWhenUnused])
  const state = useStore(engine.store) as ObjectCompletionState<ObjectOf<S>>
  const actions = useMemo(() => {
    const config = () => configOf(latest.current.options, latest.current.client)
    return {
      submit: (input: string | ChatMessages) => engine.submit(input, config()),
      stop: engine.stop,
      setInput: engine.setInput,
      handleSubmit(event?: Pick<FormEvent, 'preventDefault'>) {
        event?.preventDefault()
        const input = engine.store.getState().input
        return input.trim() === '' ? Promise.resolve() : engine.submit(input, config())
      },
    }
  }, [engine, latest])
  return { ...state, id, ...actions }
}
