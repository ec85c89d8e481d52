// Updates as the shell runs them: electron-updater's part played by a
// stand-in AppUpdater (tests/fakes/updater.ts), the clock and timers manual,
// deep work told by the tray state the renderer sends, work in flight
// counted on the IPC dispatch every call goes through.
import { beforeEach, describe, expect, it } from 'vitest'
import type { LoginItem } from '../../../src/main/install/login-item'
import { createInstall, type InstallPort } from '../../../src/main/install/service'
import { createMemoryInstallSettings, type InstallSettingsStore } from '../../../src/main/install/settings'
import { createLog } from '../../../src/main/log'
import type { NotificationRequest } from '../../../src/main/os/ports'
import { type ActivityWatch, createActivityWatch } from '../../../src/main/updates/activity'
import { checkIntervalMs, settleMs } from '../../../src/main/updates/policy'
import { createUpdates, tickMs, type Updates } from '../../../src/main/updates/service'
import type { Envelope } from '../../../src/shared/contract'
import type { TrayState } from '../../../src/shared/model'
import { FakeUpdater } from '../../fakes/updater'

const start = Date.UTC(2026, 10, 23, 9, 0)
let now = start
let timers: Array<{ at: number; run: () => void }> = []
const setTimer = (run: () => void, ms: number) => {
  const timer = { at: now + ms, run }
  timers.push(timer)
  return () => {
    timers = timers.filter((candidate) => candidate !== timer)
  }
}
/** Move the clock, running each timer as its time comes, and let the promises it starts settle. */
async function advance(ms: number) {
  const until = now + ms
  for (;;) {
    const due = timers.filter((timer) => timer.at <= until).sort((a, b) => a.at - b.at)[0]
    if (!due) break
    timers = timers.filter((timer) => timer !== due)
    now = due.at
    due.run()
    await settle()
  }
  now = until
  await settle()
}
const settle = () => new Promise((resolve) => setTimeout(resolve, 0))

const tray = (isFocused: boolean): TrayState => ({
  icon: isFocused ? 'focus' : 'open',
  tooltip: 'Lull',
  waitingCount: 0,
  nextCheckIn: null,
  isFocused,
  isSyncPaused: false,
})

const neverLogin: LoginItem = { how: 'nowhere', isOn: async () => false, set: async () => {} }

let updater: FakeUpdater
let activity: ActivityWatch
let settings: InstallSettingsStore
let notices: NotificationRequest[]
let updates: Updates
let install: InstallPort

beforeEach(() => {
  now = start
  timers = []
  updater = new FakeUpdater()
  activity = createActivityWatch(() => now)
  settings = createMemoryInstallSettings()
  notices = []
  const log = createLog(() => {})
  updates = createUpdates({
    updater,
    currentVersion: '0.1.0',
    settings,
    activity,
    notify: (request) => notices.push(request),
    changed: () => {},
    now: () => now,
    setTimer,
    log,
  })
  install = createInstall({ loginItem: neverLogin, updates, settings, log })
})

/** A call through the tracked dispatch that answers only when the test says. */
function callInFlight(name: string) {
  let answer: (envelope: Envelope) => void = () => {}
  const dispatch = activity.track(
    () =>
      new Promise<Envelope>((resolve) => {
        answer = resolve
      }),
  )
  const done = dispatch(name, {})
  return async () => {
    answer({ ok: true, value: {} })
    await done
  }
}

/** A found version, downloaded: the state every restart test starts from. */
async function downloaded(version = '0.2.0') {
  updater.next = { kind: 'found', version }
  await advance(30_000)
  updater.finishDownload(version)
  await settle()
}

describe('checking for updates', () => {
  it('checks once soon after start, then not again until a day has passed', async () => {
    await advance(30_000)
    expect(updater.checks).toBe(1)
    expect((await install.state()).update).toMatchObject({
      status: 'up-to-date',
      lastCheckAt: start + 30_000,
    })
    await advance(checkIntervalMs - 60_000)
    expect(updater.checks).toBe(1)
    await advance(2 * tickMs)
    expect(updater.checks).toBe(2)
  })

  it('downloads a found version in the background and shows it as ready', async () => {
    expect(updater.autoDownload).toBe(true)
    await downloaded('0.2.0')
    expect((await install.state()).update).toMatchObject({
      status: 'ready',
      version: '0.2.0',
      channel: 'latest',
    })
    expect(updater.installs).toEqual([])
  })

  it('never checks with updates off, and a downloaded update does not install on quit either', async () => {
    await install.setUpdatesEnabled(false)
    await advance(2 * checkIntervalMs)
    expect(updater.checks).toBe(0)
    expect(updater.autoInstallOnAppQuit).toBe(false)
    await expect(install.checkForUpdates()).rejects.toThrow(/Updates are off/)
  })

  it('refuses an update whose signature does not match, says so, and installs nothing', async () => {
    updater.next = { kind: 'found', version: '0.2.0' }
    await advance(30_000)
    updater.failDownload('New version 0.2.0 is not signed by the application owner: publisherNames: Lull')
    await settle()
    const state = (await install.state()).update
    expect(state).toMatchObject({
      status: 'refused',
      message: expect.stringMatching(/refused version 0\.2\.0/),
    })
    await expect(install.restartToUpdate()).rejects.toThrow(/nothing to restart into/)
    expect(updater.installs).toEqual([])
  })

  it('says when a check failed, and tries again the next day, not before', async () => {
    updater.next = { kind: 'error', message: 'getaddrinfo ENOTFOUND github.com' }
    await advance(30_000)
    expect((await install.state()).update).toMatchObject({
      status: 'failed',
      message: expect.stringMatching(/could not reach/),
    })
    updater.next = { kind: 'none' }
    await advance(checkIntervalMs - 60_000)
    expect(updater.checks).toBe(1)
  })
})

describe('asking to restart', () => {
  it('asks once, outside deep work, with nothing in flight, by a notification that opens Settings', async () => {
    activity.noteTray(tray(false))
    await downloaded('0.2.0')
    expect(notices).toEqual([
      expect.objectContaining({ title: 'Lull 0.2.0 is ready', target: { view: 'settings' } }),
    ])
    await advance(10 * tickMs)
    activity.noteTray(tray(false))
    expect(notices).toHaveLength(1)
    expect(updater.installs).toEqual([])
  })

  it('never asks during deep work; asks when it ends', async () => {
    activity.noteTray(tray(true))
    await downloaded()
    await advance(30 * tickMs)
    activity.noteTray(tray(true))
    expect(notices).toEqual([])
    activity.noteTray(tray(false))
    expect(notices).toHaveLength(1)
  })

  it('does not ask while a write-back is in flight', async () => {
    activity.noteTray(tray(false))
    const finish = callInFlight('item:done-write')
    await downloaded()
    expect(notices).toEqual([])
    await finish()
    await advance(settleMs + tickMs)
    activity.noteTray(tray(false))
    expect(notices).toHaveLength(1)
  })
})

describe('restarting into the update', () => {
  it('restarts at once when the person asks and nothing is in flight, silently, starting Lull again', async () => {
    await downloaded()
    await install.restartToUpdate()
    expect(updater.installs).toEqual([{ isSilent: true, isForceRunAfter: true }])
  })

  it('waits for a write-back in flight, says why, then restarts once it has answered and settled', async () => {
    await downloaded()
    const finish = callInFlight('item:done-write')
    const state = await install.restartToUpdate()
    expect(state.update.message).toBe('The restart waits for a write-back to finish.')
    expect(updater.installs).toEqual([])
    await finish()
    expect(updater.installs).toEqual([])
    await advance(settleMs)
    activity.noteTray(tray(true))
    expect(updater.installs).toHaveLength(1)
  })

  it('waits for a check-in’s pulls to finish before restarting', async () => {
    await downloaded()
    const finish = callInFlight('source:pull')
    await install.restartToUpdate()
    await advance(5 * tickMs)
    expect(updater.installs).toEqual([])
    await finish()
    await advance(settleMs + tickMs)
    expect(updater.installs).toHaveLength(1)
  })

  it('waits while the window says it is storing a check-in, and restarts once it says it is stored', async () => {
    await downloaded()
    const say = activity.track(async () => ({ ok: true, value: {} }))
    await say('checkin:state-set', { isDelivering: true })
    const state = await install.restartToUpdate()
    expect(state.update.message).toBe('The restart waits for a check-in to be stored.')
    await advance(2 * tickMs)
    expect(updater.installs).toEqual([])
    await say('checkin:state-set', { isDelivering: false })
    await advance(tickMs)
    expect(updater.installs).toHaveLength(1)
  })

  it('does not count calls that neither write back nor pull as work in flight', async () => {
    await downloaded()
    callInFlight('notify:show')
    await install.restartToUpdate()
    expect(updater.installs).toHaveLength(1)
  })
})
