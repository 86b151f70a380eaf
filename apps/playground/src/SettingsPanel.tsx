import { Button, Input } from '@kindling/ui'
import { useId, useState } from 'react'
import { DEMO_TOOLS } from './demoTools/demoTools.ts'
import { useSettings } from './settingsStore.ts'

/** Base URL, model and demo tools, applied when saved. */
export function SettingsPanel({ onClose }: { onClose: () => void }) {
  const { baseURL, model, tools, update, resetSettings } = useSettings()
  const [draftURL, setDraftURL] = useState(baseURL)
  const [draftModel, setDraftModel] = useState(model)
  const [draftTools, setDraftTools] = useState<readonly string[]>(tools)
  const urlId = useId()
  const modelId = useId()
  return (
    <form
      className="playground-settings"
      aria-label="Settings"
      onSubmit={(event) => {
        event.preventDefault()
        update({
          baseURL: draftURL.trim(),
          model: draftModel.trim() || model,
          // In the panel's order, whatever order they were switched on in.
          tools: DEMO_TOOLS.filter((demo) => draftTools.includes(demo.name)).map((demo) => demo.name),
        })
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
      <fieldset className="playground-demo-tools">
        <legend>Demo tools</legend>
        <p className="playground-hint">
          Offered to the model and run in this page. Try them with kindling-tools, or any function-calling
          model through the server's proxy.
        </p>
        {DEMO_TOOLS.map((demo) => (
          <label key={demo.name} className="playground-demo-tool">
            <input
              type="checkbox"
              checked={draftTools.includes(demo.name)}
              onChange={(event) =>
                setDraftTools((current) =>
                  event.target.checked
                    ? [...current, demo.name]
                    : current.filter((name) => name !== demo.name),
                )
              }
            />
            <span>
              {demo.label} <code>{demo.name}</code>
            </span>
            <span className="playground-hint">{demo.hint}</span>
          </label>
        ))}
      </fieldset>
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
