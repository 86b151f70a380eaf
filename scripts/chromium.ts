/**
 * The one place that says how tests launch a real browser: Debian's Chromium, never a downloaded one.
 * `CHROMIUM_PATH` overrides the executable.
 */
export const chromiumExecutablePath: string = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'

/** Flags that keep headless Chromium quiet on a machine with no outside network. */
export const chromiumArgs: string[] = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
]

/** Launch options for playwright(-core)'s `chromium.launch`. */
export const chromiumLaunchOptions: { executablePath: string; args: string[]; headless: boolean } = {
  executablePath: chromiumExecutablePath,
  args: chromiumArgs,
  headless: true,
}
