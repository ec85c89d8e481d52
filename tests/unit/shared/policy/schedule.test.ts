import { describe, expect, it } from 'vitest'
import {
  blockIntervalsBetween,
  checkInTimesBetween,
  nextRawCheckIn,
  resolveTimeZone,
} from '../../../../src/shared/policy'
import { day, settingsWith, wall } from './wall'

const zone = 'Europe/London'
// 2026-06-01 is a Monday; London is on BST (+01:00).
const london = (local: string) => wall(local, zone)
const weekdays = ['mon', 'tue', 'wed', 'thu', 'fri'] as const

describe('resolveTimeZone', () => {
  it('uses the zone the settings name', () => {
    expect(resolveTimeZone(settingsWith({ timeZone: 'Asia/Kathmandu' }), 'Europe/London')).toBe(
      'Asia/Kathmandu',
    )
  })

  it('follows the system zone when the settings name none', () => {
    expect(resolveTimeZone(settingsWith({ timeZone: null }), 'America/New_York')).toBe('America/New_York')
  })

  it('falls back to the system zone when the settings name an unknown zone', () => {
    expect(resolveTimeZone(settingsWith({ timeZone: 'Mars/Olympus_Mons' }), 'Europe/London')).toBe(
      'Europe/London',
    )
  })

  it('falls back to UTC when neither zone is known', () => {
    expect(resolveTimeZone(settingsWith({ timeZone: null }), 'Nowhere/Atall')).toBe('UTC')
  })
})

describe('checkInTimesBetween', () => {
  it('lists every weekday check-in of a week in order', () => {
    const checkIns = [
      { days: [...weekdays], time: '16:30' },
      { days: [...weekdays], time: '09:30' },
    ]
    const times = checkInTimesBetween(checkIns, zone, london('2026-06-01T00:00'), london('2026-06-08T00:00'))
    expect(times).toHaveLength(10)
    expect(times[0]).toBe(Date.parse('2026-06-01T08:30:00Z'))
    expect(times[1]).toBe(london('2026-06-01T16:30'))
    expect(times.at(-1)).toBe(london('2026-06-05T16:30'))
  })

  it('excludes a check-in exactly at the start and includes one exactly at the end', () => {
    const checkIns = [{ days: [...weekdays], time: '09:30' }]
    const times = checkInTimesBetween(checkIns, zone, london('2026-06-01T09:30'), london('2026-06-02T09:30'))
    expect(times).toEqual([london('2026-06-02T09:30')])
  })

  it('counts two windows at the same time on the same day once', () => {
    const checkIns = [
      { days: ['mon' as const], time: '09:30' },
      { days: ['mon' as const, 'tue' as const], time: '09:30' },
    ]
    const times = checkInTimesBetween(checkIns, zone, london('2026-06-01T00:00'), london('2026-06-02T00:00'))
    expect(times).toEqual([london('2026-06-01T09:30')])
  })

  it('keeps to the days a window names', () => {
    const checkIns = [{ days: ['wed' as const], time: '12:00' }]
    const times = checkInTimesBetween(checkIns, zone, london('2026-06-01T00:00'), london('2026-06-15T00:00'))
    expect(times).toEqual([london('2026-06-03T12:00'), london('2026-06-10T12:00')])
  })
})

describe('nextRawCheckIn', () => {
  const checkIns = [
    { days: [...weekdays], time: '09:30' },
    { days: [...weekdays], time: '13:00' },
  ]

  it('is strictly after the given instant', () => {
    expect(nextRawCheckIn(checkIns, zone, london('2026-06-01T09:30'))).toBe(london('2026-06-01T13:00'))
  })

  it('skips the weekend from a Friday afternoon to Monday morning', () => {
    expect(nextRawCheckIn(checkIns, zone, london('2026-06-05T17:00'))).toBe(london('2026-06-08T09:30'))
  })

  it('finds a once-a-week check-in almost seven days ahead', () => {
    const weekly = [{ days: ['mon' as const], time: '09:00' }]
    expect(nextRawCheckIn(weekly, zone, london('2026-06-01T09:01'))).toBe(london('2026-06-08T09:00'))
  })

  it('is null with no check-ins scheduled', () => {
    expect(nextRawCheckIn([], zone, london('2026-06-01T09:00'))).toBeNull()
  })

  it('sees a schedule edited in place rather than a remembered one', () => {
    const editable = [{ days: [...weekdays], time: '09:30' }]
    expect(nextRawCheckIn(editable, zone, london('2026-06-01T08:00'))).toBe(london('2026-06-01T09:30'))
    editable[0]!.time = '10:15'
    expect(nextRawCheckIn(editable, zone, london('2026-06-01T08:00'))).toBe(london('2026-06-01T10:15'))
  })
})

describe('blockIntervalsBetween', () => {
  it('gives a block its concrete interval on the days it runs', () => {
    const blocks = [{ days: ['tue' as const], start: '09:00', end: '11:30' }]
    const intervals = blockIntervalsBetween(
      blocks,
      zone,
      london('2026-06-01T00:00'),
      london('2026-06-08T00:00'),
    )
    expect(intervals).toEqual([{ start: london('2026-06-02T09:00'), end: london('2026-06-02T11:30') }])
  })

  it('includes a block that began the evening before and crosses midnight', () => {
    const blocks = [{ days: ['mon' as const], start: '22:00', end: '06:00' }]
    const intervals = blockIntervalsBetween(
      blocks,
      zone,
      london('2026-06-02T01:00'),
      london('2026-06-02T02:00'),
    )
    expect(intervals).toEqual([{ start: london('2026-06-01T22:00'), end: london('2026-06-02T06:00') }])
  })

  it('merges overlapping and touching blocks into one interval', () => {
    const blocks = [
      { days: ['mon' as const], start: '09:00', end: '11:30' },
      { days: ['mon' as const], start: '11:30', end: '12:00' },
      { days: ['mon' as const], start: '10:00', end: '10:30' },
    ]
    const intervals = blockIntervalsBetween(
      blocks,
      zone,
      london('2026-06-01T00:00'),
      london('2026-06-02T00:00'),
    )
    expect(intervals).toEqual([{ start: london('2026-06-01T09:00'), end: london('2026-06-01T12:00') }])
  })

  it('leaves out blocks that end before the span begins', () => {
    const blocks = [{ days: [...weekdays], start: '09:00', end: '11:30' }]
    const from = london('2026-06-01T11:30')
    const intervals = blockIntervalsBetween(blocks, zone, from, from + 12 * 60 * 60_000)
    expect(intervals).toEqual([])
  })

  it('finds every weekday block across a month', () => {
    const blocks = [{ days: [...weekdays], start: '09:00', end: '11:30' }]
    const intervals = blockIntervalsBetween(
      blocks,
      zone,
      london('2026-06-01T00:00'),
      london('2026-06-01T00:00') + 28 * day,
    )
    expect(intervals).toHaveLength(20)
  })
})
