import { useChat } from '@ai-sdk/react'
import { createClient } from '@kindling/client'
import { KindlingProvider, useChatCompletion } from '@kindling/react'
import { DefaultChatTransport, type UIMessage } from 'ai'
import { type ReactNode, useEffect } from 'react'
import { flushSync } from 'react-dom'
import { createRoot } from 'react-dom/client'
import { benchTokens, chatChunk, pacedSSEFetch, UI_STREAM_START, uiTextDelta } from './deltas.ts'

// Chats that mount, start streaming an endless answer, abort after a few deltas and unmount:
// `window.__memory.cycles(lib, n)`. The harness measures the heap after GC around many cycles.

const words = benchTokens(64)
const endless = (event: (i: number, word: string) => string) => () => (index: number) =>
  event(index, words[index % words.length] as string)

const kindlingClient = createClient({
  baseURL: '/v1',
  apiKey: null,
  maxRetries: 0,
  logLevel: 'off',
  fetch: pacedSSEFetch(endless((i, word) => chatChunk(i, word))),
})

const aiTransport = new DefaultChatTransport<UIMessage>({
  api: '/api/chat',
  fetch: pacedSSEFetch(
    endless((i, word) => (i < UI_STREAM_START.length ? (UI_STREAM_START[i] as string) : uiTextDelta(word))),
    { 'x-vercel-ai-ui-message-stream': 'v1' },
  ),
})

/** What a mounted chat gives the loop: how much has streamed, and how to stop. */
interface Control {
  streamed(): number
  stop(): void
}

function KindlingChat({ onReady }: { onReady: (control: Control) => void }): ReactNode {
  const chat = useChatCompletion({ model: 'bench' })
  const last = chat.messages.at(-1)
  const control: Control = { streamed: () => 0, stop: chat.stop }
  control.streamed = () => (last?.role === 'assistant' ? last.content.length : 0)
  useEffect(() => {
    void chat.send('go')
  }, [chat.send])
  onReady(control)
  return <p>{last?.content}</p>
}

function AIChat({ onReady }: { onReady: (control: Control) => void }): ReactNode {
  const chat = useChat({ transport: aiTransport })
  const last = chat.messages.at(-1)
  const text =
    last?.role === 'assistant' ? last.parts.map((p) => (p.type === 'text' ? p.text : '')).join('') : ''
  useEffect(() => {
    void chat.sendMessage({ text: 'go' })
  }, [chat.sendMessage])
  onReady({ streamed: () => text.length, stop: () => void chat.stop() })
  return <p>{text}</p>
}

const frame = () => new Promise((resolve) => requestAnimationFrame(resolve))

/** Mounts, streams until some text is on screen, stops and unmounts a chat, `count` times. */
async function cycles(lib: string, count: number): Promise<void> {
  for (let i = 0; i < count; i++) {
    const container = document.createElement('div')
    document.body.append(container)
    const root = createRoot(container)
    let control: Control | undefined
    const onReady = (next: Control) => {
      control = next
    }
    flushSync(() =>
      root.render(
        lib === 'ai' ? (
          <AIChat onReady={onReady} />
        ) : (
          <KindlingProvider client={kindlingClient}>
            <KindlingChat onReady={onReady} />
          </KindlingProvider>
        ),
      ),
    )
    for (let wait = 0; wait < 200 && (control?.streamed() ?? 0) < 20; wait++) await frame()
    if ((control?.streamed() ?? 0) < 20) throw new Error(`${lib}: nothing streamed in cycle ${i}`)
    control?.stop()
    root.unmount()
    container.remove()
  }
  // Let aborted streams and timers wind down before the heap is measured.
  for (let i = 0; i < 10; i++) await frame()
}

;(window as unknown as { __memory: { cycles: typeof cycles } }).__memory = { cycles }
document.body.dataset.mounted = 'true'
