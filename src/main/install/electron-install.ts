// Wires open at sign-in and updates for the installed app: the login item
// for this platform, the settings file, and electron-updater when the
// package carries a release feed. A development run gets the unavailable
// port instead: it is not installed, and electron-updater is never loaded.
import { existsSync } from 'node:fs'
import { homedir } from 'node:os'
import { join } from 'node:path'
import type { App } from 'electron'
import type { Log } from '../log'
import type { NotificationRequest } from '../os/ports'
import type { SetTimer } from '../sources/watches'
import type { ActivityWatch } from '../updates/activity'
import { createUpdates, type UpdaterPort } from '../updates/service'
import { createSystemLoginItem, createXdgAutostart, type LoginItem, xdgConfigHome } from './login-item'
import { createInstall, type InstallPort, unavailableInstall } from './service'
import { createFileInstallSettings } from './settings'

export type ElectronInstallDeps = {
  app: Pick<App, 'isPackaged' | 'getVersion' | 'getPath' | 'setLoginItemSettings' | 'getLoginItemSettings'>
  platform: string
  env: NodeJS.ProcessEnv
  /** Electron's resources folder, where electron-builder writes app-update.yml when the build has a feed. */
  resourcesPath: string
  executablePath: string
  activity: ActivityWatch
  notify(request: NotificationRequest): void
  changed(): void
  log: Log
  now: () => number
  setTimer: SetTimer
  /** electron-updater's autoUpdater, loaded only when there is a feed to ask. */
  loadUpdater(): Promise<UpdaterPort>
  home?: string
}

export type ElectronInstall = { port: InstallPort; dispose(): void }

export function loginItemFor(
  deps: Pick<ElectronInstallDeps, 'app' | 'platform' | 'env' | 'executablePath' | 'home'>,
): LoginItem {
  if (deps.platform === 'darwin' || deps.platform === 'win32')
    return createSystemLoginItem(deps.app, deps.platform)
  return createXdgAutostart({
    configHome: xdgConfigHome(deps.env, deps.home ?? homedir()),
    // An AppImage runs from a new mount point each time: start the AppImage file itself.
    executable: deps.env.APPIMAGE ?? deps.executablePath,
  })
}

export async function createElectronInstall(deps: ElectronInstallDeps): Promise<ElectronInstall> {
  const version = deps.app.getVersion()
  if (!deps.app.isPackaged) {
    const reason = 'Open at sign-in and updates come with the installed app; a development run has neither.'
    return { port: unavailableInstall(reason, version), dispose: () => {} }
  }
  const settings = createFileInstallSettings(
    join(deps.app.getPath('userData'), 'install-settings.json'),
    deps.log,
  )
  // Delegates to the entry for the current executable, which an AppImage update renames.
  let current = loginItemFor(deps)
  const loginItem: LoginItem = {
    get how() {
      return current.how
    },
    isOn: () => current.isOn(),
    set: (isOn) => current.set(isOn),
  }
  const hasFeed = existsSync(join(deps.resourcesPath, 'app-update.yml'))
  if (!hasFeed)
    deps.log.info('updates', 'this build has no release feed (app-update.yml); it does not update itself')
  const updater = hasFeed ? await deps.loadUpdater() : null
  const updates = createUpdates({
    updater,
    currentVersion: version,
    settings,
    activity: deps.activity,
    notify: deps.notify,
    changed: deps.changed,
    now: deps.now,
    setTimer: deps.setTimer,
    log: deps.log,
    // The updated AppImage has a new name: an autostart entry naming the old one would start nothing.
    onExecutableMoved: (path) => {
      current = loginItemFor({ ...deps, env: { ...deps.env, APPIMAGE: path } })
      void settings.read().then(async (saved) => {
        if (saved.openAtLogin === 'on') await loginItem.set(true)
      })
    },
  })
  return { port: createInstall({ loginItem, updates, settings, log: deps.log }), dispose: updates.dispose }
}
