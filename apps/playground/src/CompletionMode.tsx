import { useModels } from '@kindling/react'
import { CompletionPanel, ConnectedModelPicker, type ParameterValues } from '@kindling/ui'
import { ConnectionNotice } from './ConnectionNotice.tsx'
import { useSettings } from './settingsStore.ts'

/** Completion mode: a prompt in, a streamed text completion out. */
export function CompletionMode({
  model,
  params,
  baseURL,
}: {
  model: string
  params: ParameterValues
  baseURL: string
}) {
  const update = useSettings((state) => state.update)
  // While the banner reports a server that can't be reached, its Try again is the one way to retry.
  const unreachable = useModels().error !== null
  return (
    <div className="playground-completion">
      {/* The one place a server that can't be reached is reported: the picker stays quiet about it. */}
      <ConnectionNotice baseURL={baseURL} />
      <CompletionPanel
        model={model}
        params={params}
        showRetry={!unreachable}
        emptyState={<p>The completion streams here.</p>}
      >
        <ConnectedModelPicker value={model} onChange={(next) => update({ model: next })} showError={false} />
      </CompletionPanel>
    </div>
  )
}
