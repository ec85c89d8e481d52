// Which URLs are the app's own page: the only ones the window may show and
// the only senders IPC trusts.
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { describe, expect, it } from 'vitest'
import {
  appPageUrl,
  appPaths,
  isAppPageUrl,
  isAppResourceUrl,
  rendererLocation,
  rendererUrl,
} from '../../../src/main/paths'

const paths = appPaths(join('/opt', 'lull'), 'linux')
const built = rendererLocation(paths, { isPackaged: true, devServerUrl: undefined })
const dev = rendererLocation(paths, { isPackaged: false, devServerUrl: 'http://localhost:5173' })

describe('app paths', () => {
  it('serves the built renderer folder over lull://app when packaged, even if the environment names a dev server', () => {
    const location = rendererLocation(paths, { isPackaged: true, devServerUrl: 'http://evil.example' })
    expect(location).toEqual({
      kind: 'app-protocol',
      root: join('/opt', 'lull', 'out', 'renderer'),
      pageUrl: 'lull://app/index.html',
    })
    expect(rendererUrl(location)).toBe('lull://app/index.html')
  })

  it('serves over lull://app outside dev, with no dev server named', () => {
    expect(rendererUrl(rendererLocation(paths, { isPackaged: false, devServerUrl: undefined }))).toBe(
      appPageUrl,
    )
  })

  it('loads the dev server under electron-vite dev', () => {
    expect(rendererUrl(dev)).toBe('http://localhost:5173')
  })

  it('treats the app page, with any hash or query, as the app page', () => {
    expect(isAppPageUrl(appPageUrl, built)).toBe(true)
    expect(isAppPageUrl(`${appPageUrl}#/digest/d-1`, built)).toBe(true)
    expect(isAppPageUrl(`${appPageUrl}?view=now`, built)).toBe(true)
  })

  it('treats other pages of the app origin, other hosts, file URLs and nonsense as foreign', () => {
    for (const url of [
      'lull://app/other.html',
      'lull://app/assets/index.js',
      'lull://app/',
      'lull://evil/index.html',
      'lull://app:8080/index.html',
      'lull://user@app/index.html',
      pathToFileURL(paths.rendererHtml).href,
      'https://example.com/',
      'not a url',
      'http://localhost:5173/',
    ]) {
      expect(isAppPageUrl(url, built), url).toBe(false)
    }
  })

  it('treats only the dev server origin as the app under dev', () => {
    expect(isAppPageUrl('http://localhost:5173/#/inbox', dev)).toBe(true)
    expect(isAppPageUrl('http://localhost:5174/', dev)).toBe(false)
    expect(isAppPageUrl(appPageUrl, dev)).toBe(false)
  })

  it('counts everything on lull://app as an app resource, and nothing else', () => {
    expect(isAppResourceUrl('lull://app/assets/index.js', built)).toBe(true)
    expect(isAppResourceUrl('lull://app/index.html', built)).toBe(true)
    expect(isAppResourceUrl('lull://other/index.js', built)).toBe(false)
    expect(isAppResourceUrl(pathToFileURL(join(paths.rendererRoot, 'assets', 'index.js')).href, built)).toBe(
      false,
    )
    expect(isAppResourceUrl('https://app/index.js', built)).toBe(false)
  })

  it('keeps the page inside the folder the protocol serves', () => {
    expect(paths.rendererHtml).toBe(join(paths.rendererRoot, 'index.html'))
  })
})
