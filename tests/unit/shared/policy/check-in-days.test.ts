// Check-in times each with their own days, and one-offs on their one date:
// the schedule, the form rows, the stored settings (old rows still read)
// and the week grid.
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { type CheckInWindow, defaultSettings, Settings, weekdays } from '../../../../src/shared/model'
import {
  checkInMarks,
  checkInsFromRows,
  checkInTimesBetween,
  formatDate,
  nextCheckIn,
  nextRawCheckIn,
  parseStoredSettings,
  rowsFromCheckIns,
  validateSettings,
  weekDatesAround,
} from '../../../../src/shared/policy'
import { day, wall } from './wall'

const london = 'Europe/London'

describe('a one-off check-in', () => {
  const once: CheckInWindow = { date: '2026-03-11', time: '14:35' } // a Wednesday

  it('happens on its date only, never again the next week', () => {
    const from = wall('2026-03-09T00:00', london)
    expect(checkInTimesBetween([once], london, from, from + 21 * day)).toEqual([
      wall('2026-03-11T14:35', london),
    ])
    expect(nextRawCheckIn([once], london, wall('2026-03-11T14:35', london))).toBeNull()
  })

  it('comes before a later weekly time and after an earlier one', () => {
    const weekly: CheckInWindow = { days: ['wed'], time: '16:00' }
    const morning: CheckInWindow = { days: ['wed'], time: '09:00' }
    const after = wall('2026-03-11T10:00', london)
    expect(nextRawCheckIn([weekly, once, morning], london, after)).toBe(wall('2026-03-11T14:35', london))
    expect(nextRawCheckIn([weekly, once], london, wall('2026-03-11T15:00', london))).toBe(
      wall('2026-03-11T16:00', london),
    )
  })

  it('is found weeks ahead when it is the only check-in', () => {
    const far: CheckInWindow = { date: '2026-05-01', time: '09:00' }
    expect(nextRawCheckIn([far], london, wall('2026-03-01T00:00', london))).toBe(
      wall('2026-05-01T09:00', london),
    )
  })

  it('moves to the end of deep work like any check-in', () => {
    const settings = {
      ...defaultSettings,
      checkIns: [once],
      deepWorkBlocks: [{ days: ['wed' as const], start: '14:00', end: '15:30' }],
    }
    expect(nextCheckIn(settings, london, [], wall('2026-03-11T12:00', london))).toBe(
      wall('2026-03-11T15:30', london),
    )
  })
})

describe('stored check-ins', () => {
  it('read an old row, where every time is weekly, unchanged', () => {
    const old = { ...defaultSettings, checkIns: [{ days: ['mon', 'tue'], time: '09:30' }] }
    expect(parseStoredSettings(JSON.parse(JSON.stringify(old)))).toEqual({ settings: old, error: null })
  })

  it('keep a one-off as a one-off through a save and a read', () => {
    const saved = validateSettings({
      ...defaultSettings,
      checkIns: [
        { days: ['mon', 'tue', 'wed', 'thu', 'fri'], time: '09:30' },
        { date: '2026-03-11', time: '14:35' },
      ],
    })
    expect(saved.ok).toBe(true)
    if (!saved.ok) return
    const read = parseStoredSettings(JSON.parse(JSON.stringify(saved.settings)))
    expect(read.settings.checkIns).toEqual([
      { days: ['mon', 'tue', 'wed', 'thu', 'fri'], time: '09:30' },
      { date: '2026-03-11', time: '14:35' },
    ])
  })

  it('say where a time has neither days nor a date, and refuse a date that does not exist', () => {
    const result = validateSettings({
      ...defaultSettings,
      checkIns: [{ time: '09:30' }, { date: '2026-02-30', time: '10:00' }],
    })
    expect(result.ok).toBe(false)
    if (result.ok) return
    expect(result.errors).toEqual(
      expect.arrayContaining([
        { path: 'checkIns.0.days', message: 'Pick at least one day.' },
        { path: 'checkIns.1.date', message: 'That day does not exist.' },
      ]),
    )
  })

  it('drop a one-off that a weekly time already covers, and say so', () => {
    const result = validateSettings({
      ...defaultSettings,
      checkIns: [
        { days: ['wed'], time: '14:35' },
        { date: '2026-03-11', time: '14:35' },
      ],
    })
    expect(result.ok && result.settings.checkIns).toEqual([{ days: ['wed'], time: '14:35' }])
    expect(result.ok && result.notes[0]).toMatch(/one-off check-in at 14:35 on 2026-03-11/)
  })

  it('parse back to what was given, in any mix (property)', () => {
    const weekly = fc.record({
      days: fc.uniqueArray(fc.constantFrom(...weekdays), { minLength: 1, maxLength: 7 }),
      time: fc.constantFrom('00:00', '09:30', '13:05', '23:59'),
    })
    const oneOff = fc.record({
      date: fc
        .date({ min: new Date('2000-01-01'), max: new Date('2099-12-31'), noInvalidDate: true })
        .map((date) => date.toISOString().slice(0, 10)),
      time: fc.constantFrom('07:00', '14:35'),
    })
    fc.assert(
      fc.property(fc.array(fc.oneof(weekly, oneOff), { maxLength: 6 }), (checkIns) => {
        const parsed = Settings.parse({ ...defaultSettings, checkIns })
        expect(parsed.checkIns).toEqual(checkIns)
      }),
    )
  })
})

describe('check-in rows in a form', () => {
  it('edit each time with its own days, and a one-off with its date', () => {
    const rows = rowsFromCheckIns(
      [
        { days: ['fri', 'mon'], time: '09:30' },
        { date: '2026-03-11', time: '14:35' },
      ],
      '2026-03-10',
    )
    expect(rows).toEqual([
      { time: '09:30', days: ['mon', 'fri'], date: null },
      { time: '14:35', days: [], date: '2026-03-11' },
    ])
    expect(checkInsFromRows(rows)).toEqual({
      ok: true,
      value: [
        { days: ['mon', 'fri'], time: '09:30' },
        { date: '2026-03-11', time: '14:35' },
      ],
    })
  })

  it('leave out a one-off whose day has passed', () => {
    expect(rowsFromCheckIns([{ date: '2026-03-11', time: '14:35' }], '2026-03-12')).toEqual([])
  })

  it("say each row's problem on its own field, and read '9:30' as 09:30", () => {
    const parsed = checkInsFromRows([
      { time: '9:30', days: ['mon'], date: null },
      { time: '25:00', days: [], date: null },
      { time: '', days: ['tue'], date: null },
    ])
    expect(parsed).toEqual({
      ok: false,
      problems: [
        {},
        {
          time: "'25:00' isn't a time. A time is written HH:MM, from 00:00 to 23:59.",
          days: 'Pick at least one day.',
        },
        { time: 'Type a time, like 09:30.' },
      ],
    })
  })

  it('write a date as a person reads it', () => {
    expect(formatDate('2026-03-11')).toBe('Wed 11 Mar')
  })
})

describe('the week grid', () => {
  const week = weekDatesAround(wall('2026-03-11T10:00', london), london)

  it('knows the dates of the week shown, Monday first', () => {
    expect(week.mon).toBe('2026-03-09')
    expect(week.sun).toBe('2026-03-15')
  })

  it('draws a weekly time on each of its own days, and a one-off only on its day in this week', () => {
    const marks = checkInMarks(
      [
        { days: ['mon', 'wed'], time: '09:30' },
        { date: '2026-03-11', time: '14:35' },
        { date: '2026-03-18', time: '14:35' },
      ],
      week,
    )
    expect(marks).toEqual([
      { day: 'mon', time: '09:30', isOnce: false },
      { day: 'wed', time: '09:30', isOnce: false },
      { day: 'wed', time: '14:35', isOnce: true },
    ])
  })
})
