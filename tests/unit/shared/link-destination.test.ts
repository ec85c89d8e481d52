// The host shown beside "Open" is the one the link really goes to.
import { describe, expect, it } from 'vitest'
import { hiddenHostWarning, linkDestination } from '../../../src/shared/link-destination'

describe('link destinations', () => {
  it('names the host of a web link', () => {
    expect(linkDestination('https://github.com/acme/api/pull/7')).toBe('github.com')
    expect(linkDestination('http://Example.COM:8443/x')).toBe('example.com:8443')
  })

  it('names the real host when the link puts a familiar name in its user part', () => {
    expect(linkDestination('https://github.com@evil.example/acme/api')).toBe('evil.example')
    expect(linkDestination('https://github.com:443@evil.example/')).toBe('evil.example')
  })

  it('shows an international host in its punycode form, so a look-alike cannot pass for the real one', () => {
    // \u0456 is the Cyrillic і.
    expect(linkDestination('https://g\u0456thub.com/')).toBe('xn--gthub-n2e.com')
  })

  it("names a mailto link's domain, and says when it writes to more than one", () => {
    expect(linkDestination('mailto:ana@example.com?subject=Hi')).toBe('example.com')
    expect(linkDestination('mailto:ana@example.com,bo@evil.example')).toBe('example.com +1')
    expect(linkDestination('mailto:?to=bo@Evil.Example')).toBe('evil.example')
    expect(linkDestination('mailto:nobody')).toBeNull()
  })

  it('says Slack for a slack link', () => {
    expect(linkDestination('slack://channel?team=T1&id=C1')).toBe('Slack')
  })

  it('says nothing for what is not a link Lull opens', () => {
    expect(linkDestination('not a link')).toBeNull()
    expect(linkDestination('file:///etc/passwd')).toBeNull()
  })
})

describe('links that hide their host', () => {
  it('says what a link with a user part pretends and where it really goes', () => {
    expect(hiddenHostWarning('https://github.com@evil.example/acme/api')).toBe(
      'This link hides where it goes: it starts with “github.com” but opens evil.example.',
    )
    expect(hiddenHostWarning('https://github.com:443@evil.example/')).toContain(
      '“github.com:443” but opens evil.example',
    )
  })

  it('says nothing of an honest link, a mailto or a Slack link', () => {
    expect(hiddenHostWarning('https://github.com/acme/api/pull/7')).toBeNull()
    expect(hiddenHostWarning('mailto:ana@example.com')).toBeNull()
    expect(hiddenHostWarning('slack://channel?team=T1&id=C1')).toBeNull()
    expect(hiddenHostWarning('not a link')).toBeNull()
  })
})
