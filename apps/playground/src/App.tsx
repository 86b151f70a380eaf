/** The playground shell; the chat lands with the playground issue. */
export function App() {
  return (
    <main>
      <h1>Kindling playground</h1>
    </main>
  )
}
