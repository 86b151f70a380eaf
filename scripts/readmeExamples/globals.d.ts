// What the README examples assume is already in scope: values the surrounding prose introduces
// (`client`, `model`, `stream`, …) or the reader's own code (`render`, `save`). Each example is
// compiled as a module of its own with these as globals.
import type { ChatCompletionStream, ChatMessageInput, createClient } from '@kindling/client'
import type { RunningServer } from '@kindling/server'
import type { ViteDevServer } from 'vite'
import type { expect as vitestExpect } from 'vitest'

declare global {
  const client: ReturnType<typeof createClient>
  const model: string
  const reasoningModel: string
  const messages: ChatMessageInput[]
  const stream: ChatCompletionStream
  const serverUrl: string
  const server: RunningServer
  const controller: AbortController
  const viteServer: ViteDevServer
  const expect: typeof vitestExpect
  /** Where an example writes text as it streams. */
  const output: { append(text: string): void }
  const view: { text: string }
  function render(chunk: unknown): void
  function keep(partial: unknown): void
}
