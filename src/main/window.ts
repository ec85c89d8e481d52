// The one app window and every security setting it has, in one place: the
// renderer is sandboxed and isolated, gets a strict content security policy,
// cannot open windows, navigate away or attach webviews. Closing it hides it
// to the tray, because the engine that keeps check-in time runs in it.
import { BrowserWindow, type Session, session, type WebContents, type WebPreferences } from 'electron'
import { contentSecurityPolicy } from '../shared/csp'
import { ExternalUrl } from '../shared/model'
import type { Log } from './log'
import type { LinkOpener } from './os/ports'
import { type AppPaths, isAppPageUrl, isAppResourceUrl, type RendererLocation } from './paths'

export function mainWebPreferences(preloadPath: string): WebPreferences {
  return {
    preload: preloadPath,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    webviewTag: false,
    // The engine's timers must keep check-in time while the window is hidden.
    backgroundThrottling: false,
    spellcheck: false,
  }
}

/** Put the strict policy on every response of the app's pages, replacing any policy the server sent. */
export function installContentSecurityPolicy(target: Session, location: RendererLocation): void {
  target.webRequest.onHeadersReceived((details, callback) => {
    if (!isAppResourceUrl(details.url, location)) {
      callback({})
      return
    }
    const headers: Record<string, string | string[]> = {}
    for (const [name, value] of Object.entries(details.responseHeaders ?? {})) {
      if (name.toLowerCase() !== 'content-security-policy') headers[name] = value
    }
    headers['Content-Security-Policy'] = [contentSecurityPolicy]
    callback({ responseHeaders: headers })
  })
  // The renderer asks main for notifications; nothing needs a browser permission prompt.
  target.setPermissionRequestHandler((_contents, permission, callback) => {
    callback(permission === 'persistent-storage')
  })
}

export function guardWebContents(
  contents: WebContents,
  deps: { location: RendererLocation; links: LinkOpener; log: Log },
): void {
  const { location, links, log } = deps
  contents.setWindowOpenHandler(({ url }) => {
    // A link a page asked to open in a new window goes to the system's handler, if its scheme is allowed.
    if (ExternalUrl.safeParse(url).success) {
      links.open(url).catch((error: unknown) => {
        log.warn('window', `did not open a link: ${error instanceof Error ? error.message : String(error)}`)
      })
    } else {
      log.warn('window', `refused to open a window for ${url.slice(0, 200)}`)
    }
    return { action: 'deny' }
  })
  const stayHome = (event: { preventDefault(): void }, url: string) => {
    if (isAppPageUrl(url, location)) return
    event.preventDefault()
    log.warn('window', `refused to navigate the app window to ${url.slice(0, 200)}`)
  }
  contents.on('will-navigate', (event) => stayHome(event, event.url))
  contents.on('will-redirect', (event) => stayHome(event, event.url))
  contents.on('will-attach-webview', (event) => {
    event.preventDefault()
    log.warn('window', 'refused to attach a webview')
  })
}

export type MainWindowDeps = {
  paths: AppPaths
  location: RendererLocation
  links: LinkOpener
  log: Log
  /** True once the app is quitting: then close really closes. */
  isQuitting: () => boolean
}

export function createMainWindow(deps: MainWindowDeps): BrowserWindow {
  const { paths, location, log } = deps
  installContentSecurityPolicy(session.defaultSession, location)
  const window = new BrowserWindow({
    title: 'Lull',
    width: 1100,
    height: 720,
    minWidth: 720,
    minHeight: 480,
    show: false,
    autoHideMenuBar: true,
    icon: paths.appIcon,
    webPreferences: mainWebPreferences(paths.preload),
  })
  guardWebContents(window.webContents, deps)
  window.on('close', (event) => {
    if (deps.isQuitting()) return
    event.preventDefault()
    window.hide()
  })
  window.once('ready-to-show', () => window.show())
  const loading = location.kind === 'file' ? window.loadFile(location.htmlPath) : window.loadURL(location.url)
  loading.catch((error: unknown) => {
    log.error(
      'window',
      `could not load the app page: ${error instanceof Error ? error.message : String(error)}`,
    )
  })
  return window
}

/** Bring the window to the front, from the tray, a notification or a second launch. */
export function revealWindow(window: BrowserWindow | null): void {
  if (!window || window.isDestroyed()) return
  if (window.isMinimized()) window.restore()
  window.show()
  window.focus()
}

/** What the sender check reads of a window; the Electron BrowserWindow has it. */
type SenderWindow = { isDestroyed(): boolean; webContents: { mainFrame: unknown } }

/**
 * Whether an IPC message comes from the app's own page: the main frame of the
 * app window, showing the app's URL. A subframe, another window or a page
 * the window was tricked into showing is not trusted.
 */
export function createSenderCheck(
  getWindow: () => SenderWindow | null,
  location: RendererLocation,
): (event: { sender: unknown; senderFrame: { url: string } | null }) => boolean {
  return (event) => {
    const window = getWindow()
    if (!window || window.isDestroyed()) return false
    if (event.sender !== window.webContents) return false
    const frame = event.senderFrame
    if (!frame || frame !== window.webContents.mainFrame) return false
    return isAppPageUrl(frame.url, location)
  }
}
