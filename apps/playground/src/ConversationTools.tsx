import type { ChatUIMessage } from '@kindling/react'
import { IconButton, Icons } from '@kindling/ui'
import { useRef, useState } from 'react'
import { exportConversation, importConversation } from './conversationFile.ts'

/** Props of {@link ConversationTools}. */
export interface ConversationToolsProps {
  messages: readonly ChatUIMessage[]
  onReplace: (messages: ChatUIMessage[]) => void
  onClear: () => void
}

/** Clear, export and import the conversation. A bad import changes nothing and says why. */
export function ConversationTools({ messages, onReplace, onClear }: ConversationToolsProps) {
  const fileInput = useRef<HTMLInputElement>(null)
  const [problem, setProblem] = useState<string | null>(null)

  const download = () => {
    const blob = new Blob([exportConversation(messages)], { type: 'application/json' })
    const url = URL.createObjectURL(blob)
    const link = document.createElement('a')
    link.href = url
    link.download = `kindling-conversation-${new Date().toISOString().slice(0, 19).replace(/[:T]/g, '-')}.json`
    link.click()
    URL.revokeObjectURL(url)
  }

  const readFile = async (file: File) => {
    const result = importConversation(await file.text())
    if (result.ok) {
      setProblem(null)
      onReplace(result.messages)
    } else {
      setProblem(result.problem)
    }
  }

  return (
    <div className="playground-tools">
      <IconButton
        label="Export"
        icon={<Icons.Download />}
        tooltip="bottom"
        onClick={download}
        disabled={messages.length === 0}
      />
      <IconButton
        label="Import"
        icon={<Icons.Upload />}
        tooltip="bottom"
        onClick={() => fileInput.current?.click()}
      />
      <IconButton
        label="Clear"
        icon={<Icons.Trash />}
        tooltip="bottom"
        onClick={onClear}
        disabled={messages.length === 0}
      />
      <input
        ref={fileInput}
        type="file"
        accept="application/json,.json"
        aria-label="Import a conversation file"
        hidden
        onChange={(event) => {
          const file = event.target.files?.[0]
          event.target.value = ''
          if (file) void readFile(file)
        }}
      />
      {problem ? (
        <p role="alert" className="playground-problem">
          {problem}
        </p>
      ) : null}
    </div>
  )
}
