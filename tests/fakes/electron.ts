// A stand-in for the `electron` module, aliased in for the unit project
// (Electron's binary cannot run on the build machines). It implements only
// what main and the preload use, behaves like Electron where tests rely on
// it (events, preventDefault, a second ipcMain.handle throws, a bad
// accelerator throws, an image from a missing file is empty) and records
// every call so tests assert on what the app asked for.
import { EventEmitter } from 'node:events'
import { existsSync, mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import type { CustomScheme, IpcMainInvokeEvent, RenderProcessGoneDetails } from 'electron'

/** Electron's Event: a plain object with preventDefault. */
export type FakeEvent = { defaultPrevented: boolean; preventDefault(): void }

export function fakeEvent<T extends object>(extra?: T): FakeEvent & T {
  const event = {
    defaultPrevented: false,
    preventDefault() {
      event.defaultPrevented = true
    },
    ...extra,
  }
  return event as FakeEvent & T
}

// ---------- app ----------

class FakeApp extends EventEmitter {
  isPackaged = false
  hasSingleInstanceLock = true
  quitCount = 0
  isSandboxEnabled = false
  appUserModelId: string | null = null
  appPath = process.cwd()
  version = '0.1.0'
  /** The system's login item for the app, as setLoginItemSettings left it. */
  loginItem: { openAtLogin: boolean; args: string[] } = { openAtLogin: false, args: [] }
  /** macOS: whether this start was a login item's; what a system that asks for approval answers. */
  wasOpenedAtLogin = false
  loginItemStatus: 'not-registered' | 'enabled' | 'requires-approval' | 'not-found' = 'not-registered'
  readonly loginItemCalls: Array<{ openAtLogin?: boolean; args?: string[] }> = []
  private userData = ''
  private ready = false

  requestSingleInstanceLock(): boolean {
    return this.hasSingleInstanceLock
  }
  /** Like Electron: ready comes a tick after start-up, 'ready' is emitted once. */
  whenReady(): Promise<void> {
    return Promise.resolve().then(() => {
      if (this.ready) return
      this.ready = true
      this.emit('ready', fakeEvent(), {})
    })
  }
  isReady(): boolean {
    return this.ready
  }
  /** For resetElectron: the next launch starts before ready again. */
  forgetReady(): void {
    this.ready = false
  }
  getAppPath(): string {
    return this.appPath
  }
  getPath(name: string): string {
    if (!this.userData) this.userData = mkdtempSync(join(tmpdir(), 'lull-fake-electron-'))
    return name === 'userData' ? this.userData : join(this.userData, name)
  }
  enableSandbox(): void {
    this.isSandboxEnabled = true
  }
  getVersion(): string {
    return this.version
  }
  setLoginItemSettings(settings: { openAtLogin?: boolean; args?: string[] }): void {
    this.loginItemCalls.push({ ...settings })
    this.loginItem = { openAtLogin: settings.openAtLogin === true, args: [...(settings.args ?? [])] }
  }
  /** Like Electron on Windows: an entry counts only when asked with the same arguments it was set with. */
  getLoginItemSettings(options: { args?: string[] } = {}) {
    const isSame = JSON.stringify(options.args ?? []) === JSON.stringify(this.loginItem.args)
    const openAtLogin = this.loginItem.openAtLogin && isSame
    return {
      openAtLogin,
      executableWillLaunchAtLogin: openAtLogin,
      wasOpenedAtLogin: this.wasOpenedAtLogin,
      status: openAtLogin && this.loginItemStatus === 'not-registered' ? 'enabled' : this.loginItemStatus,
      launchItems: [],
    }
  }
  setAppUserModelId(id: string): void {
    this.appUserModelId = id
  }
  /** Like Electron: before-quit, then every window is asked to close, then will-quit unless a close was prevented. */
  quit(): void {
    this.quitCount++
    const beforeQuit = fakeEvent()
    this.emit('before-quit', beforeQuit)
    if (beforeQuit.defaultPrevented) return
    for (const window of BrowserWindow.getAllWindows()) window.close()
    if (BrowserWindow.getAllWindows().length > 0) return
    this.emit('will-quit', fakeEvent())
    this.emit('quit', fakeEvent(), 0)
  }
  /** A second launch of the app, as the first instance hears it. */
  launchSecondInstance(argv: string[] = []): void {
    this.emit('second-instance', fakeEvent(), argv, process.cwd(), {})
  }
}

// ---------- web contents and windows ----------

export type FakeFrame = { url: string; parent: FakeFrame | null }
type WindowOpenDetails = { url: string; frameName: string; features: string; disposition: string }
type WindowOpenHandler = (details: WindowOpenDetails) => { action: 'allow' | 'deny' }

let nextWebContentsId = 1

class FakeWebContents extends EventEmitter {
  readonly id = nextWebContentsId++
  readonly mainFrame: FakeFrame = { url: '', parent: null }
  readonly sent: Array<{ channel: string; args: unknown[] }> = []
  windowOpenHandler: WindowOpenHandler | null = null
  devToolsOpenCount = 0
  /** Whether the renderer process is alive: a crash or a kill ends it, a load starts a new one. */
  isRendererAlive = true
  private destroyed = false
  private devToolsOpen = false

  setWindowOpenHandler(handler: WindowOpenHandler): void {
    this.windowOpenHandler = handler
  }
  send(channel: string, ...args: unknown[]): void {
    if (this.destroyed) throw new Error('Object has been destroyed')
    this.sent.push({ channel, args })
  }
  isDestroyed(): boolean {
    return this.destroyed
  }
  destroy(): void {
    if (this.destroyed) return
    this.destroyed = true
    this.emit('destroyed')
  }
  /** The page calls window.open(url): answers the handler's decision (Electron allows when no handler is set). */
  openWindow(url: string): 'allow' | 'deny' {
    const details = { url, frameName: '', features: '', disposition: 'new-window' }
    return this.windowOpenHandler ? this.windowOpenHandler(details).action : 'allow'
  }
  /** The main frame tries to navigate; answers whether a listener prevented it. */
  navigate(url: string): boolean {
    const event = fakeEvent({ url, isMainFrame: true, isSameDocument: false, frame: this.mainFrame })
    this.emit('will-navigate', event, url)
    if (!event.defaultPrevented) this.mainFrame.url = url
    return event.defaultPrevented
  }
  redirect(url: string): boolean {
    const event = fakeEvent({ url, isMainFrame: true, isSameDocument: false, frame: this.mainFrame })
    this.emit('will-redirect', event, url)
    return event.defaultPrevented
  }
  openDevTools(): void {
    this.devToolsOpenCount++
    this.devToolsOpen = true
    this.emit('devtools-opened')
  }
  closeDevTools(): void {
    if (!this.devToolsOpen) return
    this.devToolsOpen = false
    this.emit('devtools-closed')
  }
  isDevToolsOpened(): boolean {
    return this.devToolsOpen
  }
  /** The renderer process dies (a crash, the OOM killer, a GPU reset); Electron emits render-process-gone. */
  crash(reason: RenderProcessGoneDetails['reason'] = 'crashed', exitCode = 139): void {
    this.isRendererAlive = false
    const details: RenderProcessGoneDetails = { reason, exitCode }
    this.emit('render-process-gone', fakeEvent(), details)
  }
  /** The page stops answering (a busy loop); Electron emits unresponsive. */
  hang(): void {
    this.emit('unresponsive')
  }
  /** A hung page answers again. */
  answerAgain(): void {
    this.emit('responsive')
  }
  /** Like Electron: kills the renderer, which then reports itself gone with reason 'killed'. */
  forcefullyCrashRenderer(): void {
    this.crash('killed', 0)
  }
  /** The page holds a <webview>; answers whether attaching it was prevented. */
  attachWebview(): boolean {
    const event = fakeEvent()
    this.emit('will-attach-webview', event, {}, {})
    return event.defaultPrevented
  }
}

export class BrowserWindow extends EventEmitter {
  static instances: BrowserWindow[] = []
  static getAllWindows(): BrowserWindow[] {
    return BrowserWindow.instances.filter((window) => !window.isDestroyed())
  }

  readonly webContents = new FakeWebContents()
  loadedFile: string | null = null
  loadedUrl: string | null = null
  /** Every URL loadURL was asked for, in order. */
  readonly loadedUrls: string[] = []
  /** How many of the next loads fail, the way a load does when the page cannot be fetched. */
  failingLoads = 0
  showCount = 0
  focusCount = 0
  private visible = false
  private minimized = false
  private destroyed = false

  constructor(readonly options: Record<string, unknown> & { webPreferences?: Record<string, unknown> } = {}) {
    super()
    BrowserWindow.instances.push(this)
    // Like Electron: every new web contents is announced app-wide as it is created.
    app.emit('web-contents-created', fakeEvent(), this.webContents)
  }
  loadFile(path: string): Promise<void> {
    this.loadedFile = path
    this.webContents.mainFrame.url = pathToFileURL(path).href
    return Promise.resolve()
  }
  /** Like Electron: resolves when the page finished loading, rejects when the load failed. */
  loadURL(url: string): Promise<void> {
    this.loadedUrl = url
    this.loadedUrls.push(url)
    if (this.failingLoads > 0) {
      this.failingLoads--
      return Promise.reject(new Error(`ERR_FAILED (-2) loading '${url}'`))
    }
    this.webContents.isRendererAlive = true
    this.webContents.mainFrame.url = url
    return Promise.resolve()
  }
  show(): void {
    this.showCount++
    this.visible = true
    this.minimized = false
  }
  hide(): void {
    this.visible = false
  }
  focus(): void {
    this.focusCount++
  }
  minimize(): void {
    this.minimized = true
  }
  restore(): void {
    this.minimized = false
  }
  isVisible(): boolean {
    return this.visible
  }
  isMinimized(): boolean {
    return this.minimized
  }
  isDestroyed(): boolean {
    return this.destroyed
  }
  /** Like Electron: 'close' can be prevented; otherwise the window is destroyed and 'closed' follows. */
  close(): void {
    if (this.destroyed) return
    const event = fakeEvent()
    this.emit('close', event)
    if (!event.defaultPrevented) this.destroy()
  }
  destroy(): void {
    if (this.destroyed) return
    this.destroyed = true
    this.visible = false
    this.webContents.destroy()
    this.emit('closed')
  }
}

// ---------- IPC ----------

type InvokeHandler = (event: IpcMainInvokeEvent, ...args: unknown[]) => unknown

class FakeIpcMain extends EventEmitter {
  readonly handlers = new Map<string, InvokeHandler>()
  handle(channel: string, handler: InvokeHandler): void {
    if (this.handlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`)
    this.handlers.set(channel, handler)
  }
  removeHandler(channel: string): void {
    this.handlers.delete(channel)
  }
  /** What ipcRenderer.invoke would get back: Electron rejects when no handler is registered. */
  async invoke(
    channel: string,
    sender: { sender: unknown; senderFrame: FakeFrame | null },
    ...args: unknown[]
  ) {
    const handler = this.handlers.get(channel)
    if (!handler) throw new Error(`No handler registered for '${channel}'`)
    // Only the fields main reads; the rest of Electron's event does not exist here.
    const event = { ...fakeEvent(), processId: 1, frameId: 1, ...sender } as unknown as IpcMainInvokeEvent
    return handler(event, ...args)
  }
}

type RendererListener = (event: unknown, ...args: unknown[]) => void

class FakeIpcRenderer extends EventEmitter {
  readonly invoked: Array<{ channel: string; args: unknown[] }> = []
  answer: (channel: string, ...args: unknown[]) => unknown = () => ({ ok: true, value: {} })
  invoke(channel: string, ...args: unknown[]): Promise<unknown> {
    this.invoked.push({ channel, args })
    return Promise.resolve(this.answer(channel, ...args))
  }
  /** Main sends an event to the page: listeners get Electron's IpcRendererEvent first. */
  deliver(channel: string, ...args: unknown[]): void {
    this.emit(channel, { sender: this, ports: [], senderFrame: null }, ...args)
  }
  override on(channel: string, listener: RendererListener): this {
    return super.on(channel, listener)
  }
}

class FakeContextBridge {
  readonly exposed = new Map<string, unknown>()
  exposeInMainWorld(key: string, api: unknown): void {
    if (this.exposed.has(key))
      throw new Error(`Cannot bind an API on top of an existing property on the window object: ${key}`)
    this.exposed.set(key, api)
  }
}

// ---------- tray, menus, images ----------

export type FakeMenuItem = {
  label?: string
  type?: string
  enabled?: boolean
  checked?: boolean
  click?: (...args: unknown[]) => void
}

export class FakeMenu {
  constructor(readonly items: FakeMenuItem[]) {}
  /** Click an item by its label, the way a user would; throws when it is missing or disabled. */
  click(label: string): void {
    const item = this.items.find((candidate) => candidate.label === label)
    if (!item) throw new Error(`No menu item labelled ${label}`)
    if (item.enabled === false) throw new Error(`Menu item ${label} is disabled`)
    item.click?.(item, undefined, {})
  }
}

export const Menu = {
  buildFromTemplate(template: FakeMenuItem[]): FakeMenu {
    return new FakeMenu(template.map((item) => ({ ...item })))
  },
}

export class FakeNativeImage {
  private template = false
  constructor(readonly path: string) {}
  /** Like Electron: a missing file gives an empty image, not an error. */
  isEmpty(): boolean {
    return !existsSync(this.path)
  }
  /** Scale factors Electron would load: the file itself, and its @2x sibling when present. */
  getScaleFactors(): number[] {
    if (this.isEmpty()) return []
    return existsSync(this.path.replace(/\.png$/, '@2x.png')) ? [1, 2] : [1]
  }
  setTemplateImage(option: boolean): void {
    this.template = option
  }
  isTemplateImage(): boolean {
    return this.template
  }
}

export const nativeImage = {
  createFromPath: (path: string) => new FakeNativeImage(path),
  createEmpty: () => new FakeNativeImage(''),
}

export class Tray extends EventEmitter {
  static instances: Tray[] = []
  image: FakeNativeImage
  tooltip = ''
  title = ''
  menu: FakeMenu | null = null
  menuSetCount = 0
  isDestroyedFlag = false
  constructor(image: FakeNativeImage) {
    super()
    this.image = image
    Tray.instances.push(this)
  }
  setImage(image: FakeNativeImage): void {
    this.image = image
  }
  setToolTip(tooltip: string): void {
    this.tooltip = tooltip
  }
  setTitle(title: string): void {
    this.title = title
  }
  setContextMenu(menu: FakeMenu | null): void {
    this.menu = menu
    this.menuSetCount++
  }
  destroy(): void {
    this.isDestroyedFlag = true
  }
  isDestroyed(): boolean {
    return this.isDestroyedFlag
  }
}

// ---------- notifications ----------

export class Notification extends EventEmitter {
  static instances: Notification[] = []
  static supported = true
  static isSupported(): boolean {
    return Notification.supported
  }
  isShown = false
  constructor(readonly options: { title?: string; body?: string; silent?: boolean; urgency?: string } = {}) {
    super()
    Notification.instances.push(this)
  }
  show(): void {
    this.isShown = true
  }
  close(): void {
    this.emit('close', fakeEvent())
  }
  /** The user clicks the notification. */
  click(): void {
    this.emit('click', fakeEvent())
  }
}

// ---------- power, shortcuts, shell, safeStorage, session ----------

export const powerMonitor = new EventEmitter()

const modifiers = new Set([
  'command',
  'cmd',
  'control',
  'ctrl',
  'commandorcontrol',
  'cmdorctrl',
  'alt',
  'option',
  'altgr',
  'shift',
  'super',
  'meta',
])
const namedKeys = new Set([
  'space',
  'tab',
  'enter',
  'return',
  'escape',
  'esc',
  'backspace',
  'delete',
  'up',
  'down',
  'left',
  'right',
  'home',
  'end',
  'pageup',
  'pagedown',
  'insert',
  'plus',
])

/** Enough of Electron's accelerator grammar to tell a key combination from nonsense. */
function isAccelerator(accelerator: string): boolean {
  const parts = accelerator.split('+')
  const key = parts.pop()?.toLowerCase() ?? ''
  const isKey = /^[a-z0-9]$/.test(key) || /^f([1-9]|1\d|2[0-4])$/.test(key) || namedKeys.has(key)
  return isKey && parts.every((part) => modifiers.has(part.toLowerCase()))
}

class FakeGlobalShortcut {
  readonly registered = new Map<string, () => void>()
  /** Accelerators another app already holds: register answers false for them. */
  readonly takenElsewhere = new Set<string>()
  register(accelerator: string, callback: () => void): boolean {
    if (!isAccelerator(accelerator)) {
      throw new TypeError(`Error processing argument at index 0, conversion failure from ${accelerator}`)
    }
    if (this.takenElsewhere.has(accelerator) || this.registered.has(accelerator)) return false
    this.registered.set(accelerator, callback)
    return true
  }
  unregister(accelerator: string): void {
    this.registered.delete(accelerator)
  }
  unregisterAll(): void {
    this.registered.clear()
  }
  isRegistered(accelerator: string): boolean {
    return this.registered.has(accelerator)
  }
  /** The user presses the combination. */
  press(accelerator: string): void {
    this.registered.get(accelerator)?.()
  }
}

export const shell = {
  opened: [] as string[],
  openExternal(url: string): Promise<void> {
    shell.opened.push(url)
    return Promise.resolve()
  },
}

/** What Lull's stand-in puts before sealed bytes, the way Chromium prefixes its own ("v10", "v11"). */
const sealedPrefix = Buffer.from('v11')

/** Only the asynchronous calls: the synchronous ones are deprecated, and Lull must not use them. */
export const safeStorage = {
  isAvailable: true,
  backend: 'gnome_libsecret' as string,
  /** The key was rotated: decrypting still works but asks for the data to be sealed again. */
  isKeyRotated: false,
  isAsyncEncryptionAvailable(): Promise<boolean> {
    return Promise.resolve(safeStorage.isAvailable)
  },
  getSelectedStorageBackend(): string {
    return safeStorage.backend
  },
  async encryptStringAsync(plain: string): Promise<Buffer> {
    if (!safeStorage.isAvailable) throw new Error('Encryption is not available.')
    // Not cryptography: a reversible transform that keeps the plain text out of the bytes.
    return Buffer.concat([sealedPrefix, Buffer.from(Buffer.from(plain, 'utf8').map((byte) => byte ^ 0x5a))])
  },
  async decryptStringAsync(sealed: Buffer): Promise<{ result: string; shouldReEncrypt: boolean }> {
    if (!safeStorage.isAvailable) throw new Error('Decryption is not available.')
    if (!sealed.subarray(0, sealedPrefix.length).equals(sealedPrefix)) {
      throw new Error('Error while decrypting the ciphertext provided to safeStorage.decryptString.')
    }
    const body = sealed.subarray(sealedPrefix.length)
    return {
      result: Buffer.from(body.map((byte) => byte ^ 0x5a)).toString('utf8'),
      shouldReEncrypt: safeStorage.isKeyRotated,
    }
  },
}

type HeadersDetails = { url: string; resourceType: string; responseHeaders?: Record<string, string[]> }
type HeadersResponse = { cancel?: boolean; responseHeaders?: Record<string, string | string[]> }
type HeadersListener = (details: HeadersDetails, callback: (response: HeadersResponse) => void) => void
type PermissionHandler = (
  contents: unknown,
  permission: string,
  callback: (isGranted: boolean) => void,
  details: { requestingUrl: string; isMainFrame: boolean },
) => void
type PermissionCheckHandler = (contents: unknown, permission: string, requestingOrigin: string) => boolean

class FakeSession {
  headersListener: HeadersListener | null = null
  permissionHandler: PermissionHandler | null = null
  permissionCheckHandler: PermissionCheckHandler | null = null
  readonly webRequest = {
    onHeadersReceived: (...args: unknown[]) => {
      this.headersListener = (typeof args[1] === 'function' ? args[1] : args[0]) as HeadersListener | null
    },
  }
  setPermissionRequestHandler(handler: PermissionHandler | null): void {
    this.permissionHandler = handler
  }
  setPermissionCheckHandler(handler: PermissionCheckHandler | null): void {
    this.permissionCheckHandler = handler
  }
  /** A page asks whether it has a permission (navigator.permissions.query and the like); Electron allows without a handler. */
  checkPermission(permission: string, requestingOrigin = 'lull://app'): boolean {
    if (!this.permissionCheckHandler) return true
    return this.permissionCheckHandler(null, permission, requestingOrigin)
  }
  /** A response arrives; answers the headers the page would see. */
  receive(url: string, responseHeaders: Record<string, string[]> = {}, resourceType = 'mainFrame') {
    const listener = this.headersListener
    if (!listener) return responseHeaders
    let answer: HeadersResponse | null = null
    listener({ url, resourceType, responseHeaders }, (response) => {
      answer = response
    })
    if (answer === null) throw new Error('onHeadersReceived listener did not call back')
    const { cancel, responseHeaders: replaced } = answer as HeadersResponse
    if (cancel) throw new Error(`request to ${url} was cancelled`)
    return replaced ?? responseHeaders
  }
  /** A page asks for a browser permission; answers whether it was granted (Electron grants without a handler). */
  requestPermission(permission: string, requestingUrl = 'lull://app/index.html'): boolean {
    if (!this.permissionHandler) return true
    let isGranted: boolean | null = null
    const details = { requestingUrl, isMainFrame: true }
    this.permissionHandler(
      {},
      permission,
      (granted) => {
        isGranted = granted
      },
      details,
    )
    if (isGranted === null) throw new Error('permission handler did not call back')
    return isGranted
  }
}

// ---------- protocol ----------

type ProtocolHandler = (request: Request) => Response | Promise<Response>

class FakeProtocol {
  readonly privileged: CustomScheme[] = []
  readonly handlers = new Map<string, ProtocolHandler>()
  /** Like Electron: only before the app is ready, and only once. */
  registerSchemesAsPrivileged(schemes: CustomScheme[]): void {
    if (app.isReady())
      throw new Error('protocol.registerSchemesAsPrivileged should be called before app is ready')
    if (this.privileged.length > 0)
      throw new Error('protocol.registerSchemesAsPrivileged can be called only once')
    this.privileged.push(...schemes)
  }
  /** Like Electron: only once the app is ready, one handler per scheme. */
  handle(scheme: string, handler: ProtocolHandler): void {
    if (!app.isReady()) throw new Error('protocol.handle can only be used after the app is ready')
    if (this.handlers.has(scheme)) throw new Error(`Failed to register protocol: ${scheme}`)
    this.handlers.set(scheme, handler)
  }
  unhandle(scheme: string): void {
    this.handlers.delete(scheme)
  }
  isProtocolHandled(scheme: string): boolean {
    return this.handlers.has(scheme)
  }
  /** The page requests a URL on a handled scheme; answers what the handler sent. */
  async request(url: string, init?: RequestInit): Promise<Response> {
    const scheme = url.slice(0, url.indexOf(':'))
    const handler = this.handlers.get(scheme)
    if (!handler) throw new Error(`net::ERR_UNKNOWN_URL_SCHEME loading ${url}`)
    return handler(new Request(url, init))
  }
}

// ---------- net ----------

type NetAnswer = (request: Request) => Response | Promise<Response>

class FakeNet {
  /** Every request net.fetch was asked for, as Electron builds it from (input, init). */
  readonly requests: Request[] = []
  /** What the network answers; a test sets it (throw in it for a network error). */
  answer: NetAnswer = () => new Response(null, { status: 200 })
  /** Like Electron: net works only once the app is ready (before, session.defaultSession throws). */
  fetch(input: string | Request, init?: RequestInit & { bypassCustomProtocolHandlers?: boolean }) {
    if (!app.isReady()) throw new Error('Session can only be received when app is ready')
    const request = new Request(input, init)
    this.requests.push(request)
    return Promise.resolve().then(() => this.answer(request))
  }
}

export const net = new FakeNet()

export const session = { defaultSession: new FakeSession() }
export const protocol = new FakeProtocol()

export const app = new FakeApp()
export const ipcMain = new FakeIpcMain()
export const ipcRenderer = new FakeIpcRenderer()
export const contextBridge = new FakeContextBridge()
export const globalShortcut = new FakeGlobalShortcut()

/** A fresh Electron for the next test: forget windows, handlers, images and recordings. */
export function resetElectron(): void {
  app.removeAllListeners()
  Object.assign(app, {
    isPackaged: false,
    hasSingleInstanceLock: true,
    quitCount: 0,
    isSandboxEnabled: false,
  })
  app.appUserModelId = null
  app.appPath = process.cwd()
  app.loginItem = { openAtLogin: false, args: [] }
  app.wasOpenedAtLogin = false
  app.loginItemStatus = 'not-registered'
  app.loginItemCalls.length = 0
  app.forgetReady()
  BrowserWindow.instances.length = 0
  ipcMain.handlers.clear()
  ipcMain.removeAllListeners()
  ipcRenderer.removeAllListeners()
  ipcRenderer.invoked.length = 0
  ipcRenderer.answer = () => ({ ok: true, value: {} })
  contextBridge.exposed.clear()
  Tray.instances.length = 0
  Notification.instances.length = 0
  Notification.supported = true
  powerMonitor.removeAllListeners()
  globalShortcut.registered.clear()
  globalShortcut.takenElsewhere.clear()
  shell.opened.length = 0
  safeStorage.isAvailable = true
  safeStorage.backend = 'gnome_libsecret'
  safeStorage.isKeyRotated = false
  session.defaultSession.headersListener = null
  session.defaultSession.permissionHandler = null
  session.defaultSession.permissionCheckHandler = null
  protocol.privileged.length = 0
  protocol.handlers.clear()
  net.requests.length = 0
  net.answer = () => new Response(null, { status: 200 })
}

export default {
  app,
  BrowserWindow,
  contextBridge,
  globalShortcut,
  ipcMain,
  ipcRenderer,
  Menu,
  nativeImage,
  net,
  Notification,
  powerMonitor,
  protocol,
  safeStorage,
  session,
  shell,
  Tray,
}
