// Native notifications: a click opens the window where the renderer should
// go; an unsupported desktop says so instead of pretending.
import { beforeEach, describe, expect, it } from 'vitest'
import { createEventHub } from '../../../src/main/events'
import { createLog } from '../../../src/main/log'
import { createNotifier } from '../../../src/main/os/notifications'
import type { EventName } from '../../../src/shared/contract'
import { Notification, resetElectron } from '../../fakes/electron'

function setup() {
  const hub = createEventHub(createLog(() => {}))
  const emitted: Array<{ name: EventName; payload: unknown }> = []
  hub.connect((name, payload) => emitted.push({ name, payload }))
  let shown = 0
  const notifier = createNotifier({ emit: hub.emit, showWindow: () => shown++, log: createLog(() => {}) })
  const last = () => {
    const notification = Notification.instances.at(-1)
    if (!notification) throw new Error('no notification was made')
    return notification
  }
  return { notifier, emitted, last, shown: () => shown }
}

beforeEach(() => resetElectron())

describe('notifications', () => {
  it('shows a check-in with its title and body, silent when asked', () => {
    const { notifier, last } = setup()
    const isShown = notifier.show({
      kind: 'check-in',
      title: 'Check-in: 23 new',
      body: 'Slack 12 · GitHub 8 · Email 3',
      target: { view: 'digest', digestId: 'd-1' },
      isSilent: true,
    })
    expect(isShown).toBe(true)
    expect(last().isShown).toBe(true)
    expect(last().options).toMatchObject({
      title: 'Check-in: 23 new',
      body: 'Slack 12 · GitHub 8 · Email 3',
      silent: true,
    })
  })

  it('opens the digest when a check-in notification is clicked', () => {
    const { notifier, last, emitted, shown } = setup()
    notifier.show({
      kind: 'check-in',
      title: 'Check-in',
      body: '',
      target: { view: 'digest', digestId: 'd-1' },
      isSilent: false,
    })
    last().click()
    expect(shown()).toBe(1)
    expect(emitted).toEqual([
      { name: 'notification:clicked', payload: { target: { view: 'digest', digestId: 'd-1' } } },
    ])
  })

  it('opens the item when a breakthrough notification is clicked, and makes it urgent with sound', () => {
    const { notifier, last, emitted } = setup()
    notifier.show({
      kind: 'breakthrough',
      title: '#incidents',
      body: 'api is down',
      target: { view: 'item', itemId: 'sample:1' },
      isSilent: false,
    })
    expect(last().options).toMatchObject({ silent: false, urgency: 'critical' })
    last().click()
    expect(emitted.map((event) => event.payload)).toEqual([{ target: { view: 'item', itemId: 'sample:1' } }])
  })

  it('keeps each notification until it is clicked or closed', () => {
    const { notifier, last } = setup()
    const request = {
      kind: 'check-in' as const,
      title: 'Check-in',
      body: '',
      target: { view: 'now' as const },
      isSilent: true,
    }
    notifier.show(request)
    const first = last()
    notifier.show(request)
    expect(notifier.pending).toBe(2)
    first.click()
    last().close()
    expect(notifier.pending).toBe(0)
  })

  it('answers false and makes nothing where notifications are unsupported', () => {
    Notification.supported = false
    const { notifier } = setup()
    const isShown = notifier.show({
      kind: 'check-in',
      title: 'Check-in',
      body: '',
      target: { view: 'now' },
      isSilent: true,
    })
    expect(isShown).toBe(false)
    expect(Notification.instances).toEqual([])
  })
})
