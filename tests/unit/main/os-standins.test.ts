// Browser mode's tray, notifications and links: printed for the person at
// the terminal and kept for the tests, within a bound.
import { describe, expect, it } from 'vitest'
import { createLog } from '../../../src/main/log'
import { createRecordingPorts, standInMemory } from '../../../src/main/web/os-standins'
import type { TrayState } from '../../../src/shared/model'

const tray = (waitingCount: number): TrayState => ({
  icon: 'open',
  tooltip: `Lull: ${waitingCount} waiting`,
  waitingCount,
  nextCheckIn: '13:00',
  isFocused: false,
  isSyncPaused: false,
})

describe('browser-mode stand-ins', () => {
  it('keep only the newest notifications, links and tray states, however many arrive', () => {
    const ports = createRecordingPorts(createLog(() => {}))
    for (let n = 0; n < 50_000; n++) {
      ports.notifier.show({
        kind: 'breakthrough',
        title: `t${n}`,
        body: 'b',
        target: { view: 'now' },
        isSilent: true,
      })
      void ports.links.open(`https://github.com/acme/api/pull/${n}`)
      ports.tray.setState(tray(n))
    }
    expect(ports.notifications).toHaveLength(standInMemory)
    expect(ports.openedLinks).toHaveLength(standInMemory)
    expect(ports.trayStates).toHaveLength(standInMemory)
    expect(ports.notifications.at(-1)?.title).toBe('t49999')
    expect(ports.openedLinks[0]).toBe(`https://github.com/acme/api/pull/${50_000 - standInMemory}`)
  })

  it('print the tray only when what it shows changes', () => {
    const printed: string[] = []
    const ports = createRecordingPorts(createLog((line) => printed.push(line)))
    ports.tray.setState(tray(3))
    ports.tray.setState(tray(3))
    ports.tray.setState(tray(3))
    ports.tray.setState(tray(4))
    expect(printed.filter((line) => line.includes('[tray]'))).toHaveLength(2)
    expect(ports.trayStates).toHaveLength(4)
  })
})
