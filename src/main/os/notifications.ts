// Native notifications: one per check-in digest, one per breakthrough. A
// click opens the window where the renderer should go. Each notification is
// kept until it is clicked or closed, or its click handler may be collected.
import { Notification } from 'electron'
import type { Emit } from '../events'
import type { Log } from '../log'
import type { Notifier } from './ports'

export type NotifierDeps = {
  emit: Emit
  showWindow(): void
  log: Log
  /** The app icon, shown on Linux and Windows. */
  icon?: string
}

export function createNotifier(deps: NotifierDeps): Notifier & { readonly pending: number } {
  const live = new Set<Notification>()
  return {
    get pending() {
      return live.size
    },
    show(request) {
      if (!Notification.isSupported()) {
        deps.log.warn('notify', 'this desktop does not support notifications; the item waits in the app')
        return false
      }
      const isBreakthrough = request.kind === 'breakthrough'
      const notification = new Notification({
        title: request.title,
        body: request.body,
        silent: request.isSilent,
        // Linux: a breakthrough stays up until seen; a digest may time out.
        urgency: isBreakthrough ? 'critical' : 'normal',
        ...(deps.icon === undefined ? {} : { icon: deps.icon }),
      })
      const forget = () => live.delete(notification)
      notification.on('click', () => {
        forget()
        deps.showWindow()
        deps.emit('notification:clicked', { target: request.target })
      })
      notification.on('close', forget)
      notification.on('failed', (_event, error) => {
        forget()
        deps.log.warn('notify', `the notification could not be shown: ${error}`)
      })
      live.add(notification)
      notification.show()
      return true
    },
  }
}
