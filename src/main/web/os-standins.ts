// Browser mode has no tray, no native notifications and no global
// shortcuts: these stand-ins log what the app would show and keep the last
// of it (a browser tab left open for a week must not grow the host without
// end), so a person sees it in the terminal and the end-to-end tests can
// assert on it. The tray is printed only when it changes, so the lines a
// person looks for ("notify") are not buried under the tray's.
import type { TrayState } from '../../shared/model'
import type { Log } from '../log'
import type { NotificationRequest, OsPorts } from '../os/ports'

export type RecordingPorts = OsPorts & {
  notifications: NotificationRequest[]
  trayStates: TrayState[]
  openedLinks: string[]
}

/** How many of each kind the stand-ins keep, newest last. */
export const standInMemory = 1000

function keepLast<T>(list: T[], entry: T) {
  list.push(entry)
  if (list.length > standInMemory) list.splice(0, list.length - standInMemory)
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
        keepLast(notifications, request)
        log.info('notify', `${request.kind}: ${request.title} — ${request.body}`)
        return true
      },
    },
    tray: {
      setState(state) {
        const last = trayStates.at(-1)
        keepLast(trayStates, state)
        if (last?.icon !== state.icon || last.tooltip !== state.tooltip)
          log.info('tray', `[${state.icon}] ${state.tooltip}`)
      },
    },
    links: {
      async open(url) {
        keepLast(openedLinks, url)
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
