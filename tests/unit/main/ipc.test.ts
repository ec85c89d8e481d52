// Electron IPC in front of the host: one handler per contract call, the
// sender checked before anything runs, and every answer an envelope.
import { join } from 'node:path'
import { beforeEach, describe, expect, it } from 'vitest'
import { createDispatch } from '../../../src/main/dispatch'
import { createEventHub } from '../../../src/main/events'
import { createHost } from '../../../src/main/host'
import { bindIpc, connectWindowEvents } from '../../../src/main/ipc'
import { createLog } from '../../../src/main/log'
import type { OsPorts } from '../../../src/main/os/ports'
import { appPageUrl, type RendererLocation } from '../../../src/main/paths'
import { createMemoryVault } from '../../../src/main/vault'
import { createSenderCheck } from '../../../src/main/window'
import { callNames, calls, ipcChannel } from '../../../src/shared/contract'
import type { TrayState } from '../../../src/shared/model'
import { BrowserWindow, type FakeFrame, ipcMain, resetElectron } from '../../fakes/electron'

const location: RendererLocation = {
  kind: 'app-protocol',
  root: join('/opt', 'lull', 'out', 'renderer'),
  pageUrl: appPageUrl,
}

const trayState: TrayState = {
  icon: 'focus',
  tooltip: 'Lull: focus until 11:30, 4 waiting',
  waitingCount: 4,
  nextCheckIn: '13:00',
  isFocused: true,
  isSyncPaused: false,
}

function setup(options: { trayFails?: boolean } = {}) {
  const log = createLog(() => {})
  const trayStates: TrayState[] = []
  const os: OsPorts = {
    notifier: { show: () => true },
    tray: {
      setState(state) {
        if (options.trayFails) throw new Error('the tray icon went away')
        trayStates.push(state)
      },
    },
    links: { open: async () => {} },
    shortcuts: { setFocusToggle: () => true },
  }
  const host = createHost({
    mode: 'electron',
    platform: 'linux',
    vault: createMemoryVault(),
    sources: {},
    os,
    log,
  })
  const window = new BrowserWindow({})
  void window.loadURL(appPageUrl)
  bindIpc({
    ipcMain,
    dispatch: createDispatch(host, calls, log),
    isTrustedSender: createSenderCheck(() => window, location),
    log,
  })
  const fromApp = { sender: window.webContents, senderFrame: window.webContents.mainFrame }
  return { window, fromApp, trayStates, log }
}

beforeEach(() => resetElectron())

describe('IPC binding', () => {
  it('registers exactly one handler per contract call', () => {
    setup()
    expect([...ipcMain.handlers.keys()].sort()).toEqual(callNames.map((name) => ipcChannel.call(name)).sort())
  })

  it('passes a valid call from the app page to the host', async () => {
    const { fromApp, trayStates } = setup()
    const answer = await ipcMain.invoke(ipcChannel.call('tray:state-set'), fromApp, trayState)
    expect(answer).toEqual({ ok: true, value: {} })
    expect(trayStates).toEqual([trayState])
  })

  it('answers app:info with the electron mode', async () => {
    const { fromApp } = setup()
    const answer = await ipcMain.invoke(ipcChannel.call('app:info'), fromApp, {})
    expect(answer).toMatchObject({ ok: true, value: { mode: 'electron', platform: 'linux' } })
  })

  it('answers an invalid payload with an invalid-request envelope instead of throwing', async () => {
    const { fromApp, trayStates } = setup()
    const answer = await ipcMain.invoke(ipcChannel.call('tray:state-set'), fromApp, { icon: 'fireworks' })
    expect(answer).toMatchObject({ ok: false, error: { code: 'invalid-request' } })
    expect(trayStates).toEqual([])
  })

  it('refuses a call from a page the window was navigated to, and logs it', async () => {
    const { window, fromApp, trayStates, log } = setup()
    window.webContents.mainFrame.url = 'https://evil.example/'
    const answer = await ipcMain.invoke(ipcChannel.call('tray:state-set'), fromApp, trayState)
    expect(answer).toMatchObject({ ok: false, error: { code: 'forbidden-sender' } })
    expect(trayStates).toEqual([])
    expect(log.lines.some((line) => line.level === 'warn' && line.message.includes('evil.example'))).toBe(
      true,
    )
  })

  it('refuses a call from a subframe, even one showing the app URL', async () => {
    const { window, trayStates } = setup()
    const subframe: FakeFrame = { url: appPageUrl, parent: window.webContents.mainFrame }
    const answer = await ipcMain.invoke(
      ipcChannel.call('tray:state-set'),
      { sender: window.webContents, senderFrame: subframe },
      trayState,
    )
    expect(answer).toMatchObject({ ok: false, error: { code: 'forbidden-sender' } })
    expect(trayStates).toEqual([])
  })

  it('refuses a call from another window and from a frame that is gone', async () => {
    setup()
    const other = new BrowserWindow({})
    await other.loadURL(appPageUrl)
    const fromOther = { sender: other.webContents, senderFrame: other.webContents.mainFrame }
    const gone = { sender: other.webContents, senderFrame: null }
    for (const sender of [fromOther, gone]) {
      const answer = await ipcMain.invoke(ipcChannel.call('app:info'), sender, {})
      expect(answer).toMatchObject({ ok: false, error: { code: 'forbidden-sender' } })
    }
  })

  it('turns a host failure into an envelope that says what went wrong', async () => {
    const { fromApp } = setup({ trayFails: true })
    const answer = await ipcMain.invoke(ipcChannel.call('tray:state-set'), fromApp, trayState)
    expect(answer).toMatchObject({ ok: false, error: { code: 'internal' } })
    expect(answer).toHaveProperty('error.message', expect.stringContaining('the tray icon went away'))
  })
})

describe('window events', () => {
  it('forwards hub events to the page on the event channel, payload only', () => {
    const hub = createEventHub(createLog(() => {}))
    const window = new BrowserWindow({})
    connectWindowEvents(hub, window.webContents)
    hub.emit('power:changed', { event: 'resume' })
    expect(window.webContents.sent).toEqual([
      { channel: ipcChannel.event('power:changed'), args: [{ event: 'resume' }] },
    ])
  })

  it('stops forwarding once the window is gone', () => {
    const hub = createEventHub(createLog(() => {}))
    const window = new BrowserWindow({})
    connectWindowEvents(hub, window.webContents)
    window.destroy()
    expect(() => hub.emit('power:changed', { event: 'suspend' })).not.toThrow()
    expect(window.webContents.sent).toEqual([])
  })
})
