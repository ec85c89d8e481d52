import { describe, expect, it } from 'vitest'
import { deepWorkAt, endFocus, nextBlockEdge, startFocus } from '../../../../src/shared/policy'
import { minute, wall } from './wall'

const zone = 'Europe/London'
// 2026-06-01 is a Monday.
const london = (local: string) => wall(local, zone)
const weekdays = ['mon', 'tue', 'wed', 'thu', 'fri'] as const
const morning = [{ days: [...weekdays], start: '09:00', end: '11:30' }]

describe('deepWorkAt', () => {
  it('is deep work until the end of the block it is in', () => {
    expect(deepWorkAt(morning, [], zone, london('2026-06-01T10:00'))).toEqual({
      isDeep: true,
      until: london('2026-06-01T11:30'),
      source: 'block',
    })
  })

  it('is not deep work outside every block and session', () => {
    expect(deepWorkAt(morning, [], zone, london('2026-06-01T12:00'))).toEqual({
      isDeep: false,
      until: null,
      source: null,
    })
  })

  it('is not deep work at the very end of a block', () => {
    expect(deepWorkAt(morning, [], zone, london('2026-06-01T11:30')).isDeep).toBe(false)
  })

  it('is not deep work on a day the block does not run', () => {
    expect(deepWorkAt(morning, [], zone, london('2026-06-06T10:00')).isDeep).toBe(false)
  })

  it('is deep work after midnight in a block that began the evening before', () => {
    const night = [{ days: ['mon' as const], start: '22:00', end: '06:00' }]
    const deep = deepWorkAt(night, [], zone, london('2026-06-02T01:00'))
    expect(deep.isDeep).toBe(true)
    expect(deep.until).toBe(london('2026-06-02T06:00'))
  })

  it('runs to the end of a focus session that overlaps the end of a block', () => {
    const session = startFocus({ kind: 'minutes', minutes: 60 }, london('2026-06-01T11:00'), null, 's1')
    expect(deepWorkAt(morning, [session], zone, london('2026-06-01T10:00')).until).toBe(
      london('2026-06-01T12:00'),
    )
  })

  it('runs through a block that starts as a session ends', () => {
    const session = startFocus({ kind: 'minutes', minutes: 30 }, london('2026-06-01T08:30'), null, 's1')
    const deep = deepWorkAt(morning, [session], zone, london('2026-06-01T08:40'))
    expect(deep).toEqual({ isDeep: true, until: london('2026-06-01T11:30'), source: 'session' })
  })

  it('chains blocks that touch into one stretch', () => {
    const blocks = [...morning, { days: [...weekdays], start: '11:30', end: '13:00' }]
    expect(deepWorkAt(blocks, [], zone, london('2026-06-01T09:15')).until).toBe(london('2026-06-01T13:00'))
  })

  it('is deep work until stopped during an until-stopped session', () => {
    const session = startFocus({ kind: 'until-stopped' }, london('2026-06-01T12:00'), null, 's1')
    expect(deepWorkAt(morning, [session], zone, london('2026-06-01T15:00'))).toEqual({
      isDeep: true,
      until: null,
      source: 'session',
    })
  })

  it('stops being deep work when the user ends the session', () => {
    const session = endFocus(
      startFocus({ kind: 'until-stopped' }, london('2026-06-01T12:00'), null, 's1'),
      london('2026-06-01T12:30'),
    )
    expect(deepWorkAt(morning, [session], zone, london('2026-06-01T12:30')).isDeep).toBe(false)
  })

  it('names the session as the source when a session runs inside a block', () => {
    const session = startFocus({ kind: 'minutes', minutes: 25 }, london('2026-06-01T10:00'), null, 's1')
    expect(deepWorkAt(morning, [session], zone, london('2026-06-01T10:05')).source).toBe('session')
  })

  it('treats blocks covering the whole week as deep work with no end', () => {
    const allWeek = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const
    const blocks = [
      { days: [...allWeek], start: '00:00', end: '12:00' },
      { days: [...allWeek], start: '12:00', end: '00:00' },
    ]
    expect(deepWorkAt(blocks, [], zone, london('2026-06-01T10:00'))).toEqual({
      isDeep: true,
      until: null,
      source: 'block',
    })
  })
})

describe('nextBlockEdge', () => {
  it('is the start of the next block before it begins', () => {
    expect(nextBlockEdge(morning, zone, london('2026-06-01T08:00'))).toBe(london('2026-06-01T09:00'))
  })

  it('is the end of the block while inside it', () => {
    expect(nextBlockEdge(morning, zone, london('2026-06-01T09:00'))).toBe(london('2026-06-01T11:30'))
  })

  it('is Monday morning from a Friday afternoon', () => {
    expect(nextBlockEdge(morning, zone, london('2026-06-05T12:00'))).toBe(london('2026-06-08T09:00'))
  })

  it('is null with no blocks', () => {
    expect(nextBlockEdge([], zone, london('2026-06-01T08:00') + minute)).toBeNull()
  })
})
