// The app window's security settings and its hide-to-tray close, against
// the stand-in electron module.
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { beforeEach, describe, expect, it } from 'vitest'
import { createLog } from '../../../src/main/log'
import type { LinkOpener } from '../../../src/main/os/ports'
import { appPaths, type RendererLocation } from '../../../src/main/paths'
import { createMainWindow } from '../../../src/main/window'
import { contentSecurityPolicy } from '../../../src/shared/csp'
import { BrowserWindow, resetElectron, session } from '../../fakes/electron'

const root = join('/opt', 'lull')
const paths = appPaths(root, 'linux')
const fileLocation: RendererLocation = { kind: 'file', htmlPath: paths.rendererHtml }
const pageUrl = pathToFileURL(paths.rendererHtml).href

function open(options: { location?: RendererLocation; isQuitting?: () => boolean } = {}) {
  const opened: string[] = []
  const links: LinkOpener = {
    async open(url) {
      opened.push(url)
    },
  }
  createMainWindow({
    paths,
    location: options.location ?? fileLocation,
    links,
    log: createLog(() => {}),
    isQuitting: options.isQuitting ?? (() => false),
  })
  const window = BrowserWindow.instances.at(-1)
  if (!window) throw new Error('no window was created')
  return { window, opened }
}

beforeEach(() => resetElectron())

describe('app window', () => {
  it('runs its page sandboxed and isolated, with the built preload and full-speed timers', () => {
    const { window } = open()
    expect(window.options.webPreferences).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      backgroundThrottling: false,
      preload: join(root, 'out', 'preload', 'index.cjs'),
    })
  })

  it('loads the built page from disk outside dev', () => {
    const { window } = open()
    expect(window.loadedFile).toBe(paths.rendererHtml)
    expect(window.loadedUrl).toBeNull()
  })

  it('puts a strict content security policy on the app page, replacing one the server sent', () => {
    open()
    const headers = session.defaultSession.receive(pageUrl, { 'content-security-policy': ['default-src *'] })
    expect(headers['Content-Security-Policy']).toEqual([contentSecurityPolicy])
    expect(headers['content-security-policy']).toBeUndefined()
    for (const directive of [
      "default-src 'none'",
      "script-src 'self'",
      "object-src 'none'",
      "frame-ancestors 'none'",
    ]) {
      expect(contentSecurityPolicy).toContain(directive)
    }
    expect(contentSecurityPolicy).not.toMatch(/unsafe-(inline|eval)/)
  })

  it('gives the dev server page the same policy', () => {
    open({ location: { kind: 'dev-server', url: 'http://localhost:5173' } })
    const headers = session.defaultSession.receive('http://localhost:5173/src/main.tsx', {}, 'script')
    expect(headers['Content-Security-Policy']).toEqual([contentSecurityPolicy])
  })

  it('denies every browser permission prompt but persistent storage', () => {
    open()
    expect(session.defaultSession.requestPermission('geolocation')).toBe(false)
    expect(session.defaultSession.requestPermission('notifications')).toBe(false)
    expect(session.defaultSession.requestPermission('persistent-storage')).toBe(true)
  })

  it('denies window.open and hands a web link to the validated link opener instead', () => {
    const { window, opened } = open()
    expect(window.webContents.openWindow('https://github.com/acme/api/pull/7')).toBe('deny')
    expect(opened).toEqual(['https://github.com/acme/api/pull/7'])
  })

  it('denies window.open of a file or javascript URL without opening anything', () => {
    const { window, opened } = open()
    expect(window.webContents.openWindow('file:///etc/passwd')).toBe('deny')
    expect(window.webContents.openWindow('javascript:alert(1)')).toBe('deny')
    expect(opened).toEqual([])
  })

  it('prevents navigating the window to a foreign page', () => {
    const { window } = open()
    expect(window.webContents.navigate('https://evil.example/login')).toBe(true)
    expect(window.webContents.navigate(pathToFileURL('/etc/passwd').href)).toBe(true)
    expect(window.webContents.redirect('https://evil.example/')).toBe(true)
  })

  it('lets the window reload its own page', () => {
    const { window } = open()
    expect(window.webContents.navigate(`${pageUrl}#/digest`)).toBe(false)
  })

  it('refuses to attach a webview', () => {
    const { window } = open()
    expect(window.webContents.attachWebview()).toBe(true)
  })

  it('hides to the tray on close while the app is not quitting', () => {
    const { window } = open()
    window.show()
    window.close()
    expect(window.isDestroyed()).toBe(false)
    expect(window.isVisible()).toBe(false)
  })

  it('really closes once the app is quitting', () => {
    let isQuitting = false
    const { window } = open({ isQuitting: () => isQuitting })
    isQuitting = true
    window.close()
    expect(window.isDestroyed()).toBe(true)
  })
})
