/** Joins class names, skipping empty ones: our base class first, then the app's `className`. */
export function cx(...names: (string | false | null | undefined)[]): string {
  return names.filter(Boolean).join(' ')
}
