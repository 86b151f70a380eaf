import { createClient } from '@kindling/client'
import { defineTool, KindlingProvider, type ToolSet } from '@kindling/react'
import { cleanup, render, screen, waitFor, within } from '@testing-library/react'
import { afterEach, describe, expect, it } from 'vitest'
import { userEvent } from 'vitest/browser'
import { z } from 'zod'
import '../styles.css'
import type { ToolRenderers } from '../ToolCall/ToolCall.tsx'
import { Chat } from './Chat.tsx'

// `Chat` with tools in Chromium, against the embedded @kindling/server the browser project serves
// under /v1: `kindling-tools` calls the tool the message is about and answers with its results.

afterEach(cleanup)

const client = (delayMs?: number) =>
  createClient({
    baseURL: '/v1',
    apiKey: null,
    maxRetries: 0,
    ...(delayMs ? { headers: { 'x-kindling-delay': String(delayMs) } } : {}),
  })

function renderChat({
  showToolMessages,
  delayMs,
  ...props
}: {
  delayMs?: number
  tools: ToolSet
  params?: Parameters<typeof Chat.Root>[0]['params']
  maxSteps?: number
  toolRenderers?: ToolRenderers
  showToolMessages?: boolean
}) {
  return render(
    <KindlingProvider client={client(delayMs)}>
      <div style={{ height: 600, display: 'flex', flexDirection: 'column' }}>
        <Chat.Root model="kindling-tools" {...props}>
          <Chat.Messages showUsage={false} showToolMessages={showToolMessages} />
          <Chat.Composer />
        </Chat.Root>
      </div>
    </KindlingProvider>,
  )
}

async function ask(text: string) {
  await userEvent.click(screen.getByRole('textbox', { name: 'Message' }))
  await userEvent.keyboard(`${text}{Enter}`)
}

const toolGroup = (name: string, state: string) =>
  screen.findByRole('group', { name: `Tool ${name}: ${state}` }, { timeout: 10_000 })

/** The last reply's text once it is a finished answer. */
async function lastAnswer(): Promise<string> {
  let text = ''
  await waitFor(
    () => {
      const replies = document.querySelectorAll('article[data-role="assistant"]')
      const last = replies[replies.length - 1]
      expect(last?.getAttribute('data-status')).toBe('done')
      text = last?.querySelector('.kindling-message__content')?.textContent ?? ''
      expect(text).not.toBe('')
    },
    { timeout: 10_000 },
  )
  return text
}

function emailTool(sent: string[]) {
  return defineTool({
    description: 'Sends an email',
    parameters: z.object({ to: z.email(), subject: z.string() }),
    needsApproval: true,
    execute: ({ to }) => {
      sent.push(to)
      return { sent: true, to }
    },
  })
}

describe('Chat with tools, in Chromium against the server', () => {
  it('waits for approval, runs the tool once approved, and shows the answer that uses its result', async () => {
    const sent: string[] = []
    renderChat({ tools: { send_email: emailTool(sent) } })
    await ask('Email Ana the notes.')
    const call = await toolGroup('send_email', 'Needs your approval')
    expect(sent).toEqual([])
    // Asking again now would cut the pending call short: not offered until it ended.
    expect(screen.queryByRole('button', { name: 'Regenerate' })).toBeNull()
    await userEvent.click(within(call).getByRole('button', { name: 'Approve' }))
    const answer = await lastAnswer()
    expect(sent).toHaveLength(1)
    expect(answer).toContain(`send_email returned {"sent":true,"to":"${sent[0]}"}`)
    const done = await toolGroup('send_email', 'Done')
    expect(within(done).getByText(/"sent": true/)).toBeTruthy()
    // The result is shown in its call, not again as a message of its own.
    expect(document.querySelector('article[data-role="tool"]')).toBeNull()
    expect(within(done).queryByRole('button', { name: 'Approve' })).toBeNull()
  })

  it('shows the arguments while they stream, then the call running and done', async () => {
    const weather = defineTool({
      parameters: z.object({ city: z.string() }),
      execute: ({ city }) => ({ city, temperature: 19 }),
    })
    // 120 ms per streamed token: the arguments arrive over a second or so, frames apart.
    renderChat({ tools: { get_weather: weather }, delayMs: 120 })
    await ask('What is the weather in Lisbon?')
    const streaming = await toolGroup('get_weather', 'Preparing…')
    expect(streaming.getAttribute('aria-busy')).toBe('true')
    const partial = streaming.querySelector('pre')?.textContent ?? ''
    expect(partial).not.toContain('"Lisbon"')
    const done = await toolGroup('get_weather', 'Done')
    expect(within(done).getByText(/"temperature": 19/)).toBeTruthy()
  })

  it('shows the tool results as messages of their own with showToolMessages', async () => {
    const clock = defineTool({ parameters: z.object({}), execute: () => ({ time: '09:30' }) })
    renderChat({ tools: { get_current_time: clock }, showToolMessages: true })
    await ask('What time is it?')
    expect(await lastAnswer()).toContain('get_current_time returned {"time":"09:30"}')
    const results = document.querySelectorAll('article[data-role="tool"]')
    expect(results).toHaveLength(1)
    expect(results[0]?.textContent).toContain('{"time":"09:30"}')
  })

  it('denied, the tool never runs and the model is told the user said no', async () => {
    const sent: string[] = []
    renderChat({ tools: { send_email: emailTool(sent) } })
    await ask('Email Ana the notes.')
    const call = await toolGroup('send_email', 'Needs your approval')
    await userEvent.click(within(call).getByRole('button', { name: 'Deny' }))
    expect(await lastAnswer()).toContain('send_email failed: Denied by the user.')
    expect(sent).toEqual([])
    expect((await toolGroup('send_email', 'Denied')).textContent).toContain('Denied by the user.')
  })

  it('pauses at the step cap with a visible Continue, which goes on with a fresh budget', async () => {
    let runs = 0
    const weather = defineTool({
      parameters: z.object({ city: z.string() }),
      execute: ({ city }) => {
        runs += 1
        return { city, temperature: 20 + runs }
      },
    })
    // `tool_choice: "required"` makes the model call again after every result: a loop without end.
    renderChat({ tools: { get_weather: weather }, params: { tool_choice: 'required' }, maxSteps: 1 })
    await ask('What is the weather in Lisbon?')
    await screen.findByText('Paused after one tool step.', {}, { timeout: 10_000 })
    // The first call, and the one follow-up the cap allows: two runs, then nothing more.
    expect(runs).toBe(2)
    await new Promise((resolve) => setTimeout(resolve, 300))
    expect(runs).toBe(2)
    expect(screen.queryByRole('button', { name: 'Stop' })).toBeNull()

    await userEvent.click(screen.getByRole('button', { name: 'Continue' }))
    await waitFor(() => expect(runs).toBe(4), { timeout: 10_000 })
    await screen.findByText('Paused after one tool step.', {}, { timeout: 10_000 })
    expect(document.querySelectorAll('[aria-label="Tool get_weather: Done"]')).toHaveLength(4)
  })

  it('draws a call with the renderer registered for its tool, with the default view for other tools', async () => {
    const weather = defineTool({
      parameters: z.object({ city: z.string() }),
      execute: ({ city }) => ({ city, temperature: 19 }),
    })
    const clock = defineTool({ parameters: z.object({}), execute: () => ({ time: '09:30' }) })
    const toolRenderers: ToolRenderers = {
      get_weather: (call) =>
        call.status === 'done' ? (
          <p data-testid="weather-card">
            {(call.result as { city: string }).city}: {(call.result as { temperature: number }).temperature}°
          </p>
        ) : null,
    }
    renderChat({ tools: { get_weather: weather, get_current_time: clock }, toolRenderers })
    // About neither tool's topic: the model calls both.
    await ask('Hello there')
    const answer = await lastAnswer()
    expect(answer).toContain('get_weather returned {"city":"Hello there","temperature":19}')
    expect(screen.getByTestId('weather-card').textContent).toBe('Hello there: 19°')
    const weatherCall = await toolGroup('get_weather', 'Done')
    expect(within(weatherCall).queryByText('Result')).toBeNull()
    const clockCall = await toolGroup('get_current_time', 'Done')
    expect(within(clockCall).getByText('Result')).toBeTruthy()
  })

  it('Stop aborts a running tool: its signal fires and no follow-up is sent', async () => {
    let aborted = false
    const slow = defineTool({
      parameters: z.object({ format: z.enum(['pdf', 'csv']) }),
      execute: (_args, { signal }) =>
        new Promise((_resolve, reject) =>
          signal.addEventListener('abort', () => {
            aborted = true
            reject(new Error('aborted'))
          }),
        ),
    })
    renderChat({ tools: { export_report: slow } })
    await ask('Export the report.')
    await toolGroup('export_report', 'Running…')
    await userEvent.click(screen.getByRole('button', { name: 'Stop' }))
    expect(aborted).toBe(true)
    expect((await toolGroup('export_report', 'Failed')).textContent).toContain('Stopped by the user')
    await new Promise((resolve) => setTimeout(resolve, 300))
    expect(document.querySelectorAll('article[data-role="assistant"]')).toHaveLength(1)
    expect(screen.getByRole('button', { name: 'Send' })).toBeTruthy()
  })
})
