// ExternalUrl: the one check every link passes before Lull hands it on.
import { describe, expect, it } from 'vitest'
import { calls } from '../../../src/shared/contract'
import { ExternalUrl, SourceItem } from '../../../src/shared/model'

const item = {
  id: 'a:1',
  accountId: 'a',
  source: 'github',
  stream: 'notifications',
  externalId: '1',
  threadKey: 't',
  container: 'acme/api',
  author: { id: 'u', name: 'Ana' },
  title: 'Review requested',
  text: '',
  sentAt: 1,
  needsReply: true,
}

describe('external links', () => {
  it('passes on the parsed link, not the raw string', () => {
    expect(ExternalUrl.parse('HTTPS://GitHub.com/a/../b?q=a b'.replace(' ', '%20'))).toBe(
      'https://github.com/b?q=a%20b',
    )
  })

  it('gives the parsed link to the link:open-external call and to a source item', () => {
    expect(calls['link:open-external'].request.parse({ url: 'HTTPS://Example.com' })).toEqual({
      url: 'https://example.com/',
    })
    expect(SourceItem.parse({ ...item, url: 'https://GitHub.com' }).url).toBe('https://github.com/')
  })

  it('refuses whitespace, control and bidi characters anywhere in the link', () => {
    for (const url of [
      ' https://example.com/',
      'https://example.com/\t',
      'https://exa\nmple.com/',
      'https://example.com/a b',
      'https://example.com/\u0000',
      'https://example.com/\u2028',
      'https://example.com/\u202e',
    ]) {
      expect(ExternalUrl.safeParse(url).success).toBe(false)
    }
  })

  it('refuses a link longer than 2,048 characters, before or after encoding', () => {
    const base = 'https://example.com/'
    expect(ExternalUrl.safeParse(base + 'a'.repeat(2048 - base.length)).success).toBe(true)
    expect(ExternalUrl.safeParse(base + 'a'.repeat(2049 - base.length)).success).toBe(false)
    expect(ExternalUrl.safeParse(base + 'é'.repeat(500)).success).toBe(false)
  })

  it('gives the same link back when its parsed form is checked again', () => {
    for (const url of ['https://a.example/x/../y?z#f', 'mailto:Ana@Example.com', 'slack://open?team=T1']) {
      const once = ExternalUrl.parse(url)
      expect(ExternalUrl.parse(once)).toBe(once)
    }
  })
})
