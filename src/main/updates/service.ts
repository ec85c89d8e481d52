// Updates from the project's GitHub Releases, with electron-updater: a check
// at most once a day, the download in the background, then the person asked
// to restart, only outside deep work and with nothing in flight
// (updates/policy.ts decides; this acts). A refused or failed update is
// said in Settings. Nothing here runs in a development run or browser mode.
import type { InstallState } from '../../shared/contract'
import type { InstallSettingsStore } from '../install/settings'
import type { Log } from '../log'
import type { NotificationRequest } from '../os/ports'
import type { SetTimer } from '../sources/watches'
import type { ActivityWatch } from './activity'
import { describeUpdateError, isCheckDue, mayAskToRestart, mayRestartNow } from './policy'

/** How often main looks at the clock and the activity between events: checks are still daily. */
export const tickMs = 60_000

type Info = { version: string }

/** The part of electron-updater's AppUpdater Lull uses. */
export interface UpdaterPort {
  autoDownload: boolean
  autoInstallOnAppQuit: boolean
  readonly currentVersion: { version: string }
  channel: string | null
  checkForUpdates(): Promise<unknown>
  quitAndInstall(isSilent?: boolean, isForceRunAfter?: boolean): void
  on(event: 'error', listener: (error: Error, message?: string) => void): unknown
  on(event: 'update-available' | 'update-not-available', listener: (info: Info) => void): unknown
  on(event: 'update-downloaded', listener: (info: Info) => void): unknown
  on(event: 'download-progress', listener: (progress: { percent: number }) => void): unknown
  on(event: 'appimage-filename-updated', listener: (path: string) => void): unknown
}

export type UpdateState = InstallState['update']

export type UpdatesDeps = {
  /** null: this build has no release feed (made without one), so it cannot update itself. */
  updater: UpdaterPort | null
  currentVersion: string
  settings: InstallSettingsStore
  activity: ActivityWatch
  notify(request: NotificationRequest): void
  /** Tell the window the state changed. */
  changed(): void
  now: () => number
  setTimer: SetTimer
  log: Log
  /** The AppImage file was replaced by the update: whatever names the old file (autostart) must follow. */
  onExecutableMoved?(path: string): void
}

export type Updates = {
  state(): Promise<UpdateState>
  setEnabled(isEnabled: boolean): Promise<void>
  checkNow(): Promise<void>
  /** The person asks to restart into the update: done as soon as nothing is in flight. */
  requestRestart(): Promise<void>
  dispose(): void
}

export function createUpdates(deps: UpdatesDeps): Updates {
  const { updater, settings, activity, log } = deps
  let status: UpdateState['status'] = 'idle'
  let version: string | null = null
  let message: string | null = null
  let percent: number | null = null
  /** The version the person was already asked about, so they are asked once. */
  let askedFor: string | null = null
  let isRestartRequested = false
  let cancelTick: () => void = () => {}
  let isDisposed = false

  function setStatus(next: UpdateState['status'], note: string | null = null) {
    status = next
    message = note
    deps.changed()
  }

  async function state(): Promise<UpdateState> {
    const saved = await settings.read()
    const downloading =
      status === 'downloading' && percent !== null ? `${Math.round(percent)} % downloaded` : null
    return {
      isEnabled: saved.updatesEnabled,
      hasFeed: updater !== null,
      channel: updater?.channel ?? 'latest',
      currentVersion: deps.currentVersion,
      lastCheckAt: saved.lastCheckAt,
      status,
      version,
      message: message ?? downloading,
    }
  }

  if (updater) {
    // Downloads start by themselves once a check finds a version; installing waits for the person.
    updater.autoDownload = true
    updater.on('update-available', (info) => {
      version = info.version
      percent = null
      log.info('updates', `version ${info.version} found; downloading it in the background`)
      setStatus('downloading')
    })
    updater.on('update-not-available', () => setStatus('up-to-date'))
    updater.on('download-progress', (progress) => {
      percent = progress.percent
      deps.changed()
    })
    updater.on('update-downloaded', (info) => {
      version = info.version
      log.info(
        'updates',
        `version ${info.version} is downloaded and checked; it installs at the next restart`,
      )
      setStatus('ready')
      tick()
    })
    updater.on('error', (error) => {
      const failure = describeUpdateError(error.message, version)
      log.warn('updates', `${failure.status}: ${error.message.split('\n')[0]?.slice(0, 300)}`)
      isRestartRequested = false
      setStatus(failure.status, failure.message)
    })
    updater.on('appimage-filename-updated', (path) => deps.onExecutableMoved?.(path))
  }

  async function check(): Promise<void> {
    if (!updater) return
    const saved = await settings.read()
    // Noted before asking, so a check that hangs or crashes still counts: at most one a day.
    await settings.write({ ...saved, lastCheckAt: deps.now() })
    setStatus('checking')
    try {
      await updater.checkForUpdates()
    } catch (error) {
      // electron-updater also emits 'error' for most failures; this covers the ones it only throws.
      if (status === 'checking') {
        const failure = describeUpdateError(error instanceof Error ? error.message : String(error), version)
        setStatus(failure.status, failure.message)
      }
    }
    if (status === 'checking') setStatus('up-to-date')
  }

  function restartIfAllowed(): boolean {
    if (!updater || !isRestartRequested || status !== 'ready') return false
    const decision = mayRestartNow(activity.snapshot(), deps.now())
    if (!decision.may) {
      if (message !== `The restart waits for ${decision.waitingFor}.`)
        setStatus('ready', `The restart waits for ${decision.waitingFor}.`)
      return false
    }
    log.info('updates', `restarting into version ${version}`)
    setStatus('installing')
    // Silent (the one-click installer shows nothing) and started again afterwards.
    updater.quitAndInstall(true, true)
    return true
  }

  function askIfAllowed() {
    if (status !== 'ready' || version === null || askedFor === version || isRestartRequested) return
    const decision = mayAskToRestart(activity.snapshot(), deps.now())
    if (!decision.may) return
    askedFor = version
    deps.notify({
      kind: 'check-in',
      title: `Lull ${version} is ready`,
      body: 'Restart Lull from Settings when it suits you. Otherwise it installs the next time Lull quits.',
      target: { view: 'settings' },
      isSilent: true,
    })
  }

  function tick() {
    if (isDisposed) return
    if (restartIfAllowed()) return
    askIfAllowed()
  }

  async function tickAndCheck() {
    cancelTick()
    tick()
    const saved = await settings.read()
    const timing = {
      isEnabled: saved.updatesEnabled,
      hasFeed: updater !== null,
      lastCheckAt: saved.lastCheckAt,
      status,
    }
    if (isCheckDue(timing, deps.now())) await check()
    if (!isDisposed) cancelTick = deps.setTimer(() => void tickAndCheck(), tickMs)
  }

  const stopWatching = activity.onChange(tick)
  if (updater) {
    void settings.read().then((saved) => {
      if (!isDisposed && updater) updater.autoInstallOnAppQuit = saved.updatesEnabled
    })
    // A first look soon after start, not during it: the window and the engine come first.
    cancelTick = deps.setTimer(() => void tickAndCheck(), 30_000)
  }

  return {
    state,
    async setEnabled(isEnabled) {
      const saved = await settings.read()
      await settings.write({ ...saved, updatesEnabled: isEnabled })
      // Off means off: a downloaded update does not install on quit either.
      if (updater) updater.autoInstallOnAppQuit = isEnabled
      log.info('updates', isEnabled ? 'updates turned on' : 'updates turned off')
      deps.changed()
      if (isEnabled && updater) void tickAndCheck()
    },
    async checkNow() {
      if (!updater) return
      if (status === 'checking' || status === 'downloading' || status === 'installing') return
      await check()
    },
    async requestRestart() {
      if (status !== 'ready') return
      isRestartRequested = true
      tick()
    },
    dispose() {
      isDisposed = true
      cancelTick()
      stopWatching()
    },
  }
}
