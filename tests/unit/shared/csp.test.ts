// index.html carries the policy as a meta tag for pages loaded from disk; it
// must say what the headers say (a meta tag cannot carry frame-ancestors).
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { contentSecurityPolicy } from '../../../src/shared/csp'

const directives = (policy: string) =>
  policy
    .split(';')
    .map((directive) => directive.trim())
    .filter((directive) => directive !== '' && !directive.startsWith('frame-ancestors'))
    .sort()

describe('the content security policy', () => {
  it('is the same in index.html as in the headers', () => {
    const html = readFileSync('src/renderer/index.html', 'utf8')
    const meta = /http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(html)?.[1]
    expect(meta).toBeDefined()
    expect(directives(meta ?? '')).toEqual(directives(contentSecurityPolicy))
  })

  it('allows no inline or evaluated script and no plugins', () => {
    expect(contentSecurityPolicy).not.toMatch(/unsafe-(inline|eval|hashes)/)
    expect(contentSecurityPolicy).toContain("object-src 'none'")
    expect(contentSecurityPolicy).toContain("default-src 'none'")
  })
})
