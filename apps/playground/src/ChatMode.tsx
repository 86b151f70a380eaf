import { useChatStore } from '@kindling/react'
import { Chat, type ParameterValues, useChatContext } from '@kindling/ui'
import { useEffect, useState } from 'react'
import { describeConnectionProblem } from './ConnectionNotice.tsx'
import { ConversationTools } from './ConversationTools.tsx'
import { savedMessages, useConversation } from './conversationStore.ts'
import { useSettings } from './settingsStore.ts'

/** The playground's one chat; its id ties the widget, the tools and persistence together. */
export const CHAT_ID = 'playground'

/** Saves the conversation whenever no answer is running (done, stopped or failed). */
function PersistConversation() {
  const messages = useChatStore(CHAT_ID, (state) => state.messages)
  const busy = useChatStore(CHAT_ID, (state) => state.status === 'submitted' || state.status === 'streaming')
  const save = useConversation((state) => state.save)
  useEffect(() => {
    if (!busy) save(messages)
  }, [busy, messages, save])
  return null
}

function Tools() {
  const { setMessages } = useChatContext()
  const messages = useChatStore(CHAT_ID, (state) => state.messages)
  return <ConversationTools messages={messages} onClear={() => setMessages([])} onReplace={setMessages} />
}

/**
 * Chat mode: `Chat`'s parts laid out by the app (model picker and conversation tools on one row),
 * with the conversation kept across reloads. A server that can't be reached shows one banner
 * (`Chat.ErrorNotice`) with one "Try again".
 */
export function ChatMode({
  model,
  params,
  baseURL,
}: {
  model: string
  params: ParameterValues
  baseURL: string
}) {
  const update = useSettings((state) => state.update)
  // Read once: the chat owns its messages from then on.
  const [initialMessages] = useState(savedMessages)
  return (
    <Chat.Root
      id={CHAT_ID}
      model={model}
      onModelChange={(next) => update({ model: next })}
      params={params}
      initialMessages={initialMessages}
      className="playground-chat"
    >
      <div className="kindling-chat__toolbar playground-chat-toolbar">
        <Chat.ModelPicker />
        <Tools />
      </div>
      <Chat.Messages emptyState={<p>Say hello. The built-in kindling-* models need no API key.</p>} />
      <Chat.ErrorNotice describe={(error) => describeConnectionProblem(error, baseURL)} />
      <Chat.Composer />
      <PersistConversation />
    </Chat.Root>
  )
}
