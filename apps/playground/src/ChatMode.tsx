import { type ChatUIMessage, useChatCompletion, useChatStore } from '@kindling/react'
import { Chat, type ParameterValues } from '@kindling/ui'
import { useEffect, useState } from 'react'
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

function Tools({ model }: { model: string }) {
  const messages = useChatStore(CHAT_ID, (state) => state.messages)
  const { setMessages } = useChatCompletion({ id: CHAT_ID, model })
  return (
    <ConversationTools
      messages={messages}
      onClear={() => setMessages([])}
      onReplace={(next: ChatUIMessage[]) => setMessages(next)}
    />
  )
}

/** Chat mode: the whole `Chat` widget, with the conversation kept across reloads. */
export function ChatMode({ model, params }: { model: string; params: ParameterValues }) {
  const update = useSettings((state) => state.update)
  // Read once: the chat owns its messages from then on.
  const [initialMessages] = useState(savedMessages)
  return (
    <div className="playground-chat">
      <Chat
        id={CHAT_ID}
        model={model}
        onModelChange={(next) => update({ model: next })}
        params={params}
        initialMessages={initialMessages}
        emptyState={<p>Say hello. The built-in kindling-* models need no API key.</p>}
      />
      <PersistConversation />
      <Tools model={model} />
    </div>
  )
}
