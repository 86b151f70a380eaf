import { useChatStore } from '@kindling/react'
import { Button } from '../primitives/Button.tsx'
import { useChatContext } from './ChatContext.ts'

/**
 * Says that the tool loop paused at its step cap (`maxSteps` automatic requests in one turn), with
 * Continue (a fresh budget). Nothing otherwise. `Chat.Messages` shows it after the last message.
 */
export function ChatToolLoopNotice() {
  const { id, continue: continueTools } = useChatContext()
  const loop = useChatStore(id, (state) => state.toolLoop)
  if (!loop) return null
  return (
    <div className="kindling-chat__tool-loop" role="status">
      <p>
        <strong>Paused after {loop.steps === 1 ? 'one tool step' : `${loop.steps} tool steps`}.</strong> The
        model kept calling tools; continue if you expect it to finish.
      </p>
      <Button size="sm" variant="primary" onClick={() => void continueTools()}>
        Continue
      </Button>
    </div>
  )
}
