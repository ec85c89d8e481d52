// Which URLs are the app's own page: the only ones the window may show and
// the only senders IPC trusts.
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { describe, expect, it } from 'vitest'
import {
  appPaths,
  isAppPageUrl,
  isAppResourceUrl,
  rendererLocation,
  rendererUrl,
} from '../../../src/main/paths'

const paths = appPaths(join('/opt', 'lull'), 'linux')
const file = rendererLocation(paths, { isPackaged: true, devServerUrl: undefined })
const dev = rendererLocation(paths, { isPackaged: false, devServerUrl: 'http://localhost:5173' })
const page = pathToFileURL(paths.rendererHtml).href

describe('app paths', () => {
  it('loads the built file when packaged, even if the environment names a dev server', () => {
    expect(rendererLocation(paths, { isPackaged: true, devServerUrl: 'http://evil.example' })).toEqual({
      kind: 'file',
      htmlPath: paths.rendererHtml,
    })
  })

  it('loads the dev server under electron-vite dev', () => {
    expect(rendererUrl(dev)).toBe('http://localhost:5173')
  })

  it('treats the built page, with any hash or query, as the app page', () => {
    expect(isAppPageUrl(page, file)).toBe(true)
    expect(isAppPageUrl(`${page}#/digest/d-1`, file)).toBe(true)
    expect(isAppPageUrl(`${page}?view=now`, file)).toBe(true)
  })

  it('treats other files, other hosts and nonsense as foreign', () => {
    expect(
      isAppPageUrl(pathToFileURL(join('/opt', 'lull', 'out', 'renderer', 'other.html')).href, file),
    ).toBe(false)
    expect(isAppPageUrl('file://evil.example/opt/lull/out/renderer/index.html', file)).toBe(false)
    expect(isAppPageUrl('https://example.com/', file)).toBe(false)
    expect(isAppPageUrl('not a url', file)).toBe(false)
    expect(isAppPageUrl('http://localhost:5173/', file)).toBe(false)
  })

  it('treats only the dev server origin as the app under dev', () => {
    expect(isAppPageUrl('http://localhost:5173/#/inbox', dev)).toBe(true)
    expect(isAppPageUrl('http://localhost:5174/', dev)).toBe(false)
    expect(isAppPageUrl(page, dev)).toBe(false)
  })

  it('counts files under the renderer folder as app resources, and nothing outside it', () => {
    expect(
      isAppResourceUrl(
        pathToFileURL(join('/opt', 'lull', 'out', 'renderer', 'assets', 'index.js')).href,
        file,
      ),
    ).toBe(true)
    expect(isAppResourceUrl(pathToFileURL(join('/opt', 'lull', 'out', 'main', 'index.js')).href, file)).toBe(
      false,
    )
    expect(
      isAppResourceUrl(pathToFileURL(join('/opt', 'lull', 'out', 'renderer-evil', 'x.js')).href, file),
    ).toBe(false)
  })
})
