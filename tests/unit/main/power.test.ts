// Sleep, wake and unlock reach the renderer as power:changed events.
import { beforeEach, describe, expect, it } from 'vitest'
import { createEventHub } from '../../../src/main/events'
import { createLog } from '../../../src/main/log'
import { watchPower } from '../../../src/main/os/power'
import { powerMonitor, resetElectron } from '../../fakes/electron'

function setup() {
  const hub = createEventHub(createLog(() => {}))
  const payloads: unknown[] = []
  hub.connect((name, payload) => {
    if (name === 'power:changed') payloads.push(payload)
  })
  return { stop: watchPower(hub.emit), payloads }
}

beforeEach(() => resetElectron())

describe('power events', () => {
  it('reports suspend, resume and unlock-screen as power:changed', () => {
    const { payloads } = setup()
    powerMonitor.emit('suspend')
    powerMonitor.emit('resume')
    powerMonitor.emit('unlock-screen')
    expect(payloads).toEqual([{ event: 'suspend' }, { event: 'resume' }, { event: 'unlock' }])
  })

  it('ignores power events it was not asked about', () => {
    const { payloads } = setup()
    powerMonitor.emit('on-battery')
    powerMonitor.emit('lock-screen')
    expect(payloads).toEqual([])
  })

  it('stops reporting once stopped', () => {
    const { stop, payloads } = setup()
    stop()
    powerMonitor.emit('resume')
    expect(payloads).toEqual([])
    expect(powerMonitor.listenerCount('resume')).toBe(0)
  })
})
