// The tray: an icon per state, a tooltip, and a context menu that holds every
// command (on Linux, AppIndicator may never deliver a click, so the menu is
// the whole interface). The renderer decides the state; this only draws it
// and reports clicks as `tray:command` events.
import { Menu, type NativeImage, nativeImage, Tray } from 'electron'
import type { TrayCommand } from '../../shared/contract'
import type { TrayState } from '../../shared/model'
import type { Emit } from '../events'
import type { TrayIcon } from '../paths'
import type { TrayView } from './ports'

/** The part of Electron's menu item options the tray menu uses; a plain shape so tests can read it. */
export type TrayMenuItem = {
  label?: string
  type?: 'normal' | 'separator' | 'checkbox'
  enabled?: boolean
  checked?: boolean
  click?: () => void
}

export type TrayMenuHandlers = {
  command(command: TrayCommand): void
  open(): void
  quit(): void
}

const focusLengths = [25, 50, 90] as const

export function trayMenuTemplate(state: TrayState, handlers: TrayMenuHandlers): TrayMenuItem[] {
  return [
    ...focusLengths.map((minutes) => ({
      label: `Focus for ${minutes} min`,
      click: () => handlers.command({ command: 'focus-start', length: { kind: 'minutes', minutes } }),
    })),
    {
      label: 'Focus until next check-in',
      click: () => handlers.command({ command: 'focus-start', length: { kind: 'until-check-in' } }),
    },
    { label: 'End focus', enabled: state.isFocused, click: () => handlers.command({ command: 'focus-end' }) },
    {
      label: `Check in now (${state.waitingCount})`,
      click: () => handlers.command({ command: 'check-in-now' }),
    },
    {
      label: state.nextCheckIn === null ? 'No check-ins scheduled' : `Next check-in ${state.nextCheckIn}`,
      enabled: false,
    },
    { type: 'separator' },
    { label: 'Open Lull', click: () => handlers.open() },
    {
      label: 'Pause syncing',
      type: 'checkbox',
      checked: state.isSyncPaused,
      click: () => handlers.command({ command: 'sync-pause-toggle' }),
    },
    { type: 'separator' },
    { label: 'Quit', click: () => handlers.quit() },
  ]
}

/** What the tray shows before the renderer has said anything. */
export const initialTrayState: TrayState = {
  icon: 'open',
  tooltip: 'Lull',
  waitingCount: 0,
  nextCheckIn: null,
  isFocused: false,
  isSyncPaused: false,
}

export type TrayDeps = {
  icons: Record<TrayIcon, string>
  isTemplate: boolean
  platform: string
  emit: Emit
  showWindow(): void
  quit(): void
}

export type AppTray = TrayView & { destroy(): void }

export function createTray(deps: TrayDeps): AppTray {
  const images = new Map<TrayIcon, NativeImage>()
  const imageFor = (icon: TrayIcon) => {
    let image = images.get(icon)
    if (!image) {
      // createFromPath picks up the `@2x` sibling by itself.
      image = nativeImage.createFromPath(deps.icons[icon])
      if (deps.isTemplate) image.setTemplateImage(true)
      images.set(icon, image)
    }
    return image
  }
  const open = () => {
    deps.showWindow()
    deps.emit('tray:command', { command: 'open', target: { view: 'now' } })
  }
  const handlers: TrayMenuHandlers = {
    command: (command) => deps.emit('tray:command', command),
    open,
    quit: deps.quit,
  }
  const tray = new Tray(imageFor(initialTrayState.icon))
  // Windows and Linux desktops that deliver clicks: a click opens the app; the menu is on right click.
  if (deps.platform !== 'darwin') tray.on('click', open)

  const setState = (state: TrayState) => {
    tray.setImage(imageFor(state.icon))
    tray.setToolTip(state.tooltip)
    // macOS shows a title beside the icon: the waiting count, so it is seen without opening anything.
    if (deps.platform === 'darwin') tray.setTitle(state.waitingCount > 0 ? String(state.waitingCount) : '')
    // Built anew each time: AppIndicator only picks up a changed menu when it is set again.
    tray.setContextMenu(Menu.buildFromTemplate(trayMenuTemplate(state, handlers)))
  }
  setState(initialTrayState)
  return { setState, destroy: () => tray.destroy() }
}
