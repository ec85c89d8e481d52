// Browser mode has no tray, no native notifications and no global
// shortcuts: these stand-ins log what the app would show and keep it, so a
// person sees it in the terminal and the end-to-end tests can assert on it.
import type { TrayState } from '../../shared/model'
import type { Log } from '../log'
import type { NotificationRequest, OsPorts } from '../os/ports'

export type RecordingPorts = OsPorts & {
  notifications: NotificationRequest[]
  trayStates: TrayState[]
  openedLinks: string[]
}

export function createRecordingPorts(log: Log): RecordingPorts {
  const notifications: NotificationRequest[] = []
  const trayStates: TrayState[] = []
  const openedLinks: string[] = []
  return {
    notifications,
    trayStates,
    openedLinks,
    notifier: {
      show(request) {
        notifications.push(request)
        log.info('notify', `${request.kind}: ${request.title} — ${request.body}`)
        return true
      },
    },
    tray: {
      setState(state) {
        trayStates.push(state)
        if (trayStates.length > 1000) trayStates.shift()
        log.info('tray', `[${state.icon}] ${state.tooltip}`)
      },
    },
    links: {
      async open(url) {
        openedLinks.push(url)
        log.info('links', `would open ${url} in the system browser`)
      },
    },
    shortcuts: {
      setFocusToggle(accelerator) {
        log.info('shortcuts', `would register ${accelerator} to toggle focus`)
        return false
      },
    },
  }
}
