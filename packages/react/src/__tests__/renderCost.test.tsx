import type { KindlingClient } from '@kindling/client'
import { act, render, waitFor } from '@testing-library/react'
import { memo, Profiler } from 'react'
import { describe, expect, it } from 'vitest'
import type { ChatActions } from '../core/chatActions.ts'
import type { ChatMessageInput, ChatUIMessage } from '../core/chatMessage.ts'
import type { FrameScheduler } from '../core/frameBatcher.ts'
import { getDefaultChatRegistry } from '../KindlingProvider.tsx'
import { useChatActions } from '../useChatActions.ts'
import { type UseChatCompletionResult, useChatCompletion } from '../useChatCompletion.ts'
import { type MessageSiblings, useChatMessage, useChatStore, useMessageSiblings } from '../useChatStore.ts'
import { startPeer } from './peer.ts'
import { createManualScheduler, createScriptedChat } from './scripted.ts'

// Render cost, asserted by counting (React's Profiler, render counters, store notifications) with
// frames flushed by hand: never by timing.

const peer = startPeer()

interface ControllerProps {
  chatId: string
  client: KindlingClient
  scheduler: FrameScheduler
  model?: string
  initialMessages?: readonly ChatMessageInput[]
  onChat: (chat: UseChatCompletionResult) => void
  onDelta?: () => void
}

/** Owns the chat through the full hook (it re-renders on every store change). */
function Controller({ chatId, client, scheduler, model, initialMessages, onChat, onDelta }: ControllerProps) {
  onChat(
    useChatCompletion({
      id: chatId,
      client,
      scheduler,
      model: model ?? 'scripted',
      initialMessages,
      onDelta,
    }),
  )
  return null
}

type Counts = Map<string, number>
const bump = (counts: Counts, key: string) => counts.set(key, (counts.get(key) ?? 0) + 1)

const MessageRow = memo(function MessageRow(props: { chatId: string; id: string; renders: Counts }) {
  const message = useChatMessage(props.chatId, props.id)
  bump(props.renders, props.id)
  return <p>{message?.content}</p>
})

function MessageList({ chatId, renders }: { chatId: string; renders: Counts }) {
  const ids = useChatStore(chatId, (state) => state.messageIds)
  bump(renders, 'list')
  return ids.map((id) => <MessageRow key={id} chatId={chatId} id={id} renders={renders} />)
}

function history(count: number): ChatMessageInput[] {
  return Array.from({ length: count }, (_, index) => ({
    role: index % 2 === 0 ? 'user' : 'assistant',
    content: `message ${index}`,
  }))
}

let nextChat = 0
const chatId = () => `render-cost-${++nextChat}`

describe('render cost', () => {
  it('commits at most once per flushed frame, whatever the number of deltas', async () => {
    const scripted = createScriptedChat()
    const scheduler = createManualScheduler()
    let chat!: UseChatCompletionResult
    let deltas = 0
    let commits = 0
    render(
      <Profiler id="chat" onRender={() => commits++}>
        <Controller
          chatId={chatId()}
          client={scripted.client}
          scheduler={scheduler}
          onChat={(current) => {
            chat = current
          }}
          onDelta={() => deltas++}
        />
      </Profiler>,
    )
    let sending!: Promise<void>
    act(() => {
      sending = chat.send('hi')
    })
    await waitFor(() => expect(chat.status).toBe('streaming'))
    await waitFor(() => expect(deltas).toBe(1))
    const afterStart = commits

    for (let i = 0; i < 200; i++) scripted.push('x ')
    await waitFor(() => expect(deltas).toBe(201))
    expect(commits).toBe(afterStart)
    expect(chat.messages[1]?.content).toBe('')

    act(() => void scheduler.flush())
    expect(commits).toBe(afterStart + 1)
    expect(chat.messages[1]?.content).toBe('x '.repeat(200))

    // A frame with nothing new commits nothing.
    act(() => void scheduler.flush())
    expect(commits).toBe(afterStart + 1)

    for (let i = 0; i < 3; i++) scripted.push('y')
    await waitFor(() => expect(deltas).toBe(204))
    expect(scheduler.pending).toBe(1)
    act(() => void scheduler.flush())
    expect(commits).toBe(afterStart + 2)

    scripted.end()
    await act(() => sending)
    expect(commits).toBe(afterStart + 3)
    expect(chat.messages[1]).toMatchObject({ content: `${'x '.repeat(200)}yyy`, status: 'done' })
    expect(scripted.requests).toBe(1)
  })

  it('a real stream with no frame flushed commits only on send, first byte and end', async () => {
    const scheduler = createManualScheduler()
    let chat!: UseChatCompletionResult
    let deltas = 0
    let commits = 0
    render(
      <Profiler id="chat" onRender={() => commits++}>
        <Controller
          chatId={chatId()}
          client={peer.client()}
          scheduler={scheduler}
          model="kindling-text"
          onChat={(current) => {
            chat = current
          }}
          onDelta={() => deltas++}
        />
      </Profiler>,
    )
    const mounted = commits
    await act(() => chat.send('a long answer please'))
    expect(deltas).toBeGreaterThan(30)
    expect(commits - mounted).toBeLessThanOrEqual(3)
    expect(chat.messages[1]?.status).toBe('done')
    expect(chat.messages[1]?.content.length).toBeGreaterThan(100)
  })

  it('commits the first token at once, or with the frame of the send when it comes in that frame', async () => {
    for (const sameFrame of [false, true]) {
      const scripted = createScriptedChat()
      const scheduler = createManualScheduler()
      let chat!: UseChatCompletionResult
      let deltas = 0
      let commits = 0
      render(
        <Profiler id="chat" onRender={() => commits++}>
          <Controller
            chatId={chatId()}
            client={scripted.client}
            scheduler={scheduler}
            onChat={(current) => {
              chat = current
            }}
            onDelta={() => deltas++}
          />
        </Profiler>,
      )
      let sending!: Promise<void>
      act(() => {
        sending = chat.send('hi')
      })
      await waitFor(() => expect(deltas).toBe(1))
      expect(chat.status).toBe('streaming')
      // The frame in which the user's message was committed.
      if (!sameFrame) act(() => void scheduler.flush())
      const before = commits
      scripted.push('Hel')
      scripted.push('lo')
      await waitFor(() => expect(deltas).toBe(3))
      expect(chat.messages[1]?.content).toBe(sameFrame ? '' : 'Hel')
      expect(commits).toBe(sameFrame ? before : before + 1)
      act(() => void scheduler.flush())
      expect(chat.messages[1]?.content).toBe('Hello')
      expect(commits).toBe(sameFrame ? before + 1 : before + 2)
      scripted.end()
      await act(() => sending)
    }
  })

  it('re-renders a message component only when its own message changes', async () => {
    const scripted = createScriptedChat()
    const scheduler = createManualScheduler()
    const id = chatId()
    const renders: Counts = new Map()
    let chat!: UseChatCompletionResult
    let deltas = 0
    render(
      <>
        <Controller
          chatId={id}
          client={scripted.client}
          scheduler={scheduler}
          initialMessages={history(30)}
          onChat={(current) => {
            chat = current
          }}
          onDelta={() => deltas++}
        />
        <MessageList chatId={id} renders={renders} />
      </>,
    )
    const older = chat.messages.map((message) => message.id)
    expect(older.map((key) => renders.get(key))).toEqual(older.map(() => 1))

    let sending!: Promise<void>
    act(() => {
      sending = chat.send('hi')
    })
    await waitFor(() => expect(deltas).toBe(1))
    const [user, answer] = chat.messages.slice(30).map((message) => message.id) as [string, string]
    for (let frame = 1; frame <= 5; frame++) {
      for (let i = 0; i < 10; i++) scripted.push('z')
      await waitFor(() => expect(deltas).toBe(1 + frame * 10))
      act(() => void scheduler.flush())
    }
    scripted.end()
    await act(() => sending)

    expect(older.map((key) => renders.get(key))).toEqual(older.map(() => 1))
    expect(renders.get(user)).toBe(1)
    // Mounted as a placeholder, one render per frame, one for the end.
    expect(renders.get(answer)).toBe(1 + 5 + 1)
    // The list re-rendered only when messages were added.
    expect(renders.get('list')).toBe(2)
  })

  it('keeps unchanged messages and the id list identical, and applies deltas without touching the store', async () => {
    for (const size of [10, 2000]) {
      const scripted = createScriptedChat()
      const scheduler = createManualScheduler()
      const id = chatId()
      let chat!: UseChatCompletionResult
      let deltas = 0
      render(
        <Controller
          chatId={id}
          client={scripted.client}
          scheduler={scheduler}
          initialMessages={history(size)}
          onChat={(current) => {
            chat = current
          }}
          onDelta={() => deltas++}
        />,
      )
      const store = getDefaultChatRegistry().peek(id)?.store
      if (!store) throw new Error('no store')
      let sending!: Promise<void>
      act(() => {
        sending = chat.send('go')
      })
      await waitFor(() => expect(deltas).toBe(1))
      act(() => void scheduler.flush())
      // The first token is written at once (the frame of the send has passed); the rest is batched.
      scripted.push('d')
      await waitFor(() => expect(deltas).toBe(2))
      const before = store.getState()
      expect(before.messages.at(-1)?.content).toBe('d')
      let notifications = 0
      const unsubscribe = store.subscribe(() => notifications++)

      for (let i = 0; i < 99; i++) scripted.push('d')
      await waitFor(() => expect(deltas).toBe(101))
      // Deltas are folded into the accumulator only: the store is not written per delta.
      expect(notifications).toBe(0)
      expect(store.getState()).toBe(before)

      act(() => void scheduler.flush())
      expect(notifications).toBe(1)
      const after = store.getState()
      expect(after.messageIds).toBe(before.messageIds)
      expect(after.messageIndex).toBe(before.messageIndex)
      const changed = after.messages.filter((message, index) => message !== before.messages[index])
      expect(changed.map((message: ChatUIMessage) => message.content)).toEqual(['d'.repeat(100)])
      unsubscribe()
      scripted.end()
      await act(() => sending)
    }
  })
})

interface ActionsProbe {
  renders: number
  actions?: ChatActions
  seen: Set<ChatActions>
}

/** Only acts: takes the chat's actions and counts its renders. */
function SendButton(props: {
  chatId: string
  client: KindlingClient
  scheduler: FrameScheduler
  probe: ActionsProbe
  onDelta: () => void
}) {
  const { probe } = props
  probe.renders++
  probe.actions = useChatActions(props.chatId, {
    model: 'scripted',
    client: props.client,
    scheduler: props.scheduler,
    onDelta: props.onDelta,
  })
  probe.seen.add(probe.actions)
  return null
}

/** Reads one message's sibling position and counts its renders. */
function SiblingProbe(props: {
  chatId: string
  id: string
  probe: { renders: number; position?: MessageSiblings }
}) {
  props.probe.renders++
  props.probe.position = useMessageSiblings(props.chatId, props.id)
  return null
}

describe('actions without state', () => {
  it('a component using useChatActions does not re-render while tokens stream', async () => {
    const scripted = createScriptedChat()
    const scheduler = createManualScheduler()
    const id = chatId()
    const probe: ActionsProbe = { renders: 0, seen: new Set() }
    let chat!: UseChatCompletionResult
    let deltas = 0
    render(
      <>
        <SendButton
          chatId={id}
          client={scripted.client}
          scheduler={scheduler}
          probe={probe}
          onDelta={() => deltas++}
        />
        <Controller
          chatId={id}
          client={scripted.client}
          scheduler={scheduler}
          onChat={(current) => {
            chat = current
          }}
        />
      </>,
    )
    const mounted = probe.renders
    let sending!: Promise<void>
    act(() => {
      sending = probe.actions?.send('hi') ?? Promise.resolve()
    })
    await waitFor(() => expect(deltas).toBe(1))
    for (let frame = 1; frame <= 5; frame++) {
      for (let i = 0; i < 10; i++) scripted.push('t')
      await waitFor(() => expect(deltas).toBe(1 + frame * 10))
      act(() => void scheduler.flush())
    }
    scripted.end()
    await act(() => sending)
    // The chat streamed and its full hook saw every frame; the actions-only component saw none.
    expect(chat.messages[1]).toMatchObject({ content: 't'.repeat(50), status: 'done' })
    expect(probe.renders).toBe(mounted)
    expect(probe.seen.size).toBe(1)
  })

  it('a branch picker re-renders only when the siblings change, not per frame', async () => {
    const scripted = createScriptedChat()
    const scheduler = createManualScheduler()
    const id = chatId()
    let chat!: UseChatCompletionResult
    let deltas = 0
    render(
      <Controller
        chatId={id}
        client={scripted.client}
        scheduler={scheduler}
        onChat={(current) => {
          chat = current
        }}
        onDelta={() => deltas++}
      />,
    )
    let sending!: Promise<void>
    act(() => {
      sending = chat.send('hi')
    })
    await waitFor(() => expect(deltas).toBe(1))
    scripted.push('a')
    scripted.end()
    await act(() => sending)
    const first = chat.messages[1]?.id ?? ''
    const probe: { renders: number; position?: MessageSiblings } = { renders: 0 }
    render(<SiblingProbe chatId={id} id={first} probe={probe} />)
    expect(probe.position).toEqual({ index: 0, count: 1 })
    const before = deltas
    act(() => {
      sending = chat.regenerate()
    })
    await waitFor(() => expect(deltas).toBe(before + 1))
    // One render for the added sibling; none for the frames that follow.
    expect(probe.position).toEqual({ index: 0, count: 2 })
    const afterAdd = probe.renders
    for (let frame = 0; frame < 3; frame++) {
      for (let i = 0; i < 10; i++) scripted.push('b')
      await waitFor(() => expect(deltas).toBe(before + 1 + (frame + 1) * 10))
      act(() => void scheduler.flush())
    }
    scripted.end()
    await act(() => sending)
    expect(chat.messages[1]?.content).toBe('b'.repeat(30))
    expect(probe.renders).toBe(afterAdd)
  })
})
