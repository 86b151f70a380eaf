import { Button, Input } from '@kindling/ui'
import { useId, useState } from 'react'
import { useSettings } from './settingsStore.ts'

/** Base URL and model, applied when saved. */
export function SettingsPanel({ onClose }: { onClose: () => void }) {
  const { baseURL, model, update, resetSettings } = useSettings()
  const [draftURL, setDraftURL] = useState(baseURL)
  const [draftModel, setDraftModel] = useState(model)
  const urlId = useId()
  const modelId = useId()
  return (
    <form
      className="playground-settings"
      aria-label="Settings"
      onSubmit={(event) => {
        event.preventDefault()
        update({ baseURL: draftURL.trim(), model: draftModel.trim() || model })
        onClose()
      }}
    >
      <div className="playground-field">
        <label htmlFor={urlId}>Base URL</label>
        <Input
          id={urlId}
          value={draftURL}
          placeholder="this page's server (/v1)"
          onChange={(event) => setDraftURL(event.target.value)}
          aria-describedby={`${urlId}-hint`}
        />
        <p id={`${urlId}-hint`} className="playground-hint">
          Empty: this page's own server. Any OpenAI-compatible base URL that allows this origin.
        </p>
      </div>
      <div className="playground-field">
        <label htmlFor={modelId}>Model</label>
        <Input id={modelId} value={draftModel} onChange={(event) => setDraftModel(event.target.value)} />
      </div>
      <div className="playground-settings-actions">
        <Button type="submit" variant="primary">
          Save
        </Button>
        <Button onClick={onClose}>Cancel</Button>
        <Button
          variant="ghost"
          className="playground-reset"
          onClick={() => {
            resetSettings()
            onClose()
          }}
        >
          Reset to defaults
        </Button>
      </div>
    </form>
  )
}
