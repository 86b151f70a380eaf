import { CompletionPanel, ConnectedModelPicker, type ParameterValues } from '@kindling/ui'
import { useSettings } from './settingsStore.ts'

/** Completion mode: a prompt in, a streamed text completion out. */
export function CompletionMode({ model, params }: { model: string; params: ParameterValues }) {
  const update = useSettings((state) => state.update)
  return (
    <CompletionPanel model={model} params={params} emptyState={<p>The completion streams here.</p>}>
      <ConnectedModelPicker value={model} onChange={(next) => update({ model: next })} />
    </CompletionPanel>
  )
}
