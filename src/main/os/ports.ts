// What the host needs from the operating system, as small interfaces. The
// Electron adapters in this folder implement them; browser mode and tests
// use stand-ins that record what they would show.
import type { CallRequest } from '../../shared/contract'
import type { TrayState } from '../../shared/model'

export type NotificationRequest = CallRequest<'notify:show'>

export interface Notifier {
  show(request: NotificationRequest): boolean
}

export interface TrayView {
  setState(state: TrayState): void
}

export interface LinkOpener {
  open(url: string): Promise<void>
}

export interface ShortcutRegistrar {
  /** Register the accelerator that toggles focus; false when the OS refused it. */
  setFocusToggle(accelerator: string): boolean
}

export type OsPorts = {
  notifier: Notifier
  tray: TrayView
  links: LinkOpener
  shortcuts: ShortcutRegistrar
}
