// The app's lifecycle, and only that: one instance, the pieces wired
// together once the app is ready, a tray that outlives its window, and a
// quit that really quits. Every piece it wires holds its own logic.
import { join } from 'node:path'
import { app, type BrowserWindow, ipcMain, protocol } from 'electron'
import { calls, events } from '../shared/contract'
import { appSchemePrivileges, serveAppFiles } from './app-protocol'
import { createDispatch } from './dispatch'
import { createEventHub } from './events'
import { createHost } from './host'
import { createElectronInstall } from './install/electron-install'
import { wasStartedAtLogin } from './install/login-item'
import { bindIpc, connectWindowEvents } from './ipc'
import { keepRunningThroughFaults } from './last-resort'
import { createLog } from './log'
import { createLinkOpener } from './os/links'
import { electronFetch } from './os/net-fetch'
import { createNotifier } from './os/notifications'
import { watchPower } from './os/power'
import { createSafeStorageCipher } from './os/safe-storage'
import { createShortcuts } from './os/shortcuts'
import { createTray } from './os/tray'
import { appPaths, rendererLocation } from './paths'
import { createSourceFactories } from './sources/registry'
import { createWatchManager, systemTimer } from './sources/watches'
import { createFileStoreMarker } from './store-marker'
import { createActivityWatch } from './updates/activity'
import type { UpdaterPort } from './updates/service'
import { createFileVault } from './vault'
import { createMainWindow, createSenderCheck, loadAppPage, revealWindow, secureApp } from './window'
import { type WindowRecovery, watchWindowRecovery } from './window-recovery'

const log = createLog()
let isQuitting = false
let mainWindow: BrowserWindow | null = null
const showWindow = () => revealWindow(mainWindow)

async function start(): Promise<void> {
  const platform = process.platform
  const paths = appPaths(app.getAppPath(), platform)
  const location = rendererLocation(paths, {
    isPackaged: app.isPackaged,
    devServerUrl: process.env.ELECTRON_RENDERER_URL,
  })
  // Windows shows notifications only for an app with a user model id.
  if (platform === 'win32') app.setAppUserModelId('app.lull')

  const vault = createFileVault(
    join(app.getPath('userData'), 'vault'),
    await createSafeStorageCipher(platform),
  )
  log.info('vault', `secrets are kept with ${vault.backend}`)
  if (!vault.isEncrypted) {
    log.warn(
      'vault',
      `${vault.backend} does not encrypt secrets on this system; sign-ins on disk are readable`,
    )
  }

  const hub = createEventHub(log)
  const links = createLinkOpener(log)
  serveAppFiles(protocol, paths.rendererRoot, log)
  secureApp({ location, links, log })
  const shortcuts = createShortcuts({ emit: hub.emit, log })
  const tray = createTray({
    icons: paths.trayIcons,
    isTemplate: paths.isTrayTemplate,
    platform,
    emit: hub.emit,
    showWindow,
    quit: () => app.quit(),
  })
  const notifier = createNotifier({ emit: hub.emit, showWindow, log, icon: paths.appIcon })
  // What the update policy sees: deep work from every tray state, source calls in flight.
  const activity = createActivityWatch(Date.now)
  const watchedTray = {
    setState: (state: Parameters<typeof tray.setState>[0]) => {
      tray.setState(state)
      activity.noteTray(state)
    },
  }
  let announceInstall = () => {}
  const install = await createElectronInstall({
    app,
    platform,
    env: process.env,
    resourcesPath: process.resourcesPath,
    executablePath: process.execPath,
    activity,
    notify: (request) => notifier.show(request),
    changed: () => announceInstall(),
    log,
    now: Date.now,
    setTimer: systemTimer,
    loadUpdater,
  })
  const watches = createWatchManager({
    emit: hub.emit,
    log,
    now: Date.now,
    setTimer: systemTimer,
    random: Math.random,
  })
  // Back from sleep or a locked screen, every push watch is reopened and caught up at once.
  hub.connect((name, payload) => {
    const power = name === 'power:changed' ? events['power:changed'].safeParse(payload) : null
    if (power?.success && power.data.event !== 'suspend') watches.reconnectAll(`power ${power.data.event}`)
  })
  // Set once the window exists; app:info asks only after the page has loaded.
  let recovery: WindowRecovery | null = null
  const host = createHost({
    mode: 'electron',
    platform,
    vault,
    sources: createSourceFactories(log),
    os: { notifier, tray: watchedTray, links, shortcuts },
    log,
    storeMarker: createFileStoreMarker(join(app.getPath('userData'), 'store-marker.json')),
    baseFetch: electronFetch,
    watches,
    lastRecovery: () => recovery?.lastRecovery() ?? null,
    install: install.port,
    appVersion: app.getVersion(),
  })
  announceInstall = () => {
    void install.port.state().then((state) => hub.emit('install:changed', state))
  }
  bindIpc({
    ipcMain,
    dispatch: activity.track(createDispatch(host, calls, log)),
    isTrustedSender: createSenderCheck(() => mainWindow, location),
    log,
  })

  const isHidden = wasStartedAtLogin(process.argv, platform, app)
  if (isHidden) log.info('app', 'started at sign-in: Lull runs in the tray until you open it')
  const window = createMainWindow({ paths, location, links, log, isQuitting: () => isQuitting, isHidden })
  mainWindow = window
  connectWindowEvents(hub, window.webContents)
  const watcher = watchWindowRecovery({
    contents: window.webContents,
    reload: () => loadAppPage(window, location),
    log,
    isQuitting: () => isQuitting,
  })
  recovery = watcher
  window.on('closed', () => {
    watcher.dispose()
    mainWindow = null
  })
  watchPower(hub.emit)
  app.on('will-quit', () => {
    install.dispose()
    watches.closeAll()
    shortcuts.dispose()
    tray.destroy()
  })
}

/**
 * electron-updater's updater for this platform, loaded only in a packaged
 * app with a release feed: it reads Electron's app object as it loads.
 */
async function loadUpdater(): Promise<UpdaterPort> {
  const loaded = await import('electron-updater')
  // A CommonJS package: its exports arrive as the default export, or named, depending on the loader.
  const updater = (loaded.default ?? loaded).autoUpdater
  updater.logger = {
    info: (message: unknown) => log.info('updates', String(message)),
    warn: (message: unknown) => log.warn('updates', String(message)),
    error: (message: unknown) => log.error('updates', String(message)),
  }
  return updater
}

if (app.requestSingleInstanceLock()) {
  // A library's stray rejection (a socket envelope it could not read) is logged; the tray app stays up.
  keepRunningThroughFaults(process, log, 'app', 'Lull keeps running')
  // Every renderer sandboxed, whatever a window's own settings say.
  app.enableSandbox()
  // Before ready, or the scheme gets no origin of its own (and no IndexedDB).
  protocol.registerSchemesAsPrivileged([appSchemePrivileges])
  app.on('second-instance', showWindow)
  // macOS: a click on the dock icon brings the window back.
  app.on('activate', showWindow)
  app.on('before-quit', () => {
    isQuitting = true
  })
  // A tray app keeps running with no window; listening here stops Electron quitting.
  app.on('window-all-closed', () => {})
  app
    .whenReady()
    .then(start)
    .catch((error: unknown) => {
      log.error(
        'app',
        `Lull could not start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
      )
      app.quit()
    })
} else {
  log.info('app', 'Lull is already running; the open instance takes over.')
  app.quit()
}
