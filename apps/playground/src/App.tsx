import { createClient } from '@kindling/client'
import { KindlingProvider } from '@kindling/react'
import { ParameterControls, type ParameterValues } from '@kindling/ui'
import { useEffect, useMemo, useState } from 'react'
import { ChatMode } from './ChatMode.tsx'
import { CompletionMode } from './CompletionMode.tsx'
import { ConnectionNotice } from './ConnectionNotice.tsx'
import { createPlaygroundThreads, startThreads } from './playgroundThreads.ts'
import { SettingsPanel } from './SettingsPanel.tsx'
import { resolveBaseURL, useSettings } from './settingsStore.ts'

type Mode = 'chat' | 'completion'
const MODES: { id: Mode; label: string }[] = [
  { id: 'chat', label: 'Chat' },
  { id: 'completion', label: 'Completion' },
]

/** The playground: chat and completion modes over one client, with settings and parameters. */
export function App() {
  const settings = useSettings()
  const [mode, setMode] = useState<Mode>('chat')
  const [settingsOpen, setSettingsOpen] = useState(false)
  const baseURL = resolveBaseURL(settings.baseURL, window.location.origin)
  // No API key in the page: the server (the embedded one, or its proxy) holds it.
  const client = useMemo(() => createClient({ baseURL, apiKey: null }), [baseURL])
  // The conversations, in IndexedDB; the legacy localStorage conversation is moved in once.
  const [threads] = useState(createPlaygroundThreads)
  useEffect(() => {
    void startThreads(threads)
  }, [threads])
  const params: ParameterValues = {
    temperature: settings.temperature,
    top_p: settings.top_p,
    max_tokens: settings.max_tokens,
  }

  return (
    <KindlingProvider client={client} threads={threads}>
      <div className="playground">
        <header className="playground-header">
          <h1>Kindling playground</h1>
          <div role="tablist" aria-label="Mode" className="playground-tabs">
            {MODES.map(({ id, label }) => (
              <button
                key={id}
                type="button"
                role="tab"
                id={`tab-${id}`}
                aria-selected={mode === id}
                aria-controls={`panel-${id}`}
                onClick={() => setMode(id)}
              >
                {label}
              </button>
            ))}
          </div>
          <button type="button" aria-expanded={settingsOpen} onClick={() => setSettingsOpen((open) => !open)}>
            Settings
          </button>
        </header>
        {settingsOpen ? <SettingsPanel key={baseURL} onClose={() => setSettingsOpen(false)} /> : null}
        <ConnectionNotice baseURL={baseURL} />
        <div className="playground-body">
          <aside className="playground-sidebar">
            <ParameterControls
              value={params}
              onChange={(next) =>
                settings.update({
                  temperature: next.temperature ?? 0.7,
                  top_p: next.top_p ?? 1,
                  max_tokens: next.max_tokens ?? 256,
                })
              }
            />
            <p className="playground-endpoint">
              API: <code>{baseURL}</code>
            </p>
          </aside>
          <main
            className="playground-main"
            role="tabpanel"
            id={`panel-${mode}`}
            aria-labelledby={`tab-${mode}`}
          >
            {mode === 'chat' ? (
              <ChatMode key={baseURL} model={settings.model} params={params} />
            ) : (
              <CompletionMode key={baseURL} model={settings.model} params={params} />
            )}
          </main>
        </div>
      </div>
    </KindlingProvider>
  )
}
