// The app module the react README's provider example imports (`./App`).
export function App() {
  return null
}
