import type { Decorator } from '@storybook/react-vite'

/** Renders the story in the dark theme, on the theme's background. */
export const darkTheme: Decorator = (Story) => (
  <div
    data-kindling-theme="dark"
    style={{ background: 'var(--kindling-bg)', color: 'var(--kindling-fg)', padding: 16 }}
  >
    <Story />
  </div>
)

/** Renders the story at a phone's width. */
export const mobileWidth: Decorator = (Story) => (
  <div style={{ width: 360, maxWidth: '100%', border: '1px dashed #767b82' }}>
    <Story />
  </div>
)

/** Gives the story a fixed-height box (for scrolling lists). */
export const fixedHeight =
  (height: number): Decorator =>
  (Story) => (
    <div style={{ height, display: 'flex', flexDirection: 'column' }}>
      <Story />
    </div>
  )
