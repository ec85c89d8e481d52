// The app window's security settings, the guards on every web contents and
// the hide-to-tray close, against the stand-in electron module.
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { beforeEach, describe, expect, it } from 'vitest'
import { createLog } from '../../../src/main/log'
import type { LinkOpener } from '../../../src/main/os/ports'
import { appPageUrl, appPaths, type RendererLocation, rendererLocation } from '../../../src/main/paths'
import { createMainWindow, secureApp } from '../../../src/main/window'
import { contentSecurityPolicy } from '../../../src/shared/csp'
import { app, BrowserWindow, resetElectron, session } from '../../fakes/electron'

const root = join('/opt', 'lull')
const paths = appPaths(root, 'linux')
const builtLocation = rendererLocation(paths, { isPackaged: true, devServerUrl: undefined })
const devLocation: RendererLocation = { kind: 'dev-server', url: 'http://localhost:5173' }

function recordingLinks() {
  const opened: string[] = []
  const links: LinkOpener = {
    async open(url) {
      opened.push(url)
    },
  }
  return { links, opened }
}

/** Start the way index.ts does: secure the app, then open the window. */
function open(options: { location?: RendererLocation; isQuitting?: () => boolean } = {}) {
  const { links, opened } = recordingLinks()
  const log = createLog(() => {})
  const location = options.location ?? builtLocation
  secureApp({ location, links, log })
  createMainWindow({ paths, location, links, log, isQuitting: options.isQuitting ?? (() => false) })
  const window = BrowserWindow.instances.at(-1)
  if (!window) throw new Error('no window was created')
  return { window, opened, log }
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
      webviewTag: false,
      backgroundThrottling: false,
      preload: join(root, 'out', 'preload', 'index.cjs'),
    })
  })

  it('loads the built page over lull://app, never from file://', () => {
    const { window } = open()
    expect(window.loadedUrls).toEqual(['lull://app/index.html'])
    expect(window.loadedFile).toBeNull()
  })

  it('loads the dev server page under electron-vite dev', () => {
    const { window } = open({ location: devLocation })
    expect(window.loadedUrls).toEqual(['http://localhost:5173'])
  })

  it('puts a strict content security policy on the app page, replacing one the server sent', () => {
    open()
    const headers = session.defaultSession.receive(appPageUrl, {
      'content-security-policy': ['default-src *'],
    })
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
    open({ location: devLocation })
    const headers = session.defaultSession.receive('http://localhost:5173/src/main.tsx', {}, 'script')
    expect(headers['Content-Security-Policy']).toEqual([contentSecurityPolicy])
  })

  it('denies every browser permission prompt but persistent storage for the app page', () => {
    open()
    expect(session.defaultSession.requestPermission('geolocation')).toBe(false)
    expect(session.defaultSession.requestPermission('notifications')).toBe(false)
    expect(session.defaultSession.requestPermission('persistent-storage')).toBe(true)
    expect(session.defaultSession.requestPermission('persistent-storage', 'https://evil.example/')).toBe(
      false,
    )
  })

  it('answers permission checks the same way: only persistent storage, only for the app origin', () => {
    open()
    expect(session.defaultSession.checkPermission('persistent-storage', 'lull://app')).toBe(true)
    for (const permission of ['notifications', 'clipboard-read', 'media', 'geolocation', 'hid']) {
      expect(session.defaultSession.checkPermission(permission, 'lull://app'), permission).toBe(false)
    }
    expect(session.defaultSession.checkPermission('persistent-storage', 'https://evil.example')).toBe(false)
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

  it('prevents navigating the window to a foreign page, a file or another page of its own origin', () => {
    const { window } = open()
    expect(window.webContents.navigate('https://evil.example/login')).toBe(true)
    expect(window.webContents.navigate(pathToFileURL('/etc/passwd').href)).toBe(true)
    expect(window.webContents.navigate(pathToFileURL(paths.rendererHtml).href)).toBe(true)
    expect(window.webContents.navigate('lull://app/assets/index.js')).toBe(true)
    expect(window.webContents.redirect('https://evil.example/')).toBe(true)
  })

  it('lets the window reload its own page', () => {
    const { window } = open()
    expect(window.webContents.navigate(`${appPageUrl}#/digest`)).toBe(false)
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

describe('every web contents', () => {
  it('gets the same guards as the app window, wherever it was created', () => {
    const { opened } = open()
    const other = new BrowserWindow({})
    expect(other.webContents.openWindow('https://github.com/acme/api')).toBe('deny')
    expect(other.webContents.openWindow('file:///etc/passwd')).toBe('deny')
    expect(opened).toEqual(['https://github.com/acme/api'])
    expect(other.webContents.navigate('https://evil.example/')).toBe(true)
    expect(other.webContents.attachWebview()).toBe(true)
  })

  it('guards the app window once, though both the app-wide hook and the window guard it', () => {
    const { window, log } = open()
    window.webContents.navigate('https://evil.example/')
    expect(log.lines.filter((line) => line.message.includes('evil.example'))).toHaveLength(1)
  })
})

describe('DevTools', () => {
  it('are available while developing', () => {
    const { window } = open()
    expect(window.options.webPreferences).toMatchObject({ devTools: true })
    window.webContents.openDevTools()
    expect(window.webContents.isDevToolsOpened()).toBe(true)
  })

  it('are off in a packaged build, and closed if anything opens them', () => {
    app.isPackaged = true
    const { window } = open()
    expect(window.options.webPreferences).toMatchObject({ devTools: false })
    window.webContents.openDevTools()
    expect(window.webContents.isDevToolsOpened()).toBe(false)
  })

  it('are closed in any other web contents of a packaged build', () => {
    app.isPackaged = true
    open()
    const other = new BrowserWindow({})
    other.webContents.openDevTools()
    expect(other.webContents.isDevToolsOpened()).toBe(false)
  })
})
