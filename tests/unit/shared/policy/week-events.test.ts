// The calendar on the Focus week: events cut at midnight into the days of
// the week shown, in minutes of each day, on a DST day too.
import { describe, expect, it } from 'vitest'
import { eventPieces, weekDatesAround } from '../../../../src/shared/policy'
import { wall } from './wall'

const zone = 'Europe/Berlin'

describe('calendar events on the week grid', () => {
  const week = weekDatesAround(wall('2026-03-25T12:00', zone), zone)

  it('places a meeting on its day, and cuts one across midnight in two', () => {
    const pieces = eventPieces(
      [
        {
          start: wall('2026-03-24T14:30', zone),
          end: wall('2026-03-24T15:30', zone),
          kind: 'meeting',
          title: 'Design review',
        },
        {
          start: wall('2026-03-26T22:00', zone),
          end: wall('2026-03-27T02:00', zone),
          kind: 'focus',
          title: 'Night shift',
        },
      ],
      week,
      zone,
    )
    expect(pieces).toEqual([
      { day: 'tue', from: 870, to: 930, title: 'Design review', kind: 'meeting' },
      { day: 'thu', from: 1320, to: 1440, title: 'Night shift', kind: 'focus' },
      { day: 'fri', from: 0, to: 120, title: 'Night shift', kind: 'focus' },
    ])
  })

  it('reads wall times on the day the clocks change, and leaves out days of other weeks', () => {
    const pieces = eventPieces(
      [
        {
          start: wall('2026-03-29T01:00', zone),
          end: wall('2026-03-29T04:00', zone),
          kind: 'meeting',
          title: 'Deploy',
        },
        {
          start: wall('2026-04-02T10:00', zone),
          end: wall('2026-04-02T11:00', zone),
          kind: 'meeting',
          title: 'Next week',
        },
      ],
      week,
      zone,
    )
    expect(pieces).toEqual([{ day: 'sun', from: 60, to: 240, title: 'Deploy', kind: 'meeting' }])
  })
})
