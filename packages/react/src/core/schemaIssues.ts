// A schema's issues as readable text, for tool arguments checked through the Standard Schema
// interface (`~standard.validate`) that zod implements: the check needs no import of zod.

/** One issue, as the Standard Schema interface reports it. */
export interface SchemaIssue {
  readonly message: string
  readonly path?: ReadonlyArray<PropertyKey | { readonly key: PropertyKey }> | undefined
}

function pathText(path: SchemaIssue['path']): string {
  let text = ''
  for (const segment of path ?? []) {
    const key = typeof segment === 'object' ? segment.key : segment
    if (typeof key === 'number') text += `[${key}]`
    else if (typeof key === 'string' && /^[A-Za-z_$][\w$]*$/.test(key)) text += text ? `.${key}` : key
    else text += `[${JSON.stringify(String(key))}]`
  }
  return text
}

/** The issues one per line, each with where it is (`✖ message`, then `→ at path`), as zod prints them. */
export function formatSchemaIssues(issues: readonly SchemaIssue[]): string {
  return issues
    .map((issue) => {
      const at = pathText(issue.path)
      return at ? `✖ ${issue.message}\n  → at ${at}` : `✖ ${issue.message}`
    })
    .join('\n')
}
