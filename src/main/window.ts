// The app window and every security setting of Lull's web contents, in one
// place: the renderer is sandboxed and isolated, gets a strict content
// security policy, no browser permissions but persistent storage, no
// DevTools when packaged, and no web contents may open windows, navigate
// away or attach webviews. Closing the window hides it to the tray, because
// the engine that keeps check-in time runs in it.
import { app, BrowserWindow, type Session, session, type WebContents, type WebPreferences } from 'electron'
import { contentSecurityPolicy } from '../shared/csp'
import { ExternalUrl } from '../shared/model'
import type { Log } from './log'
import type { LinkOpener } from './os/ports'
import { type AppPaths, isAppPageUrl, isAppResourceUrl, type RendererLocation, rendererUrl } from './paths'

export function mainWebPreferences(preloadPath: string, options: { allowDevTools: boolean }): WebPreferences {
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
    devTools: options.allowDevTools,
    // The engine's timers must keep check-in time while the window is hidden.
    backgroundThrottling: false,
    spellcheck: false,
  }
}

/** DevTools while developing; a packaged Lull has none (a console in the page could read the inbox). */
export function allowsDevTools(): boolean {
  return !app.isPackaged
}

/** The one browser permission Lull's page uses, and only for itself. */
const grantedPermission = 'persistent-storage'

/**
 * The session's policy: the strict content security policy on every
 * response of the app's pages (the protocol sets it too; this covers the dev
 * server, replacing any policy it sent), and no browser permissions.
 */
export function installSessionPolicy(target: Session, location: RendererLocation): void {
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
  // Notifications, the clipboard, the camera and the rest go through main or
  // are not used, so every prompt is denied. The exception: the renderer
  // calls navigator.storage.persist() so the browser never evicts the inbox
  // store under disk pressure. The request handler answers persist(); the
  // check handler answers persisted() and navigator.permissions.query(), so
  // it grants exactly the same, or the page would be told "not persisted"
  // about storage that is.
  target.setPermissionRequestHandler((_contents, permission, callback, details) => {
    callback(permission === grantedPermission && isAppPageUrl(details.requestingUrl, location))
  })
  target.setPermissionCheckHandler((_contents, permission, requestingOrigin) => {
    return permission === grantedPermission && isAppResourceUrl(`${requestingOrigin}/`, location)
  })
}

export type GuardDeps = { location: RendererLocation; links: LinkOpener; log: Log; allowDevTools: boolean }

/** Web contents already guarded: the app-wide hook and the window both guard the window's, once. */
const guarded = new WeakSet<WebContents>()

/** No new windows (links go to the system's handler), no navigation away from the app page, no webviews. */
export function guardWebContents(contents: WebContents, deps: GuardDeps): void {
  if (guarded.has(contents)) return
  guarded.add(contents)
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
    log.warn('window', `refused to navigate to ${url.slice(0, 200)}`)
  }
  contents.on('will-navigate', (event) => stayHome(event, event.url))
  contents.on('will-redirect', (event) => stayHome(event, event.url))
  contents.on('will-attach-webview', (event) => {
    event.preventDefault()
    log.warn('window', 'refused to attach a webview')
  })
  if (!deps.allowDevTools) {
    // webPreferences.devTools is off in a packaged build; this closes them should anything open them anyway.
    contents.on('devtools-opened', () => {
      contents.closeDevTools()
      log.warn('window', 'closed DevTools: a packaged Lull does not open them')
    })
  }
}

/** The same guards on every web contents the app ever creates, not only the main window's. */
export function guardAllWebContents(deps: GuardDeps): void {
  app.on('web-contents-created', (_event, contents) => guardWebContents(contents, deps))
}

/** Everything above, once, before the first window: the session policy and the app-wide guards. */
export function secureApp(deps: Omit<GuardDeps, 'allowDevTools'>): void {
  installSessionPolicy(session.defaultSession, deps.location)
  guardAllWebContents({ ...deps, allowDevTools: allowsDevTools() })
}

export type MainWindowDeps = {
  paths: AppPaths
  location: RendererLocation
  links: LinkOpener
  log: Log
  /** True once the app is quitting: then close really closes. */
  isQuitting: () => boolean
  /** Started at sign-in: the window loads (the engine runs in it) but stays in the tray until asked for. */
  isHidden?: boolean
}

export function createMainWindow(deps: MainWindowDeps): BrowserWindow {
  const { paths, location, log } = deps
  const allowDevTools = allowsDevTools()
  const window = new BrowserWindow({
    title: 'Lull',
    width: 1100,
    height: 720,
    minWidth: 720,
    minHeight: 480,
    show: false,
    autoHideMenuBar: true,
    icon: paths.appIcon,
    webPreferences: mainWebPreferences(paths.preload, { allowDevTools }),
  })
  guardWebContents(window.webContents, { ...deps, allowDevTools })
  window.on('close', (event) => {
    if (deps.isQuitting()) return
    event.preventDefault()
    window.hide()
  })
  if (!deps.isHidden) window.once('ready-to-show', () => window.show())
  loadAppPage(window, location).catch((error: unknown) => {
    log.error(
      'window',
      `could not load the app page: ${error instanceof Error ? error.message : String(error)}`,
    )
  })
  return window
}

/** Load (or load again) the app page: `lull://app/index.html`, or the dev server under `electron-vite dev`. */
export function loadAppPage(
  window: Pick<BrowserWindow, 'loadURL'>,
  location: RendererLocation,
): Promise<void> {
  return window.loadURL(rendererUrl(location))
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
