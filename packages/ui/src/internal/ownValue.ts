/**
 * `table[key]` only when `key` is the table's own entry: keys that come from data (a message role,
 * a finish reason) can be `__proto__`, `constructor` or `toString`, which a plain lookup answers
 * with an object or a function instead of `undefined`.
 */
export function ownValue<T>(table: Readonly<Record<string, T>>, key: string): T | undefined {
  return Object.hasOwn(table, key) ? table[key] : undefined
}
