import { useChat } from '@ai-sdk/react'
import { createClient } from '@kindling/client'
import { getDefaultChatRegistry, KindlingProvider, useChatActions, useChatCompletion } from '@kindling/react'
import { appendChild, type MessageTree, toUIMessage, treeFromMessages } from '@kindling/react/core'
import { Chat, MessageList, type MessageView } from '@kindling/ui'
import '@kindling/ui/styles.css'
import { DefaultChatTransport, type UIMessage } from 'ai'
import { memo, Profiler, type ReactNode, useCallback, useEffect, useState } from 'react'
import { createRoot } from 'react-dom/client'
import ReactMarkdown from 'react-markdown'
import remarkGfm from 'remark-gfm'
import {
  benchHistory,
  benchMarkdownHistory,
  benchMarkdownTokens,
  benchTokens,
  chatCompletionEvents,
  fromList,
  pacedSSEFetch,
  uiMessageStreamEvents,
} from './deltas.ts'

// One library per page load: `?lib=kindling|kindling-chat|ai|ai-throttle&history=N&deltas=N[&md=1]`. The page renders the history,
// then `window.__bench.run()` sends one message whose answer streams `deltas` tokens, and reports
// React commits (Profiler) and animation frames while it streamed. With `md=1` the history and the
// answer are markdown with code blocks, rendered by Kindling's own Message (MessageList's default)
// and, for useChat, by react-markdown with remark-gfm (the usual setup).

const params = new URLSearchParams(location.search)
const lib = params.get('lib') ?? 'kindling'
const historySize = Number(params.get('history') ?? 10)
const markdown = params.get('md') === '1'
const deltaCount = Number(params.get('deltas') ?? 2000)
const tokens = markdown ? benchMarkdownTokens(deltaCount) : benchTokens(deltaCount)
const expectedText = tokens.join('')
const history = markdown ? benchMarkdownHistory(historySize) : benchHistory(historySize)

/** The minimal message component both libraries render. */
const MinimalMessage = memo(function MinimalMessage({ role, text }: { role: string; text: string }) {
  return (
    <div className={`bench-message bench-message--${role}`}>
      <strong>{role}</strong>
      <p>{text}</p>
    </div>
  )
})

let commits = 0
let nestedCommits = 0
let counting = false
let frameIndex = 0
const commitsPerFrame = new Map<number, number>()
/** Frame, phase and time of each commit during the last run, for diagnosis. */
const commitLog: string[] = []
;(window as unknown as { __commitLog: string[] }).__commitLog = commitLog
const onRender = (_id: string, phase: string) => {
  if (!counting) return
  commits++
  if (phase === 'nested-update') nestedCommits++
  commitLog.push(`${frameIndex}:${phase}:${performance.now().toFixed(1)}`)
  commitsPerFrame.set(frameIndex, (commitsPerFrame.get(frameIndex) ?? 0) + 1)
}

/** What the running app exposes to the harness. */
interface Harness {
  send(): Promise<void>
  lastText(): string
}
let harness: Harness | undefined

const kindlingClient = createClient({
  baseURL: '/v1',
  apiKey: null,
  maxRetries: 0,
  logLevel: 'off',
  fetch: pacedSSEFetch(fromList(() => chatCompletionEvents(tokens))),
})

/**
 * The history as a branched tree, as real use makes it: every tenth answer was regenerated once,
 * so it has an older sibling (not shown) with a follow-up of its own.
 */
function branchedHistory(): MessageTree {
  const messages = history.map((m) => toUIMessage({ role: m.role, content: m.text }))
  let tree = treeFromMessages(messages)
  messages.forEach((message, index) => {
    if (message.role !== 'assistant' || index % 20 !== 1 || index === 0) return
    const parentId = (messages[index - 1] as { id: string }).id
    const older = toUIMessage({ role: 'assistant', content: `${message.content} (an older version)` })
    tree = appendChild(tree, parentId, older, false)
    tree = appendChild(tree, older.id, toUIMessage({ role: 'user', content: 'a follow-up on it' }), false)
  })
  return tree
}

function KindlingChat(): ReactNode {
  const chat = useChatCompletion({ model: 'bench' })
  const [ready, setReady] = useState(false)
  useEffect(() => {
    chat.setTree(branchedHistory())
    setReady(true)
  }, [chat.setTree])
  const renderMessage = useCallback(
    (message: MessageView) => <MinimalMessage role={message.role} text={message.content} />,
    [],
  )
  harness = ready
    ? { send: () => chat.send('go'), lastText: () => chat.messages.at(-1)?.content ?? '' }
    : undefined
  // Markdown: MessageList's default message (Kindling's Message, with its Markdown and code blocks).
  return <MessageList messages={chat.messages} renderMessage={markdown ? undefined : renderMessage} />
}

const CHAT_ID = 'bench-chat'
// The history as Chat's initial messages (one branch: Chat.Root takes messages, not a tree).
const chatHistory = history.map((m) => ({ role: m.role, content: m.text }))

/** Sends through the chat's actions only: the harness itself never re-renders while it streams. */
function ChatHarness(): null {
  const { send } = useChatActions(CHAT_ID)
  const store = getDefaultChatRegistry().get(CHAT_ID).store
  harness = { send: () => send('go'), lastText: () => store.getState().messages.at(-1)?.content ?? '' }
  return null
}

/** The real Chat of @kindling/ui (its rows, branch pickers, usage badges, composer), no model picker. */
function KindlingWidget(): ReactNode {
  return (
    <div style={{ height: '100%', display: 'flex', flexDirection: 'column' }}>
      <Chat.Root id={CHAT_ID} client={kindlingClient} model="bench" initialMessages={chatHistory}>
        <Chat.Messages />
        <Chat.Composer />
        <ChatHarness />
      </Chat.Root>
    </div>
  )
}

const aiTransport = new DefaultChatTransport<UIMessage>({
  api: '/api/chat',
  fetch: pacedSSEFetch(
    fromList(() => uiMessageStreamEvents(tokens)),
    { 'x-vercel-ai-ui-message-stream': 'v1' },
  ),
})

const textOf = (message: UIMessage) =>
  message.parts.map((part) => (part.type === 'text' ? part.text : '')).join('')

const remarkPlugins = [remarkGfm]

/** useChat's markdown message: react-markdown with remark-gfm, as its examples render answers. */
const AIMarkdownMessage = memo(function AIMarkdownMessage({ role, text }: { role: string; text: string }) {
  return (
    <div className={`bench-message bench-message--${role}`}>
      <strong>{role}</strong>
      <ReactMarkdown remarkPlugins={remarkPlugins}>{text}</ReactMarkdown>
    </div>
  )
})

const AIMessage = memo(function AIMessage({ message }: { message: UIMessage }) {
  return markdown ? (
    <AIMarkdownMessage role={message.role} text={textOf(message)} />
  ) : (
    <MinimalMessage role={message.role} text={textOf(message)} />
  )
})

function AIChat({ throttle }: { throttle?: number | undefined }): ReactNode {
  const chat = useChat({
    transport: aiTransport,
    ...(throttle === undefined ? {} : { experimental_throttle: throttle }),
    messages: history.map((m) => ({
      id: m.id,
      role: m.role,
      parts: [{ type: 'text' as const, text: m.text }],
    })),
  })
  harness = {
    send: () => chat.sendMessage({ text: 'go' }),
    lastText: () => {
      const last = chat.messages.at(-1)
      return last ? textOf(last) : ''
    },
  }
  return (
    <div className="bench-plain-list">
      {chat.messages.map((message) => (
        <AIMessage key={message.id} message={message} />
      ))}
    </div>
  )
}

function App(): ReactNode {
  useEffect(() => {
    document.body.dataset.mounted = 'true'
  }, [])
  return (
    <Profiler id="chat" onRender={onRender}>
      {lib === 'ai' || lib === 'ai-throttle' ? (
        <AIChat throttle={lib === 'ai-throttle' ? 50 : undefined} />
      ) : lib === 'kindling-chat' ? (
        <KindlingWidget />
      ) : (
        <KindlingProvider client={kindlingClient}>
          <KindlingChat />
        </KindlingProvider>
      )}
    </Profiler>
  )
}

const frame = () => new Promise<number>((resolve) => requestAnimationFrame(resolve))

/** Sends one message, waits for its whole answer on screen, and reports what it cost. */
async function run(): Promise<{
  commits: number
  nestedCommits: number
  maxCommitsPerFrame: number
  frames: number
  elapsedMs: number
  textOk: boolean
}> {
  if (!harness) throw new Error('the chat did not mount')
  // Let the history settle (MessageList renders a long history's tail first, then the rest).
  for (let i = 0; i < 30; i++) await frame()
  commits = 0
  nestedCommits = 0
  commitsPerFrame.clear()
  commitLog.length = 0
  let frames = 0
  let stopped = false
  const countFrames = () => {
    if (stopped) return
    frames++
    frameIndex = frames
    requestAnimationFrame(countFrames)
  }
  counting = true
  const start = performance.now()
  requestAnimationFrame(countFrames)
  await harness.send()
  // The last batched update lands within a frame or two of the stream's end.
  for (let i = 0; i < 100 && harness.lastText() !== expectedText; i++) await frame()
  await frame()
  const elapsedMs = performance.now() - start
  stopped = true
  counting = false
  return {
    commits,
    nestedCommits,
    maxCommitsPerFrame: Math.max(0, ...commitsPerFrame.values()),
    frames,
    elapsedMs,
    textOk: harness.lastText() === expectedText,
  }
}

;(window as unknown as { __bench: { run: typeof run } }).__bench = { run }
createRoot(document.getElementById('root') as HTMLElement).render(<App />)
