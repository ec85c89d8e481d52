import { describe, expect, it } from 'vitest'
import type { Settings } from '../../../../src/shared/model'
import { dueCheckIn, endFocus, nextCheckIn, startFocus } from '../../../../src/shared/policy'
import { day, settingsWith, wall } from './wall'

const zone = 'Europe/London'
// 2026-06-01 is a Monday. Defaults: check-ins 09:30, 13:00, 16:30 on
// weekdays, one deep-work block 09:00–11:30.
const london = (local: string) => wall(local, zone)
const weekdays = ['mon', 'tue', 'wed', 'thu', 'fri'] as const
const settings: Settings = settingsWith({ timeZone: zone })
const noBlocks: Settings = settingsWith({ timeZone: zone, deepWorkBlocks: [] })

describe('nextCheckIn', () => {
  it('is the next scheduled check-in outside deep work', () => {
    expect(nextCheckIn(settings, zone, [], london('2026-06-01T12:00'))).toBe(london('2026-06-01T13:00'))
  })

  it('moves a check-in inside a deep-work block to the end of the block', () => {
    expect(nextCheckIn(settings, zone, [], london('2026-06-01T08:00'))).toBe(london('2026-06-01T11:30'))
  })

  it('keeps waiting for the block to end after the check-in time has passed', () => {
    expect(nextCheckIn(settings, zone, [], london('2026-06-01T10:00'))).toBe(london('2026-06-01T11:30'))
  })

  it('turns two check-ins inside one block into one at its end', () => {
    const twoInside = settingsWith({
      timeZone: zone,
      checkIns: [
        { days: [...weekdays], time: '09:30' },
        { days: [...weekdays], time: '10:45' },
        { days: [...weekdays], time: '13:00' },
      ],
    })
    const first = nextCheckIn(twoInside, zone, [], london('2026-06-01T08:00'))
    expect(first).toBe(london('2026-06-01T11:30'))
    expect(nextCheckIn(twoInside, zone, [], first!)).toBe(london('2026-06-01T13:00'))
  })

  it('does not move a check-in at the very moment a block ends', () => {
    const atEnd = settingsWith({ timeZone: zone, checkIns: [{ days: [...weekdays], time: '11:30' }] })
    expect(nextCheckIn(atEnd, zone, [], london('2026-06-01T08:00'))).toBe(london('2026-06-01T11:30'))
  })

  it('moves a check-in at the very moment a block starts', () => {
    const atStart = settingsWith({ timeZone: zone, checkIns: [{ days: [...weekdays], time: '09:00' }] })
    expect(nextCheckIn(atStart, zone, [], london('2026-06-01T08:00'))).toBe(london('2026-06-01T11:30'))
  })

  it('moves a check-in inside a block that crosses midnight to the next morning', () => {
    const night = settingsWith({
      timeZone: zone,
      checkIns: [{ days: ['mon'], time: '23:00' }],
      deepWorkBlocks: [{ days: ['mon'], start: '22:00', end: '07:00' }],
    })
    expect(nextCheckIn(night, zone, [], london('2026-06-01T20:00'))).toBe(london('2026-06-02T07:00'))
  })

  it('waits for a focus session to end before a check-in inside it', () => {
    const session = startFocus({ kind: 'minutes', minutes: 50 }, london('2026-06-01T12:40'), null, 's1')
    expect(nextCheckIn(settings, zone, [session], london('2026-06-01T12:45'))).toBe(
      london('2026-06-01T13:30'),
    )
  })

  it('holds the check-in when the user ends the session early only until that moment', () => {
    const session = endFocus(
      startFocus({ kind: 'minutes', minutes: 50 }, london('2026-06-01T12:40'), null, 's1'),
      london('2026-06-01T13:10'),
    )
    expect(nextCheckIn(settings, zone, [session], london('2026-06-01T12:45'))).toBe(
      london('2026-06-01T13:10'),
    )
  })

  it('is null while an until-stopped session defers the check-ins', () => {
    const session = startFocus({ kind: 'until-stopped' }, london('2026-06-01T12:00'), null, 's1')
    expect(nextCheckIn(settings, zone, [session], london('2026-06-01T12:05'))).toBeNull()
  })

  it('is null with no check-ins scheduled', () => {
    expect(nextCheckIn(settingsWith({ checkIns: [] }), zone, [], london('2026-06-01T12:00'))).toBeNull()
  })

  it('reads the schedule in the zone it is given', () => {
    // 06:00 UTC is 07:00 in London and 11:45 in Kathmandu.
    const at = Date.parse('2026-06-01T06:00:00Z')
    expect(nextCheckIn(noBlocks, 'Europe/London', [], at)).toBe(Date.parse('2026-06-01T08:30:00Z'))
    expect(nextCheckIn(noBlocks, 'Asia/Kathmandu', [], at)).toBe(Date.parse('2026-06-01T07:15:00Z'))
  })
})

describe('dueCheckIn', () => {
  it('is due once the check-in time has come', () => {
    expect(dueCheckIn(settings, zone, [], london('2026-06-01T12:00'), london('2026-06-01T13:00'))).toEqual({
      at: london('2026-06-01T13:00'),
      missed: 1,
    })
  })

  it('is not due before the check-in time', () => {
    expect(dueCheckIn(settings, zone, [], london('2026-06-01T12:00'), london('2026-06-01T12:59'))).toBeNull()
  })

  it('is not due again for the check-in already delivered', () => {
    expect(dueCheckIn(settings, zone, [], london('2026-06-01T13:00'), london('2026-06-01T13:05'))).toBeNull()
  })

  it('turns a sleep across one check-in into one due check-in', () => {
    expect(dueCheckIn(settings, zone, [], london('2026-06-01T12:00'), london('2026-06-01T14:00'))).toEqual({
      at: london('2026-06-01T13:00'),
      missed: 1,
    })
  })

  it('turns a sleep across three check-ins into one due check-in that counts three', () => {
    // 13:00 and 16:30 on Monday, then Tuesday's 09:30 moved to the block's end at 11:30.
    expect(dueCheckIn(settings, zone, [], london('2026-06-01T12:00'), london('2026-06-02T12:00'))).toEqual({
      at: london('2026-06-02T11:30'),
      missed: 3,
    })
  })

  it('is null after the clock jumped backwards', () => {
    expect(dueCheckIn(settings, zone, [], london('2026-06-01T14:00'), london('2026-06-01T12:00'))).toBeNull()
  })

  it('counts a sleep of a month as one due check-in with the latest time', () => {
    const due = dueCheckIn(settings, zone, [], london('2026-06-01T12:00'), london('2026-07-01T12:00'))
    expect(due?.at).toBe(london('2026-07-01T11:30'))
    expect(due?.missed).toBeGreaterThanOrEqual(1)
  })

  it('finds check-ins from before a focus session that has run for weeks', () => {
    const session = startFocus({ kind: 'until-stopped' }, london('2026-06-01T14:00'), null, 's1')
    const due = dueCheckIn(
      settings,
      zone,
      [session],
      london('2026-06-01T12:00'),
      london('2026-06-01T14:00') + 30 * day,
    )
    expect(due).toEqual({ at: london('2026-06-01T13:00'), missed: 1 })
  })

  it('delivers the check-ins an until-stopped session deferred once it ends', () => {
    const session = endFocus(
      startFocus({ kind: 'until-stopped' }, london('2026-06-01T12:00'), null, 's1'),
      london('2026-06-02T15:00'),
    )
    expect(
      dueCheckIn(noBlocks, zone, [session], london('2026-06-01T11:00'), london('2026-06-02T15:05')),
    ).toEqual({
      at: london('2026-06-02T15:00'),
      missed: 1,
    })
  })

  it('uses the new zone after a time-zone change', () => {
    // 11:00 UTC: 12:00 in London, 16:45 in Kathmandu; the next 13:00 check-in differs.
    const now = Date.parse('2026-06-01T11:00:00Z')
    const inLondon = nextCheckIn(noBlocks, 'Europe/London', [], now)
    const inKathmandu = nextCheckIn(noBlocks, 'Asia/Kathmandu', [], now)
    expect(inLondon).toBe(Date.parse('2026-06-01T13:00:00+01:00'))
    expect(inKathmandu).toBe(Date.parse('2026-06-02T09:30:00+05:45'))
    expect(dueCheckIn(noBlocks, 'Asia/Kathmandu', [], now, inLondon!)).toBeNull()
  })
})
