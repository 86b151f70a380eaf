import type { Model } from '@kindling/client'
import type { Meta, StoryObj } from '@storybook/react-vite'
import { useState } from 'react'
import { expect, userEvent, waitFor, within } from 'storybook/test'
import '../styles.css'
import { LiveKindling, type LiveKindlingProps } from '../stories/live/LiveKindling.tsx'
import { expectLiveUnderTest, STREAM_TIMEOUT } from '../stories/live/play.ts'
import { ConnectedModelPicker, type ConnectedModelPickerProps } from './ConnectedModelPicker.tsx'

type LivePickerProps = Omit<ConnectedModelPickerProps, 'value' | 'onChange'> & {
  initialModel?: string | undefined
  wrapFetch?: LiveKindlingProps['wrapFetch']
}

/** `ConnectedModelPicker` over the live server's `GET /v1/models`. */
function LivePicker({ initialModel = 'kindling-text', wrapFetch, ...props }: LivePickerProps) {
  const [value, setValue] = useState(initialModel)
  return (
    <LiveKindling wrapFetch={wrapFetch} clientOptions={{ maxRetries: 0 }}>
      {() => (
        <div style={{ maxWidth: 480 }}>
          <ConnectedModelPicker {...props} value={value} onChange={setValue} />
          <p>
            Chosen: <output>{value}</output>
          </p>
        </div>
      )}
    </LiveKindling>
  )
}

const meta = {
  title: 'Components/ModelPicker/ConnectedModelPicker (live server)',
  component: LivePicker,
} satisfies Meta<typeof LivePicker>
export default meta
type Story = StoryObj<typeof meta>

/** The server's models load into the list; pick one. */
export const LoadAndPick: Story = {
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement)
    const select = await canvas.findByRole('combobox', { name: 'Model' }, { timeout: STREAM_TIMEOUT })
    await expectLiveUnderTest(canvasElement)
    await waitFor(() => expect(select).toBeEnabled(), { timeout: STREAM_TIMEOUT })
    await expect(within(select).getByRole('option', { name: 'kindling-reasoning' })).toBeInTheDocument()
    await userEvent.selectOptions(select, 'kindling-reasoning')
    await expect(canvas.getByRole('status')).toHaveTextContent('kindling-reasoning')
  },
}

/** The filter field (shown from 0 models on here) narrows the list. */
export const Filter: Story = {
  args: { searchThreshold: 0 },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement)
    const select = await canvas.findByRole('combobox', { name: 'Model' }, { timeout: STREAM_TIMEOUT })
    await waitFor(() => expect(select).toBeEnabled(), { timeout: STREAM_TIMEOUT })
    await userEvent.type(canvas.getByRole('searchbox', { name: 'Filter models' }), 'reason')
    await expect(canvas.getByText('1 matching')).toBeInTheDocument()
  },
}

const chatModelsOnly = (model: Model) => model.id !== 'kindling-echo'

/** An app-side `filter` keeps only some models. */
export const AppFilter: Story = {
  args: { filter: chatModelsOnly },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement)
    const select = await canvas.findByRole('combobox', { name: 'Model' }, { timeout: STREAM_TIMEOUT })
    await waitFor(() => expect(select).toBeEnabled(), { timeout: STREAM_TIMEOUT })
    await expect(within(select).queryByRole('option', { name: 'kindling-echo' })).toBeNull()
  },
}

/** The first `GET /models` fails (the server's `x-kindling-fault: 500`); Retry loads the list. */
export const ErrorThenRetry: Story = {
  args: {
    queryOptions: { retry: false },
    wrapFetch: (fetch) => {
      let failed = false
      return (input, init) => {
        if (failed) return fetch(input, init)
        failed = true
        const headers = new Headers(init?.headers)
        headers.set('x-kindling-fault', '500')
        // The offline replay knows no faults: answer the 500 here when it is the replay.
        return fetch(input, { ...init, headers }).then((response) =>
          response.ok
            ? new Response(
                JSON.stringify({ error: { message: 'Internal server error', type: 'server_error' } }),
                {
                  status: 500,
                  headers: { 'content-type': 'application/json' },
                },
              )
            : response,
        )
      }
    },
  },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement)
    const alert = await canvas.findByRole('alert', {}, { timeout: STREAM_TIMEOUT })
    await expect(alert).toHaveTextContent(/Could not load models/)
    await userEvent.click(within(alert).getByRole('button', { name: 'Retry' }))
    const select = canvas.getByRole('combobox', { name: 'Model' })
    await waitFor(() => expect(select).toBeEnabled(), { timeout: STREAM_TIMEOUT })
    await expect(canvas.queryByRole('alert')).toBeNull()
  },
}

/** The list is still loading (a request that never answers). */
export const Loading: Story = {
  args: { wrapFetch: () => () => new Promise<Response>(() => {}) },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement)
    await expect(
      await canvas.findByText('Loading models…', {}, { timeout: STREAM_TIMEOUT }),
    ).toBeInTheDocument()
  },
}
