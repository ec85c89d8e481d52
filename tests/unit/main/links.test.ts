// Links leave the app only through the system handler, and only with a
// scheme Lull allows, checked again in the adapter itself.
import { beforeEach, describe, expect, it } from 'vitest'
import { createLog } from '../../../src/main/log'
import { createLinkOpener } from '../../../src/main/os/links'
import { HostError } from '../../../src/shared/contract'
import { resetElectron, shell } from '../../fakes/electron'

beforeEach(() => resetElectron())

async function failureOf(open: Promise<void>): Promise<unknown> {
  return open.then(
    () => null,
    (error: unknown) => error,
  )
}

describe('external links', () => {
  it('opens http, https, mailto and slack links in the system handler', async () => {
    const links = createLinkOpener(createLog(() => {}))
    const urls = [
      'https://github.com/acme/api/pull/7',
      'http://example.com/',
      'mailto:ana@example.com',
      'slack://channel?team=T1&id=C1',
    ]
    for (const url of urls) await links.open(url)
    expect(shell.opened).toEqual(urls)
  })

  it('refuses file, javascript and custom schemes with a refused error, opening nothing', async () => {
    const links = createLinkOpener(createLog(() => {}))
    for (const url of ['file:///etc/passwd', 'javascript:alert(1)', 'vscode://file/x', 'not a url']) {
      const failure = await failureOf(links.open(url))
      expect(failure).toBeInstanceOf(HostError)
      expect(failure).toMatchObject({ code: 'refused' })
    }
    expect(shell.opened).toEqual([])
  })

  it('hands the system the parsed link, not the string it was given', async () => {
    const links = createLinkOpener(createLog(() => {}))
    await links.open('HTTPS://GitHub.COM/acme/../acme/api?q=a"b')
    expect(shell.opened).toEqual(['https://github.com/acme/api?q=a%22b'])
  })

  it('refuses a link with whitespace or a control character anywhere, which the parser would drop silently', async () => {
    const links = createLinkOpener(createLog(() => {}))
    const urls = [
      ' https://example.com/',
      'https://example.com/ ',
      'https://exa\tmple.com/',
      'java\nscript:alert(1)',
      'https://example.com/a b',
      'https://example.com/\u0000',
      'https://example.com/\u007f',
      'https://example.com/\u00a0',
      'https://example.com/invoice\u202efdp.exe',
    ]
    for (const url of urls) {
      expect(await failureOf(links.open(url))).toMatchObject({ code: 'refused' })
    }
    expect(shell.opened).toEqual([])
  })

  it('opens a link of 2,048 characters and refuses one longer, before or after encoding', async () => {
    const links = createLinkOpener(createLog(() => {}))
    const base = 'https://example.com/'
    const longest = base + 'a'.repeat(2048 - base.length)
    await links.open(longest)
    expect(await failureOf(links.open(`${longest}a`))).toMatchObject({ code: 'refused' })
    // 700 characters in, 4,200 once each é is percent-encoded.
    expect(await failureOf(links.open(base + 'é'.repeat(680)))).toMatchObject({ code: 'refused' })
    expect(shell.opened).toEqual([longest])
  })

  it('says why a link was refused and logs it quoted, so a newline cannot forge a log line', async () => {
    const written: string[] = []
    const links = createLinkOpener(createLog((line) => written.push(line)))
    const failure = await failureOf(links.open('https://example.com/\nERROR forged'))
    expect(failure).toMatchObject({ message: expect.stringContaining('spaces or control characters') })
    expect(written).toHaveLength(1)
    expect(written[0]).not.toContain('\n')
  })
})
