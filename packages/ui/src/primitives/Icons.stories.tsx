import type { Meta, StoryObj } from '@storybook/react-vite'
import { expect } from 'storybook/test'
import '../styles.css'
import { darkTheme } from '../stories/decorators.tsx'
import { type IconName, Icons } from './Icons.tsx'

function IconGrid({ size }: { size?: number | undefined }) {
  return (
    <ul
      style={{
        display: 'grid',
        gridTemplateColumns: 'repeat(auto-fill, minmax(7rem, 1fr))',
        gap: 12,
        margin: 0,
        padding: 0,
        listStyle: 'none',
        fontFamily: 'var(--kindling-font)',
        fontSize: 12,
      }}
    >
      {(Object.keys(Icons) as IconName[]).map((name) => {
        const Icon = Icons[name]
        return (
          <li key={name} style={{ display: 'flex', alignItems: 'center', gap: 8 }}>
            <Icon size={size} />
            {name}
          </li>
        )
      })}
    </ul>
  )
}

const meta = { title: 'Design system/Icons', component: IconGrid } satisfies Meta<typeof IconGrid>
export default meta
type Story = StoryObj<typeof meta>

/** Every icon, in the text's colour at the theme's icon size; all hidden from screen readers. */
export const All: Story = {
  play: async ({ canvasElement }) => {
    const icons = canvasElement.querySelectorAll('svg.kindling-icon')
    await expect(icons.length).toBe(Object.keys(Icons).length)
    for (const icon of icons) await expect(icon).toHaveAttribute('aria-hidden', 'true')
  },
}

/** Larger (`size={24}`), dark. */
export const LargeDark: Story = { args: { size: 24 }, decorators: [darkTheme] }
