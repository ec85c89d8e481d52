// Links leave the app only through the system handler, and only with a
// scheme Lull allows, checked again in the adapter itself.
import { beforeEach, describe, expect, it } from 'vitest'
import { createLog } from '../../../src/main/log'
import { createLinkOpener } from '../../../src/main/os/links'
import { HostError } from '../../../src/shared/contract'
import { resetElectron, shell } from '../../fakes/electron'

beforeEach(() => resetElectron())

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
      const failure = await links.open(url).then(
        () => null,
        (error: unknown) => error,
      )
      expect(failure).toBeInstanceOf(HostError)
      expect(failure).toMatchObject({ code: 'refused' })
    }
    expect(shell.opened).toEqual([])
  })
})
