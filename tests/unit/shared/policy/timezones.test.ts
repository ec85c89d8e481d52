// Named zones with real 2026 transitions. Expected instants are computed
// independently with Temporal from a zoned string, and a few are written out
// by hand as ISO instants with offsets.
import { Temporal } from 'temporal-polyfill'
import { describe, expect, it } from 'vitest'
import type { Weekday } from '../../../../src/shared/model'
import {
  blockIntervalsBetween,
  checkInTimesBetween,
  nextCheckIn,
  nextRawCheckIn,
} from '../../../../src/shared/policy'
import { hour, settingsWith, wall } from './wall'

const allWeek: Weekday[] = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun']
const weekdays: Weekday[] = ['mon', 'tue', 'wed', 'thu', 'fri']

/** The check-ins of one local day, from its midnight to the next. */
function checkInsOnDay(times: string[], zone: string, date: string): number[] {
  const start = Temporal.PlainDate.from(date).toZonedDateTime(zone)
  const end = start.add({ days: 1 })
  const windows = times.map((time) => ({ days: allWeek, time }))
  return checkInTimesBetween(windows, zone, start.epochMilliseconds - 1, end.epochMilliseconds - 1)
}

const hourly = Array.from({ length: 24 }, (_, index) => `${String(index).padStart(2, '0')}:00`)

describe('America/New_York', () => {
  const zone = 'America/New_York'

  it('holds a 02:30 check-in once on the spring-forward day, at 03:30 EDT', () => {
    expect(checkInsOnDay(['02:30'], zone, '2026-03-08')).toEqual([Date.parse('2026-03-08T03:30:00-04:00')])
  })

  it('holds a 01:30 check-in once on the fall-back day, at the earlier 01:30 EDT', () => {
    expect(checkInsOnDay(['01:30'], zone, '2026-11-01')).toEqual([Date.parse('2026-11-01T01:30:00-04:00')])
  })

  it('gives 23 hourly check-ins on the spring-forward day and 24 on the fall-back day', () => {
    expect(checkInsOnDay(hourly, zone, '2026-03-08')).toHaveLength(23)
    expect(checkInsOnDay(hourly, zone, '2026-11-01')).toHaveLength(24)
  })

  it('keeps 09:30 at 09:30 local across the spring weekend', () => {
    const checkIns = [{ days: weekdays, time: '09:30' }]
    const friday = wall('2026-03-06T09:30', zone)
    expect(friday).toBe(Date.parse('2026-03-06T14:30:00Z'))
    expect(nextRawCheckIn(checkIns, zone, friday)).toBe(wall('2026-03-09T09:30', zone))
    expect(nextRawCheckIn(checkIns, zone, friday)).toBe(Date.parse('2026-03-09T13:30:00Z'))
  })

  it('lengthens an overnight block across the fall-back night to nine hours', () => {
    const blocks = [{ days: ['sat' as const], start: '22:00', end: '06:00' }]
    const at = wall('2026-11-01T03:00', zone)
    expect(blockIntervalsBetween(blocks, zone, at, at + 1)).toEqual([
      { start: Date.parse('2026-11-01T02:00:00Z'), end: Date.parse('2026-11-01T11:00:00Z') },
    ])
  })
})

describe('Europe/London', () => {
  const zone = 'Europe/London'

  it('holds a 01:30 check-in once on the spring-forward day, at 02:30 BST', () => {
    expect(checkInsOnDay(['01:30'], zone, '2026-03-29')).toEqual([Date.parse('2026-03-29T01:30:00Z')])
  })

  it('holds a 01:30 check-in once on the fall-back day, at the earlier 01:30 BST', () => {
    expect(checkInsOnDay(['01:30'], zone, '2026-10-25')).toEqual([Date.parse('2026-10-25T00:30:00Z')])
  })

  it('places a Sunday 09:30 check-in on summer time the day the clocks change', () => {
    const checkIns = [{ days: ['sun' as const], time: '09:30' }]
    const expected = Temporal.ZonedDateTime.from('2026-03-29T09:30[Europe/London]').epochMilliseconds
    expect(nextRawCheckIn(checkIns, zone, Date.parse('2026-03-28T12:00:00Z'))).toBe(expected)
    expect(expected).toBe(Date.parse('2026-03-29T08:30:00Z'))
  })

  it('places a Sunday 09:30 check-in on winter time the day the clocks go back', () => {
    const checkIns = [{ days: ['sun' as const], time: '09:30' }]
    expect(nextRawCheckIn(checkIns, zone, Date.parse('2026-10-24T12:00:00Z'))).toBe(
      Date.parse('2026-10-25T09:30:00Z'),
    )
  })

  it('counts a wall time skipped by the gap and the real time it shifts to as one check-in', () => {
    expect(checkInsOnDay(['01:30', '02:30'], zone, '2026-03-29')).toEqual([
      Date.parse('2026-03-29T01:30:00Z'),
    ])
  })

  it('shortens an overnight block across the spring-forward night to seven hours', () => {
    const blocks = [{ days: ['sat' as const], start: '22:00', end: '06:00' }]
    const at = Date.parse('2026-03-29T03:00:00Z')
    expect(blockIntervalsBetween(blocks, zone, at, at + 1)).toEqual([
      { start: Date.parse('2026-03-28T22:00:00Z'), end: Date.parse('2026-03-29T05:00:00Z') },
    ])
  })

  it('moves a check-in in the gap inside a block to the block end in summer time', () => {
    const settings = settingsWith({
      timeZone: zone,
      checkIns: [{ days: ['sun'], time: '01:30' }],
      deepWorkBlocks: [{ days: ['sun'], start: '01:00', end: '03:00' }],
    })
    expect(nextCheckIn(settings, zone, [], Date.parse('2026-03-28T23:00:00Z'))).toBe(
      Date.parse('2026-03-29T02:00:00Z'),
    )
  })
})

describe('Australia/Lord_Howe (30-minute DST)', () => {
  const zone = 'Australia/Lord_Howe'

  it('holds a 02:15 check-in once when the clocks skip 02:00 to 02:30, at 02:45 +11:00', () => {
    expect(checkInsOnDay(['02:15'], zone, '2026-10-04')).toEqual([Date.parse('2026-10-04T02:45:00+11:00')])
  })

  it('holds a 01:45 check-in once when the clocks repeat 01:30 to 02:00, at the earlier +11:00', () => {
    expect(checkInsOnDay(['01:45'], zone, '2026-04-05')).toEqual([
      Temporal.ZonedDateTime.from('2026-04-05T01:45+11:00[Australia/Lord_Howe]').epochMilliseconds,
    ])
  })

  it('gives every hourly check-in once on both change days', () => {
    expect(checkInsOnDay(hourly, zone, '2026-04-05')).toHaveLength(24)
    expect(checkInsOnDay(hourly, zone, '2026-10-04')).toHaveLength(24)
  })

  it('moves a Monday 09:00 check-in to +10:30 after summer time ends', () => {
    const checkIns = [{ days: ['mon' as const], time: '09:00' }]
    expect(nextRawCheckIn(checkIns, zone, Date.parse('2026-04-04T00:00:00Z'))).toBe(
      Date.parse('2026-04-06T09:00:00+10:30'),
    )
  })
})

describe('Asia/Kathmandu (+05:45)', () => {
  const zone = 'Asia/Kathmandu'

  it('places a 09:30 check-in at 03:45 UTC', () => {
    expect(checkInsOnDay(['09:30'], zone, '2026-06-01')).toEqual([Date.parse('2026-06-01T03:45:00Z')])
  })

  it('places a 09:00–11:30 block at 03:15–05:45 UTC', () => {
    const blocks = [{ days: weekdays, start: '09:00', end: '11:30' }]
    const at = Date.parse('2026-06-01T04:00:00Z')
    expect(blockIntervalsBetween(blocks, zone, at, at + 1)).toEqual([
      { start: Date.parse('2026-06-01T03:15:00Z'), end: Date.parse('2026-06-01T05:45:00Z') },
    ])
  })
})

describe('Pacific/Chatham (+12:45 / +13:45)', () => {
  const zone = 'Pacific/Chatham'

  it('holds a 03:00 check-in once when the clocks skip 02:45 to 03:45, at 04:00 +13:45', () => {
    expect(checkInsOnDay(['03:00'], zone, '2026-09-27')).toEqual([Date.parse('2026-09-26T14:15:00Z')])
  })

  it('holds a 03:00 check-in once when the clocks repeat 02:45 to 03:45, at the earlier +13:45', () => {
    expect(checkInsOnDay(['03:00'], zone, '2026-04-05')).toEqual([Date.parse('2026-04-05T03:00:00+13:45')])
  })

  it('places a weekday 09:30 check-in at +12:45 in winter and +13:45 in summer', () => {
    const checkIns = [{ days: weekdays, time: '09:30' }]
    expect(nextRawCheckIn(checkIns, zone, Date.parse('2026-07-05T00:00:00Z'))).toBe(
      wall('2026-07-06T09:30', zone),
    )
    expect(wall('2026-07-06T09:30', zone)).toBe(Date.parse('2026-07-05T20:45:00Z'))
    expect(nextRawCheckIn(checkIns, zone, Date.parse('2026-12-06T00:00:00Z'))).toBe(
      Date.parse('2026-12-07T09:30:00+13:45'),
    )
  })

  it('merges the skipped 03:00 with 04:00 on the spring-forward day, giving 23 hourly check-ins', () => {
    const times = checkInsOnDay(hourly, zone, '2026-09-27')
    expect(times).toHaveLength(23)
    expect(times).toContain(Date.parse('2026-09-27T04:00:00+13:45'))
    expect(times[3]! - times[2]!).toBe(hour)
  })
})
