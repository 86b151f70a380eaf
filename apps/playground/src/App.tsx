import { KindlingProvider } from '@kindling/react'
import { IconButton, Icons, ParameterControls, type ParameterValues, Sheet, Tabs } from '@kindling/ui'
import { QueryClient } from '@tanstack/react-query'
import { useEffect, useMemo, useState } from 'react'
import { ChatMode } from './ChatMode.tsx'
import { CompletionMode } from './CompletionMode.tsx'
import { createPlaygroundClient } from './playgroundClient.ts'
import { createPlaygroundThreads, startThreads } from './playgroundThreads.ts'
import { SettingsPanel } from './SettingsPanel.tsx'
import { resolveBaseURL, useSettings } from './settingsStore.ts'
import { useMediaQuery } from './useMediaQuery.ts'

type Mode = 'chat' | 'completion'
const MODES: { value: Mode; label: string }[] = [
  { value: 'chat', label: 'Chat' },
  { value: 'completion', label: 'Completion' },
]

/** From this width on, the parameters sit in a side panel; below it, in a sheet opened from the header. */
const WIDE = '(min-width: 56rem)'

/** The playground: chat and completion modes over one client, with settings and parameters. */
export function App() {
  const settings = useSettings()
  const [mode, setMode] = useState<Mode>('chat')
  const [settingsOpen, setSettingsOpen] = useState(false)
  const [parametersOpen, setParametersOpen] = useState(false)
  const wide = useMediaQuery(WIDE)
  const baseURL = resolveBaseURL(settings.baseURL, window.location.origin)
  // No API key in the page: the server (the embedded one, or its proxy) holds it.
  const client = useMemo(() => createPlaygroundClient(baseURL, window.location.origin), [baseURL])
  // The conversations, in IndexedDB; the legacy localStorage conversation is moved in once.
  const [threads] = useState(createPlaygroundThreads)
  useEffect(() => {
    void startThreads(threads)
  }, [threads])
  // The client already retries a failed request (with backoff): a second layer of retries in
  // TanStack Query would only delay telling the user that the server can't be reached.
  const [queryClient] = useState(() => new QueryClient({ defaultOptions: { queries: { retry: false } } }))
  const params: ParameterValues = {
    temperature: settings.temperature,
    top_p: settings.top_p,
    max_tokens: settings.max_tokens,
  }
  const parameters = (
    <>
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
        API <code>{baseURL}</code>
      </p>
    </>
  )

  return (
    <KindlingProvider client={client} queryClient={queryClient} threads={threads}>
      <div className="playground">
        <header className="playground-header">
          <h1>
            Kindling <span className="playground-title-rest">playground</span>
          </h1>
          <Tabs label="Mode" idPrefix="mode" items={MODES} value={mode} onValueChange={setMode} />
          <div className="playground-header-actions">
            {wide ? null : (
              <IconButton
                label="Parameters"
                icon={<Icons.Sliders />}
                tooltip="bottom"
                aria-haspopup="dialog"
                onClick={() => setParametersOpen(true)}
              />
            )}
            <IconButton
              label="Settings"
              icon={<Icons.Settings />}
              tooltip="bottom"
              aria-haspopup="dialog"
              onClick={() => setSettingsOpen(true)}
            />
          </div>
        </header>
        <div className="playground-body">
          {wide ? <aside className="playground-sidebar">{parameters}</aside> : null}
          <main
            className="playground-main"
            role="tabpanel"
            id={`mode-panel-${mode}`}
            aria-labelledby={`mode-tab-${mode}`}
          >
            {mode === 'chat' ? (
              <ChatMode key={baseURL} model={settings.model} params={params} baseURL={baseURL} />
            ) : (
              <CompletionMode key={baseURL} model={settings.model} params={params} baseURL={baseURL} />
            )}
          </main>
        </div>
        <Sheet
          open={parametersOpen && !wide}
          onOpenChange={setParametersOpen}
          title="Parameters"
          side="bottom"
        >
          <div className="playground-sheet-parameters">{parameters}</div>
        </Sheet>
        <Sheet open={settingsOpen} onOpenChange={setSettingsOpen} title="Settings">
          <SettingsPanel key={baseURL} onClose={() => setSettingsOpen(false)} />
        </Sheet>
      </div>
    </KindlingProvider>
  )
}
