import type { Meta, StoryObj } from '@storybook/react-vite'
import { useId, useState } from 'react'
import { expect, userEvent, within } from 'storybook/test'
import '../styles.css'
import { darkTheme } from '../stories/decorators.tsx'
import { Input, Select } from './Field.tsx'

function Fields() {
  const [url, setUrl] = useState('')
  const [model, setModel] = useState('kindling-text')
  const urlId = useId()
  const modelId = useId()
  const label = { display: 'grid', gap: 4, fontSize: 14, fontWeight: 500 } as const
  return (
    <div style={{ display: 'grid', gap: 16, maxWidth: 360, fontFamily: 'var(--kindling-font)' }}>
      <div style={label}>
        <label htmlFor={urlId}>Base URL</label>
        <Input
          id={urlId}
          value={url}
          placeholder="http://127.0.0.1:8787/v1"
          onChange={(e) => setUrl(e.target.value)}
        />
      </div>
      <div style={label}>
        <label htmlFor={modelId}>Model</label>
        <Select id={modelId} value={model} onChange={(e) => setModel(e.target.value)}>
          <option value="kindling-text">kindling-text</option>
          <option value="kindling-echo">kindling-echo</option>
        </Select>
      </div>
      <Input aria-label="Invalid field" aria-invalid="true" defaultValue="not a URL" />
      <Input aria-label="Disabled field" disabled defaultValue="disabled" />
      <output aria-label="Chosen">{`${model} @ ${url || '(this page)'}`}</output>
    </div>
  )
}

const meta = { title: 'Design system/Input and Select', component: Fields } satisfies Meta<typeof Fields>
export default meta
type Story = StoryObj<typeof meta>

/** Text field and native select (with the kit's chevron), in their normal, invalid and disabled states. */
export const Default: Story = {
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement)
    await userEvent.type(canvas.getByRole('textbox', { name: 'Base URL' }), '/v1')
    await userEvent.selectOptions(canvas.getByRole('combobox', { name: 'Model' }), 'kindling-echo')
    await expect(canvas.getByRole('status', { name: 'Chosen' })).toHaveTextContent('kindling-echo @ /v1')
  },
}

/** The same, dark. */
export const Dark: Story = { decorators: [darkTheme] }
