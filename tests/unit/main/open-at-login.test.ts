// Open at sign-in: an XDG autostart entry on Linux (written and removed in a
// temp config folder), the system login item on macOS and Windows (the
// stand-in electron module records it), and the start at sign-in itself,
// which leaves the window hidden in the tray with its page (the engine) loaded.
import { existsSync } from 'node:fs'
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { createElectronInstall } from '../../../src/main/install/electron-install'
import {
  autostartEntry,
  createSystemLoginItem,
  createXdgAutostart,
  desktopExecArgument,
  wasStartedAtLogin,
  xdgConfigHome,
} from '../../../src/main/install/login-item'
import { createLog } from '../../../src/main/log'
import { createActivityWatch } from '../../../src/main/updates/activity'
import { app, fakeEvent, resetElectron } from '../../fakes/electron'

let dir = ''
beforeEach(async () => {
  resetElectron()
  dir = await mkdtemp(join(tmpdir(), 'lull-login-'))
})
afterEach(async () => {
  await rm(dir, { recursive: true, force: true })
})

describe('XDG autostart on Linux', () => {
  it('writes lull.desktop into $XDG_CONFIG_HOME/autostart, starting Lull hidden, and removes it again', async () => {
    const configHome = xdgConfigHome({ XDG_CONFIG_HOME: join(dir, 'config') }, '/home/someone')
    const entry = createXdgAutostart({ configHome, executable: '/opt/Lull/lull' })
    const path = join(dir, 'config', 'autostart', 'lull.desktop')
    await entry.set(true)
    const text = await readFile(path, 'utf8')
    expect(text.split('\n')).toEqual(
      expect.arrayContaining(['[Desktop Entry]', 'Type=Application', 'Exec="/opt/Lull/lull" --hidden']),
    )
    expect(await entry.isOn()).toBe(true)
    await entry.set(false)
    expect(existsSync(path)).toBe(false)
    expect(await entry.isOn()).toBe(false)
  })

  it('uses ~/.config when XDG_CONFIG_HOME is unset, empty or relative', () => {
    expect(xdgConfigHome({}, '/home/someone')).toBe('/home/someone/.config')
    expect(xdgConfigHome({ XDG_CONFIG_HOME: '' }, '/home/someone')).toBe('/home/someone/.config')
    expect(xdgConfigHome({ XDG_CONFIG_HOME: 'config' }, '/home/someone')).toBe('/home/someone/.config')
  })

  it('counts an entry another tool switched off as off', async () => {
    const entry = createXdgAutostart({ configHome: dir, executable: '/opt/Lull/lull' })
    await mkdir(join(dir, 'autostart'), { recursive: true })
    await writeFile(
      join(dir, 'autostart', 'lull.desktop'),
      `${autostartEntry('/opt/Lull/lull')}Hidden=true\n`,
    )
    expect(await entry.isOn()).toBe(false)
  })

  it('quotes a path with spaces, quotes, dollars, backslashes and percents the way the Exec key needs', () => {
    expect(desktopExecArgument('/home/a b/Lull "x" $HOME 100%.AppImage')).toBe(
      '"/home/a b/Lull \\\\"x\\\\" \\\\$HOME 100%%.AppImage"',
    )
    expect(desktopExecArgument('C:\\odd')).toBe('"C:\\\\\\\\odd"')
  })

  it('refuses a path with a line break rather than write a broken entry', () => {
    expect(() => desktopExecArgument('/tmp/a\nExec=evil')).toThrow(/line break/)
  })

  it('starts the AppImage file, not its temporary mount, when Lull runs as an AppImage', async () => {
    const install = await createElectronInstall({
      ...installDeps(),
      env: { XDG_CONFIG_HOME: dir, APPIMAGE: '/home/someone/Apps/Lull-0.1.0-x86_64.AppImage' },
      executablePath: '/tmp/.mount_LullXYZ/lull',
    })
    await install.port.setOpenAtLogin(true)
    expect(await readFile(join(dir, 'autostart', 'lull.desktop'), 'utf8')).toContain(
      'Exec="/home/someone/Apps/Lull-0.1.0-x86_64.AppImage" --hidden',
    )
    install.dispose()
  })
})

describe('login items on macOS and Windows', () => {
  it('sets a Windows startup entry that carries --hidden', async () => {
    const item = createSystemLoginItem(app, 'win32')
    await item.set(true)
    expect(app.loginItemCalls).toEqual([{ openAtLogin: true, args: ['--hidden'] }])
    expect(await item.isOn()).toBe(true)
    await item.set(false)
    expect(await item.isOn()).toBe(false)
  })

  it('sets a macOS login item, and says where to allow it when macOS asks for approval', async () => {
    app.loginItemStatus = 'requires-approval'
    const item = createSystemLoginItem(app, 'darwin')
    await expect(item.set(true)).rejects.toThrow(/Login Items/)
    expect(app.loginItemCalls).toEqual([{ openAtLogin: true }])
  })
})

/** The stand-in app, packaged or not, with a data folder of this test's own. */
function appWith(isPackaged: boolean) {
  return {
    isPackaged,
    getVersion: () => app.getVersion(),
    getPath: (name: string) => join(dir, name),
    setLoginItemSettings: (settings: { openAtLogin?: boolean; args?: string[] }) =>
      app.setLoginItemSettings(settings),
    getLoginItemSettings: (options?: { args?: string[] }) => app.getLoginItemSettings(options),
  } as Parameters<typeof createElectronInstall>[0]['app']
}

/** What the install wiring needs, for a packaged Linux app without a release feed. */
function installDeps() {
  return {
    app: appWith(true),
    platform: 'linux',
    env: { XDG_CONFIG_HOME: dir },
    resourcesPath: join(dir, 'resources'),
    executablePath: '/opt/Lull/lull',
    activity: createActivityWatch(Date.now),
    notify: () => {},
    changed: () => {},
    log: createLog(() => {}),
    now: Date.now,
    setTimer: () => () => {},
    loadUpdater: () => Promise.reject(new Error('a build without a feed never loads the updater')),
  }
}

describe('the open at sign-in setting', () => {
  it('is unasked until the first run answers, then follows the system', async () => {
    const install = await createElectronInstall(installDeps())
    expect((await install.port.state()).openAtLogin.state).toBe('unasked')
    const on = await install.port.setOpenAtLogin(true)
    expect(on.openAtLogin).toMatchObject({ state: 'on', problem: null })
    expect(on.openAtLogin.how).toContain(join(dir, 'autostart', 'lull.desktop'))
    // Removed behind Lull's back (a desktop's startup settings): Settings shows it off.
    await rm(join(dir, 'autostart', 'lull.desktop'))
    expect((await install.port.state()).openAtLogin.state).toBe('off')
    install.dispose()
  })

  it('says a development run has neither open at sign-in nor updates, and refuses to change them', async () => {
    const install = await createElectronInstall({
      ...installDeps(),
      app: Object.assign(app, { isPackaged: false }),
    })
    const state = await install.port.state()
    expect(state).toMatchObject({
      isInstalled: false,
      unavailableReason: expect.stringMatching(/installed app/),
    })
    await expect(install.port.setOpenAtLogin(true)).rejects.toMatchObject({ code: 'refused' })
    expect(existsSync(join(dir, 'autostart'))).toBe(false)
  })

  it('says a build without a release feed cannot update itself', async () => {
    const install = await createElectronInstall(installDeps())
    expect((await install.port.state()).update).toMatchObject({ hasFeed: false })
    await expect(install.port.checkForUpdates()).rejects.toThrow(/without a release feed/)
    install.dispose()
  })
})

describe('a start at sign-in', () => {
  it('is told by --hidden, or on macOS by the login item', () => {
    expect(wasStartedAtLogin(['/opt/Lull/lull', '--hidden'], 'linux', app)).toBe(true)
    expect(wasStartedAtLogin(['/opt/Lull/lull'], 'linux', app)).toBe(false)
    app.wasOpenedAtLogin = true
    expect(wasStartedAtLogin(['/Applications/Lull.app/Contents/MacOS/Lull'], 'darwin', app)).toBe(true)
    expect(wasStartedAtLogin(['C:\\Lull.exe'], 'win32', app)).toBe(false)
  })
})

describe('the app started at sign-in', () => {
  let appRoot = ''
  const argv = process.argv
  beforeEach(async () => {
    appRoot = await mkdtemp(join(tmpdir(), 'lull-app-root-'))
    await mkdir(join(appRoot, 'out', 'renderer'), { recursive: true })
    await writeFile(join(appRoot, 'out', 'renderer', 'index.html'), '<!doctype html><title>Lull</title>')
    vi.spyOn(process.stderr, 'write').mockImplementation(() => true)
  })
  afterEach(async () => {
    process.argv = argv
    vi.restoreAllMocks()
    await rm(appRoot, { recursive: true, force: true })
  })

  async function launch(args: string[]) {
    process.argv = [...argv.slice(0, 1), 'lull', ...args]
    vi.resetModules()
    const electron = await import('../../fakes/electron')
    electron.resetElectron()
    electron.app.appPath = appRoot
    await import('../../../src/main/index')
    await vi.waitFor(() => expect(electron.BrowserWindow.instances).toHaveLength(1))
    const window = electron.BrowserWindow.instances[0]!
    window.emit('ready-to-show', fakeEvent())
    return { electron, window }
  }

  it('stays in the tray with its page loaded (the engine runs), and opens from the tray', async () => {
    const { electron, window } = await launch(['--hidden'])
    expect(window.loadedUrl).toBe('lull://app/index.html')
    expect(window.isVisible()).toBe(false)
    electron.Tray.instances[0]?.menu?.click('Open Lull')
    expect(window.isVisible()).toBe(true)
    electron.app.quit()
  })

  it('shows its window when started by the person', async () => {
    const { electron, window } = await launch([])
    expect(window.isVisible()).toBe(true)
    electron.app.quit()
  })
})
