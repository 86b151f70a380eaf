import { composeStories, setProjectAnnotations } from '@storybook/react-vite'
import { cleanup, render } from '@testing-library/react'
import type { ComponentType } from 'react'
import { afterEach, beforeAll, describe, expect, it } from 'vitest'
import preview from '../../../../.storybook/preview.ts'
import { prepareScreen, screenshotName, settle, VARIANTS } from '../../../../scripts/screenshotPage.ts'
import '../styles.css'

// Every story, as first rendered (no play function), at 1280×800 and 390×844, light and dark,
// compared with the committed baselines in packages/ui/screenshots/ (a small pixel tolerance: see
// vitest.workspace.ts). After an intended change of look: `pnpm vitest run --project browser screenshot -u`, then look
// at the new PNGs before committing them.

type StoryModule = Parameters<typeof composeStories>[0]
const modules = import.meta.glob<StoryModule>('../**/*.stories.tsx', { eager: true })

beforeAll(() => {
  setProjectAnnotations(preview)
})

afterEach(() => {
  cleanup()
  document.documentElement.removeAttribute('data-kindling-theme')
})

/** `../Chat/Chat.stories.tsx` + `SendAndStream` → `Chat--send-and-stream`. */
function storyName(path: string, exportName: string): string {
  const file = (path.split('/').pop() ?? path).replace('.stories.tsx', '')
  return `${file}--${exportName
    .replace(/([a-z0-9])([A-Z])/g, '$1-$2')
    .replace(/_/g, '-')
    .toLowerCase()}`
}

for (const [path, module] of Object.entries(modules)) {
  const stories = composeStories(module) as Record<string, ComponentType>
  describe(path.replace('../', ''), () => {
    for (const [exportName, Story] of Object.entries(stories)) {
      it.each(VARIANTS)(`${exportName} looks as it did ($viewport, $theme)`, async (variant) => {
        await prepareScreen(variant)
        const { container } = render(<Story />)
        container.style.padding = '16px'
        await settle()
        // An open sheet covers the viewport: capture all of it.
        if (document.querySelector('dialog[open]')) container.style.minHeight = '100vh'
        await expect
          .element(container)
          .toMatchScreenshot(screenshotName(storyName(path, exportName), variant))
      })
    }
  })
}
