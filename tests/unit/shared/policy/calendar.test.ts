// What the calendar changes in the attention policy, each behaviour on its
// own: meetings move check-ins to their end, focus events shield like
// blocks, an absence holds everything but "even on leave" rules and ends in
// a welcome back, and a check-in can come before the day's first meeting.
import { describe, expect, it } from 'vitest'
import type { CalendarOccurrence } from '../../../../src/shared/calendar/occurrence'
import { defaultCalendarSettings, type Settings } from '../../../../src/shared/model'
import {
  type CalendarInterval,
  calendarIntervals,
  checkInsBetween,
  deepWorkAt,
  describeNextCheckIn,
  nextCheckIn,
  nextCheckInWithReason,
  settingsAt,
  simulate,
} from '../../../../src/shared/policy'
import { hour, minute, settingsWith, wall } from './wall'

const zone = 'Europe/Berlin'
const at = (local: string) => wall(local, zone)

function occurrence(title: string, start: string, end: string, extra: Partial<CalendarOccurrence> = {}) {
  return {
    id: `cal:${title}:${start}`,
    calendarId: 'cal',
    title,
    categories: [],
    start: at(start),
    end: at(end),
    isAllDay: false,
    showAs: 'busy' as const,
    ...extra,
  }
}

// Weekdays 09:30, 13:00 and 16:30; a 09:00–11:30 block.
const settings: Settings = settingsWith({ timeZone: zone })
const noBlocks: Settings = settingsWith({ timeZone: zone, deepWorkBlocks: [] })

describe('meetings', () => {
  const calendar = calendarIntervals(
    [occurrence('Design review', '2026-03-24T12:30', '2026-03-24T14:30')],
    settings.calendar,
  )

  it('move a check-in that falls inside one to its end, and say after what', () => {
    const reason = nextCheckInWithReason(settings, zone, [], at('2026-03-24T12:00'), calendar)
    expect(reason?.at).toBe(at('2026-03-24T14:30'))
    expect(reason?.movedBy).toBe('event')
    const text = describeNextCheckIn({ reason, hasCheckIns: true, zone, now: at('2026-03-24T12:00') })
    expect(text.line).toBe('Next check-in 14:30, after Design review')
  })

  it('chain when back to back, so the check-in waits for the last one', () => {
    const chained = calendarIntervals(
      [
        occurrence('Design review', '2026-03-24T12:30', '2026-03-24T13:30'),
        occurrence('1:1', '2026-03-24T13:30', '2026-03-24T14:00'),
      ],
      settings.calendar,
    )
    expect(nextCheckIn(settings, zone, [], at('2026-03-24T12:00'), chained)).toBe(at('2026-03-24T14:00'))
  })

  it('change nothing with the switch off, nor when free, declined or all day', () => {
    const off = { ...settings.calendar, waitForMeetings: false }
    expect(
      nextCheckIn(
        settings,
        zone,
        [],
        at('2026-03-24T12:00'),
        calendarIntervals([occurrence('Design review', '2026-03-24T12:30', '2026-03-24T14:30')], off),
      ),
    ).toBe(at('2026-03-24T13:00'))
    const free = calendarIntervals(
      [
        occurrence('Lunch', '2026-03-24T12:30', '2026-03-24T14:30', { showAs: 'free' }),
        occurrence('Offsite', '2026-03-24T00:00', '2026-03-25T00:00', { isAllDay: true }),
      ],
      settings.calendar,
    )
    expect(free).toEqual([])
  })

  it('keep a digest back until the person is out of the meeting, in the replay too', () => {
    const events = simulate(
      noBlocks,
      [{ id: 'a', at: at('2026-03-24T12:10'), threadKey: 't', container: '#general', source: 'slack' }],
      at('2026-03-24T12:00'),
      at('2026-03-24T18:00'),
      { zone, pollMs: minute, calendar },
    )
    const digests = events.filter((event) => event.kind === 'digest')
    expect(digests[0]).toMatchObject({ at: at('2026-03-24T14:30'), itemIds: ['a'] })
  })
})

describe('focus events', () => {
  const calendar = calendarIntervals(
    [occurrence('❇️ Focus Time (via Clockwise)', '2026-03-26T12:00', '2026-03-26T15:00')],
    settings.calendar,
  )

  it('shield like a deep-work block, and name the event', () => {
    const deep = deepWorkAt(settings.deepWorkBlocks, [], zone, at('2026-03-26T12:30'), calendar)
    expect(deep).toMatchObject({ isDeep: true, until: at('2026-03-26T15:00'), source: 'event' })
    expect(deep.eventTitle).toBe('❇️ Focus Time (via Clockwise)')
    expect(nextCheckIn(settings, zone, [], at('2026-03-26T12:00'), calendar)).toBe(at('2026-03-26T15:00'))
  })

  it('match by category as well as title, ignoring case', () => {
    const byCategory = calendarIntervals(
      [occurrence('Writing', '2026-03-26T12:00', '2026-03-26T15:00', { categories: ['DEEP WORK'] })],
      settings.calendar,
    )
    expect(byCategory[0]?.kind).toBe('focus')
  })

  it('count as ordinary meetings with the switch off', () => {
    const off = calendarIntervals([occurrence('Focus', '2026-03-26T12:00', '2026-03-26T15:00')], {
      ...settings.calendar,
      focusFromEvents: false,
    })
    expect(off[0]?.kind).toBe('meeting')
    expect(deepWorkAt([], [], zone, at('2026-03-26T12:30'), off).isDeep).toBe(false)
  })
})

describe('out of office', () => {
  const away: CalendarInterval[] = calendarIntervals(
    [occurrence('Out of office', '2026-03-30T00:00', '2026-04-01T00:00', { isAllDay: true })],
    settings.calendar,
  )

  it('skips the check-ins inside it; the first after it is a welcome back', () => {
    const found = checkInsBetween(noBlocks, zone, [], at('2026-03-27T17:00'), at('2026-04-01T12:00'), away)
    expect(found.map((reason) => reason.at)).toEqual([at('2026-04-01T09:30')])
    expect(found[0]?.isWelcomeBack).toBe(true)
    const text = describeNextCheckIn({
      reason: found[0] ?? null,
      hasCheckIns: true,
      zone,
      now: at('2026-03-31T12:00'),
    })
    expect(text.line).toBe('Next check-in Wed 09:30 — welcome back')
  })

  it('holds urgent items of ordinary rules until the welcome back, but not of rules marked even on leave', () => {
    const withLeaveRule = settingsWith({
      timeZone: zone,
      deepWorkBlocks: [],
      urgentRules: [
        { id: 'incidents', kind: 'slack-channel', channel: '#incidents' },
        { id: 'pager', kind: 'slack-channel', channel: '#pager', evenOnLeave: true },
      ],
    })
    const arrivals = [
      {
        id: 'incident',
        at: at('2026-03-30T10:00'),
        threadKey: 'i',
        container: '#incidents',
        source: 'slack' as const,
      },
      {
        id: 'page',
        at: at('2026-03-30T10:00'),
        threadKey: 'p',
        container: '#pager',
        source: 'slack' as const,
      },
    ]
    const events = simulate(withLeaveRule, arrivals, at('2026-03-30T08:00'), at('2026-04-01T12:00'), {
      zone,
      pollMs: minute,
      calendar: away,
      isUrgent: (item) => (item.container === '#pager' ? 'pager' : 'incidents'),
    })
    expect(events.filter((event) => event.kind === 'breakthrough').flatMap((event) => event.itemIds)).toEqual(
      ['page'],
    )
    const digest = events.find((event) => event.kind === 'digest' && event.itemIds.includes('incident'))
    expect(digest?.at).toBe(at('2026-04-01T09:30'))
  })

  it('reads a long "OOO" event as an absence and a short one as a meeting', () => {
    const [long, short] = calendarIntervals(
      [
        occurrence('OOO – offsite', '2026-03-24T09:00', '2026-03-24T17:00'),
        occurrence('OOO dentist', '2026-03-25T09:00', '2026-03-25T10:00'),
      ],
      defaultCalendarSettings,
    )
    expect([long?.kind, short?.kind]).toEqual(['away', 'meeting'])
  })
})

describe('before my first meeting', () => {
  it('adds a check-in the chosen minutes before each day’s first meeting', () => {
    const withBefore = settingsWith({
      timeZone: zone,
      deepWorkBlocks: [],
      calendar: { ...defaultCalendarSettings, checkInBeforeFirstMeetingMinutes: 15 },
    })
    const calendar = calendarIntervals(
      [
        occurrence('Stand-up', '2026-03-24T10:00', '2026-03-24T10:15'),
        occurrence('Design review', '2026-03-24T14:30', '2026-03-24T15:30'),
      ],
      withBefore.calendar,
    )
    const found = checkInsBetween(
      withBefore,
      zone,
      [],
      at('2026-03-24T08:00'),
      at('2026-03-24T12:00'),
      calendar,
    )
    expect(found.map((reason) => reason.at)).toEqual([at('2026-03-24T09:30'), at('2026-03-24T09:45')])
    expect(nextCheckIn(withBefore, zone, [], at('2026-03-24T09:45') - hour, calendar)).toBe(
      at('2026-03-24T09:30'),
    )
  })
})

describe('urgency while away', () => {
  it('keeps only the rules marked even on leave, and all of them otherwise', () => {
    const withRules = settingsWith({
      urgentRules: [
        { id: 'incidents', kind: 'slack-channel', channel: '#incidents' },
        { id: 'pager', kind: 'slack-channel', channel: '#pager', evenOnLeave: true },
      ],
    })
    const away = calendarIntervals(
      [occurrence('Vacation', '2026-03-30T00:00', '2026-04-01T00:00', { isAllDay: true })],
      withRules.calendar,
    )
    expect(settingsAt(withRules, away, at('2026-03-30T10:00')).urgentRules.map((rule) => rule.id)).toEqual([
      'pager',
    ])
    expect(settingsAt(withRules, away, at('2026-04-01T10:00')).urgentRules).toHaveLength(2)
  })
})
