// The app's lifecycle, run for real against the stand-in electron module:
// one instance, a window that hides to the tray, and a quit that quits.
import { existsSync } from 'node:fs'
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'

type FakeElectron = typeof import('../../fakes/electron')

/** Start main the way Electron would: a fresh module graph, the stand-in configured first. */
async function launch(configure: (electron: FakeElectron) => void = () => {}) {
  vi.resetModules()
  const electron = await import('../../fakes/electron')
  electron.app.appPath = appRoot
  configure(electron)
  launchedApps.push(electron)
  await import('../../../src/main/index')
  return electron
}

async function launched(configure?: (electron: FakeElectron) => void) {
  const electron = await launch(configure)
  await vi.waitFor(() => expect(electron.BrowserWindow.instances).toHaveLength(1))
  const window = electron.BrowserWindow.instances[0]
  if (!window) throw new Error('no window')
  return { electron, window }
}

const launchedApps: FakeElectron[] = []
let logged: string[] = []
/** An app root with a built page in it, as `npm run build` leaves it. */
let appRoot = ''
beforeEach(async () => {
  appRoot = await mkdtemp(join(tmpdir(), 'lull-app-root-'))
  await mkdir(join(appRoot, 'out', 'renderer'), { recursive: true })
  await writeFile(join(appRoot, 'out', 'renderer', 'index.html'), '<!doctype html><title>Lull</title>')
  logged = []
  vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
    logged.push(String(chunk))
    return true
  })
})
afterEach(async () => {
  vi.restoreAllMocks()
  for (const electron of launchedApps.splice(0)) {
    await rm(electron.app.getPath('userData'), { recursive: true, force: true })
  }
  await rm(appRoot, { recursive: true, force: true })
})

describe('single instance', () => {
  it('quits at once, with no window, when another instance holds the lock', async () => {
    const electron = await launch((fake) => {
      fake.app.hasSingleInstanceLock = false
    })
    await new Promise((resolve) => setTimeout(resolve, 20))
    expect(electron.app.quitCount).toBe(1)
    expect(electron.BrowserWindow.instances).toEqual([])
  })

  it('shows and focuses the first window when Lull is launched again', async () => {
    const { electron, window } = await launched()
    window.minimize()
    window.hide()
    const focusesBefore = window.focusCount
    electron.app.launchSecondInstance()
    expect(window.isVisible()).toBe(true)
    expect(window.isMinimized()).toBe(false)
    expect(window.focusCount).toBe(focusesBefore + 1)
  })
})

describe('lifecycle', () => {
  it('logs a stray rejection from a library and keeps running', async () => {
    const handlers = new Map<string, (reason: unknown) => void>()
    const on = process.on.bind(process)
    vi.spyOn(process, 'on').mockImplementation(((event: string, listener: (reason: unknown) => void) => {
      // Kept, not installed: the test runner has its own handlers for these.
      if (event === 'unhandledRejection' || event === 'uncaughtException') {
        handlers.set(event, listener)
        return process
      }
      return on(event, listener)
    }) as typeof process.on)
    const { electron } = await launched()
    handlers.get('unhandledRejection')?.(new Error('app_rate_limited envelope had no payload'))
    expect(logged.join('')).toContain('Lull keeps running: Error: app_rate_limited envelope had no payload')
    expect(electron.app.quitCount).toBe(0)
    expect(handlers.has('uncaughtException')).toBe(true)
  })

  it('wires the window, the tray and one IPC handler per call once ready', async () => {
    const { electron, window } = await launched()
    const { callNames } = await import('../../../src/shared/contract')
    expect(window.loadedUrls).toEqual(['lull://app/index.html'])
    expect(electron.Tray.instances).toHaveLength(1)
    expect(electron.ipcMain.handlers.size).toBe(callNames.length)
    expect(electron.app.isSandboxEnabled).toBe(true)
  })

  it('answers a call from its own window through IPC', async () => {
    const { electron, window } = await launched()
    const answer = await electron.ipcMain.invoke(
      'lull:call:app:info',
      { sender: window.webContents, senderFrame: window.webContents.mainFrame },
      {},
    )
    expect(answer).toMatchObject({
      ok: true,
      value: { mode: 'electron', vault: { backend: 'gnome_libsecret', isPersistent: true }, recovery: null },
    })
  })

  it('makes lull:// a privileged scheme before ready, then serves the built page over it', async () => {
    const { electron } = await launched()
    expect(electron.protocol.privileged).toEqual([
      { scheme: 'lull', privileges: { standard: true, secure: true, supportFetchAPI: true } },
    ])
    const page = await electron.protocol.request('lull://app/index.html')
    expect(page.status).toBe(200)
    expect(await page.text()).toContain('<title>Lull</title>')
    expect((await electron.protocol.request('lull://app/..%2f..%2fpackage.json')).status).toBe(403)
  })

  it('reloads a crashed window and reports the recovery in app:info', async () => {
    const { electron, window } = await launched()
    window.webContents.crash('crashed', 139)
    await vi.waitFor(() => expect(window.loadedUrls).toHaveLength(2))
    const answer = await electron.ipcMain.invoke(
      'lull:call:app:info',
      { sender: window.webContents, senderFrame: window.webContents.mainFrame },
      {},
    )
    expect(answer).toMatchObject({
      ok: true,
      value: { recovery: { at: expect.any(Number), reason: expect.stringContaining('crashed') } },
    })
  })

  it("keeps the store marker in the app's data folder", async () => {
    const { electron, window } = await launched()
    const answer = await electron.ipcMain.invoke(
      'lull:call:store:check',
      { sender: window.webContents, senderFrame: window.webContents.mainFrame },
      { storeId: 'store-1', createdAt: 1 },
    )
    expect(answer).toMatchObject({ ok: true, value: { status: 'recorded' } })
    expect(existsSync(join(electron.app.getPath('userData'), 'store-marker.json'))).toBe(true)
  })

  it('keeps running with the window hidden, and closes it for real on quit', async () => {
    const { electron, window } = await launched()
    window.close()
    expect(window.isDestroyed()).toBe(false)
    expect(electron.app.listenerCount('window-all-closed')).toBeGreaterThan(0)
    electron.app.quit()
    expect(window.isDestroyed()).toBe(true)
    expect(electron.Tray.instances[0]?.isDestroyed()).toBe(true)
  })

  it('warns in the log when secrets on disk would not be encrypted', async () => {
    await launched((fake) => {
      fake.safeStorage.backend = 'basic_text'
    })
    expect(logged.some((line) => /warn .*basic_text does not encrypt/.test(line))).toBe(true)
  })

  it('sends tray commands to the page', async () => {
    const { electron, window } = await launched()
    electron.Tray.instances[0]?.menu?.click('Check in now (0)')
    expect(window.webContents.sent).toContainEqual({
      channel: 'lull:event:tray:command',
      args: [{ command: 'check-in-now' }],
    })
  })
})
