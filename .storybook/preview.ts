import type { Preview } from '@storybook/react-vite'

const preview: Preview = {
  parameters: {
    // Accessibility violations fail the story's test, not just show in the panel.
    a11y: { test: 'error' },
  },
  // The Playground story's server: the embedded one Storybook serves at /v1, or a kindling-server
  // started apart (`pnpm --filter @kindling/server start --cors http://localhost:6006`).
  globalTypes: {
    kindlingBaseURL: {
      description: 'Base URL of the Playground story’s server',
      toolbar: {
        title: 'Server',
        icon: 'globe',
        dynamicTitle: true,
        items: [
          { value: '/v1', title: 'Embedded @kindling/server (/v1)' },
          { value: 'http://127.0.0.1:8787/v1', title: 'kindling-server on :8787' },
        ],
      },
    },
    kindlingModel: {
      description: 'Model of the Playground story',
      toolbar: {
        title: 'Model',
        icon: 'lightning',
        dynamicTitle: true,
        items: [
          'kindling-text',
          'kindling-echo',
          'kindling-reasoning',
          'kindling-tools',
          'kindling-text+cut=3',
        ],
      },
    },
  },
  initialGlobals: { kindlingBaseURL: '/v1', kindlingModel: 'kindling-text' },
}
export default preview
