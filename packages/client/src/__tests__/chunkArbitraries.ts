import fc from 'fast-check'

// fast-check generators of streamed chat chunks, valid and broken, for the chunk check tests.

/** Chat chunks as providers send them, optional fields present or not, null or not. */
export const chatChunk = fc.record({
  id: fc.string(),
  object: fc.constant('chat.completion.chunk'),
  created: fc.integer({ min: 0 }),
  model: fc.string(),
  system_fingerprint: fc.option(fc.string()),
  choices: fc.array(
    fc.record(
      {
        index: fc.nat(8),
        delta: fc.record(
          {
            role: fc.option(fc.constant('assistant')),
            content: fc.option(fc.string()),
            reasoning_content: fc.option(fc.string()),
            tool_calls: fc.option(
              fc.array(
                fc.record(
                  {
                    index: fc.nat(4),
                    id: fc.option(fc.string()),
                    type: fc.option(fc.constant('function')),
                    function: fc.record(
                      { name: fc.option(fc.string()), arguments: fc.string() },
                      { requiredKeys: [] },
                    ),
                  },
                  { requiredKeys: ['index'] },
                ),
              ),
            ),
          },
          { requiredKeys: [] },
        ),
        logprobs: fc.constant(null),
        finish_reason: fc.option(fc.constantFrom('stop', 'length', 'tool_calls')),
      },
      { requiredKeys: ['index', 'finish_reason'] },
    ),
    { maxLength: 3 },
  ),
  usage: fc.option(
    fc.record({ prompt_tokens: fc.nat(), completion_tokens: fc.nat(), total_tokens: fc.nat() }),
  ),
})

/** A valid chunk with one thing broken: a value of another type anywhere, or a key removed. */
export const brokenChunk = chatChunk.chain((chunk) =>
  fc
    .tuple(
      fc.constantFrom(...pathsOf(chunk)),
      fc.constantFrom<unknown>(undefined, null, 7, 'x', [], {}, true, 1.5),
    )
    .map(([path, value]) => setAt(structuredClone(chunk), path, value)),
)

function pathsOf(value: unknown, prefix: (string | number)[] = []): (string | number)[][] {
  if (typeof value !== 'object' || value === null) return prefix.length ? [prefix] : []
  const keys = Array.isArray(value) ? value.map((_, i) => i) : Object.keys(value)
  const inner = keys.flatMap((key) =>
    pathsOf((value as Record<string | number, unknown>)[key], [...prefix, key]),
  )
  return prefix.length ? [prefix, ...inner] : inner
}

function setAt<T>(root: T, path: (string | number)[], value: unknown): T {
  let node = root as Record<string | number, unknown>
  for (const key of path.slice(0, -1)) node = node[key] as Record<string | number, unknown>
  const last = path[path.length - 1] as string | number
  if (value === undefined) delete node[last]
  else node[last] = value
  return root
}
