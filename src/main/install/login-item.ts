// Open at sign-in. macOS and Windows have login items (Electron's
// setLoginItemSettings); Linux has none, so Lull writes an XDG autostart
// entry, which GNOME, KDE, Xfce and the rest read at sign-in. Either way
// Lull starts with --hidden (macOS: it asks whether it was opened at
// login): in the tray, the engine running in its hidden window.
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises'
import { dirname, isAbsolute, join } from 'node:path'
import type { App } from 'electron'

/** The argument a start at sign-in carries, so the window stays hidden. */
export const hiddenArgument = '--hidden'

export interface LoginItem {
  /** How it is done here, in words a person can use to find it. */
  readonly how: string
  isOn(): Promise<boolean>
  /** Turn it on or off; throws an Error saying what went wrong. */
  set(isOn: boolean): Promise<void>
}

type LoginItemApp = Pick<App, 'setLoginItemSettings' | 'getLoginItemSettings'>

/** macOS and Windows: the system's own login items. */
export function createSystemLoginItem(app: LoginItemApp, platform: 'darwin' | 'win32'): LoginItem {
  // Windows keeps the arguments in the Run key; Electron matches the entry by them when reading it back.
  const args = platform === 'win32' ? { args: [hiddenArgument] } : {}
  return {
    how:
      platform === 'darwin'
        ? 'a login item (System Settings → General → Login Items)'
        : 'a startup app (Settings → Apps → Startup)',
    async isOn() {
      return app.getLoginItemSettings(args).openAtLogin
    },
    async set(isOn) {
      app.setLoginItemSettings({ openAtLogin: isOn, ...args })
      const now = app.getLoginItemSettings(args)
      if (platform === 'darwin' && isOn && now.status === 'requires-approval')
        throw new Error(
          'macOS asks you to allow it: System Settings → General → Login Items, then turn Lull on.',
        )
      if (now.openAtLogin !== isOn)
        throw new Error(
          `The system kept Lull ${now.openAtLogin ? 'on' : 'off'} its startup list. Try again, or change it in its settings.`,
        )
    },
  }
}

/** $XDG_CONFIG_HOME, or ~/.config when it is unset, empty or not an absolute path (as the spec says). */
export function xdgConfigHome(env: NodeJS.ProcessEnv, home: string): string {
  const named = env.XDG_CONFIG_HOME
  return named && isAbsolute(named) ? named : join(home, '.config')
}

/**
 * One argument of a desktop entry's Exec line: quoted, with the characters
 * the spec reserves inside quotes escaped, then escaped again as a string
 * value (a backslash becomes four), and % doubled (field codes).
 */
export function desktopExecArgument(value: string): string {
  if (/[\n\r\0]/.test(value))
    throw new Error('The path to Lull holds a line break; an autostart entry cannot name it.')
  const quoted = value.replace(/["`$\\]/g, (char) => `\\${char}`)
  return `"${quoted.replace(/\\/g, '\\\\').replace(/%/g, '%%')}"`
}

export function autostartEntry(executable: string): string {
  return [
    '[Desktop Entry]',
    'Type=Application',
    'Name=Lull',
    'Comment=Holds notifications until the check-ins you choose',
    `Exec=${desktopExecArgument(executable)} ${hiddenArgument}`,
    'Icon=lull',
    'Terminal=false',
    'X-GNOME-Autostart-enabled=true',
    '',
  ].join('\n')
}

/**
 * Linux: `lull.desktop` in the autostart folder. `executable` is what
 * starts Lull again: the AppImage file itself (its mount point changes each
 * run), or the installed binary.
 */
export function createXdgAutostart(deps: { configHome: string; executable: string }): LoginItem {
  const path = join(deps.configHome, 'autostart', 'lull.desktop')
  return {
    how: `an autostart entry, ${path}`,
    async isOn() {
      try {
        const text = await readFile(path, 'utf8')
        // An entry another tool switched off stays a file; it is off all the same.
        return (
          !/^Hidden\s*=\s*true\s*$/im.test(text) && !/^X-GNOME-Autostart-enabled\s*=\s*false\s*$/im.test(text)
        )
      } catch {
        return false
      }
    },
    async set(isOn) {
      if (!isOn) {
        await rm(path, { force: true })
        return
      }
      await mkdir(dirname(path), { recursive: true })
      const temporary = `${path}.${process.pid}.tmp`
      await writeFile(temporary, autostartEntry(deps.executable), { mode: 0o644 })
      await rename(temporary, path)
    },
  }
}

/** Whether this start was one at sign-in, so the window stays hidden: the argument, or macOS saying so. */
export function wasStartedAtLogin(
  argv: readonly string[],
  platform: string,
  app: Pick<App, 'getLoginItemSettings'>,
): boolean {
  if (argv.includes(hiddenArgument)) return true
  return platform === 'darwin' && app.getLoginItemSettings().wasOpenedAtLogin === true
}
