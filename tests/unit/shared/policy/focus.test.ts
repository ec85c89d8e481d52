import { describe, expect, it } from 'vitest'
import {
  activeSession,
  endFocus,
  extendFocus,
  isSessionActive,
  startFocus,
} from '../../../../src/shared/policy'
import { hour, minute } from './wall'

const now = Date.parse('2026-06-01T10:00:00Z')

describe('startFocus', () => {
  it('ends a session of minutes that many minutes from now', () => {
    const session = startFocus({ kind: 'minutes', minutes: 50 }, now, null, 's1')
    expect(session).toEqual({
      id: 's1',
      startedAt: now,
      length: { kind: 'minutes', minutes: 50 },
      endsAt: now + 50 * minute,
    })
  })

  it('ends an until-check-in session at the next scheduled check-in', () => {
    const session = startFocus({ kind: 'until-check-in' }, now, now + 3 * hour, 's1')
    expect(session.endsAt).toBe(now + 3 * hour)
  })

  it('runs an until-check-in session until stopped when no check-in is scheduled', () => {
    const session = startFocus({ kind: 'until-check-in' }, now, null, 's1')
    expect(session.endsAt).toBeNull()
  })

  it('runs an until-stopped session with no end', () => {
    const session = startFocus({ kind: 'until-stopped' }, now, now + hour, 's1')
    expect(session.endsAt).toBeNull()
  })
})

describe('extendFocus', () => {
  const session = startFocus({ kind: 'minutes', minutes: 25 }, now, null, 's1')

  it('adds minutes to the end of a running session', () => {
    expect(extendFocus(session, 15, now + 10 * minute).endsAt).toBe(now + 40 * minute)
  })

  it('counts from now when the session has already run out', () => {
    expect(extendFocus(session, 15, now + 30 * minute).endsAt).toBe(now + 45 * minute)
  })

  it('leaves an until-stopped session running until stopped', () => {
    const open = startFocus({ kind: 'until-stopped' }, now, null, 's2')
    expect(extendFocus(open, 15, now + minute)).toEqual(open)
  })

  it('leaves a session the user ended as it was', () => {
    const ended = endFocus(session, now + 5 * minute)
    expect(extendFocus(ended, 15, now + 6 * minute)).toEqual(ended)
  })
})

describe('endFocus and isSessionActive', () => {
  const session = startFocus({ kind: 'minutes', minutes: 50 }, now, null, 's1')

  it('is active from its start until just before its end', () => {
    expect(isSessionActive(session, now)).toBe(true)
    expect(isSessionActive(session, now + 50 * minute - 1)).toBe(true)
    expect(isSessionActive(session, now + 50 * minute)).toBe(false)
  })

  it('is not active before it starts', () => {
    expect(isSessionActive(session, now - 1)).toBe(false)
  })

  it('stops being active the moment the user ends it', () => {
    const ended = endFocus(session, now + 10 * minute)
    expect(ended.endedAt).toBe(now + 10 * minute)
    expect(isSessionActive(ended, now + 10 * minute)).toBe(false)
  })

  it('keeps the first end when ended twice', () => {
    const ended = endFocus(endFocus(session, now + 10 * minute), now + 20 * minute)
    expect(ended.endedAt).toBe(now + 10 * minute)
  })

  it('keeps an until-stopped session active until it is ended', () => {
    const open = startFocus({ kind: 'until-stopped' }, now, null, 's2')
    expect(isSessionActive(open, now + 1000 * hour)).toBe(true)
    expect(isSessionActive(endFocus(open, now + hour), now + hour)).toBe(false)
  })
})

describe('activeSession', () => {
  it('finds the running session among past ones', () => {
    const past = startFocus({ kind: 'minutes', minutes: 25 }, now - 2 * hour, null, 'past')
    const running = startFocus({ kind: 'minutes', minutes: 25 }, now - 5 * minute, null, 'running')
    expect(activeSession([past, running], now)?.id).toBe('running')
  })

  it('is null when no session is running', () => {
    const past = startFocus({ kind: 'minutes', minutes: 25 }, now - 2 * hour, null, 'past')
    expect(activeSession([past], now)).toBeNull()
  })

  it('prefers the most recently started when sessions overlap', () => {
    const older = startFocus({ kind: 'until-stopped' }, now - hour, null, 'older')
    const newer = startFocus({ kind: 'minutes', minutes: 25 }, now - minute, null, 'newer')
    expect(activeSession([newer, older], now)?.id).toBe('newer')
  })
})
