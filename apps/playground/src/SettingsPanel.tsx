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
      <label htmlFor={urlId}>Base URL</label>
      <input
        id={urlId}
        value={draftURL}
        placeholder="this page's server (/v1)"
        onChange={(event) => setDraftURL(event.target.value)}
      />
      <label htmlFor={modelId}>Model</label>
      <input id={modelId} value={draftModel} onChange={(event) => setDraftModel(event.target.value)} />
      <div className="playground-settings-actions">
        <button type="submit">Save</button>
        <button type="button" onClick={onClose}>
          Cancel
        </button>
        <button
          type="button"
          onClick={() => {
            resetSettings()
            onClose()
          }}
        >
          Reset to defaults
        </button>
      </div>
    </form>
  )
}
