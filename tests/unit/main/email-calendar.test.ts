// A calendar invitation's event read from its iCalendar text: SUMMARY,
// DTSTART and ORGANIZER of the first VEVENT, with folded lines unfolded.
import { describe, expect, it } from 'vitest'
import { describeEvent, readCalendarEvent } from '../../../src/main/sources/email/calendar'

const invitation = [
  'BEGIN:VCALENDAR',
  'PRODID:-//Example Corp//Calendar//EN',
  'METHOD:REQUEST',
  'BEGIN:VTIMEZONE',
  'TZID:Europe/Berlin',
  'END:VTIMEZONE',
  'BEGIN:VEVENT',
  'SUMMARY:Quarterly planning\\, with the whole team\\; bring numbers and a long title',
  '  that was folded',
  'DTSTART;TZID=Europe/Berlin:20261124T100000',
  'DTEND;TZID=Europe/Berlin:20261124T110000',
  'ORGANIZER;CN="Lovelace; Ada":mailto:ada@example.test',
  'END:VEVENT',
  'BEGIN:VEVENT',
  'SUMMARY:A second event',
  'END:VEVENT',
  'END:VCALENDAR',
  '',
].join('\r\n')

describe('reading an invitation', () => {
  it('reads the first event: its title unescaped and unfolded, its start with its zone, its organizer', () => {
    expect(readCalendarEvent(invitation)).toEqual({
      method: 'REQUEST',
      summary: 'Quarterly planning, with the whole team; bring numbers and a long title that was folded',
      start: '2026-11-24 10:00 (Europe/Berlin)',
      organizer: 'Lovelace; Ada <ada@example.test>',
    })
  })

  it('says a UTC start as UTC and an all-day start as its day', () => {
    const at = (start: string) =>
      readCalendarEvent(`BEGIN:VCALENDAR\nBEGIN:VEVENT\n${start}\nEND:VEVENT\nEND:VCALENDAR`)?.start
    expect(at('DTSTART:20261124T090000Z')).toBe('2026-11-24 09:00 UTC')
    expect(at('DTSTART;VALUE=DATE:20261124')).toBe('2026-11-24')
  })

  it('finds no event in a calendar without one', () => {
    expect(
      readCalendarEvent('BEGIN:VCALENDAR\r\nBEGIN:VTODO\r\nSUMMARY:x\r\nEND:VTODO\r\nEND:VCALENDAR'),
    ).toBeNull()
  })

  it('describes an invitation as what, when and who invites', () => {
    expect(
      describeEvent({
        method: 'REQUEST',
        summary: 'Planning',
        start: '2026-11-24 10:00 (Europe/Berlin)',
        organizer: 'Ada <ada@example.test>',
      }),
    ).toBe('Invitation: Planning\nWhen: 2026-11-24 10:00 (Europe/Berlin)\nOrganizer: Ada <ada@example.test>')
  })

  it('describes a cancellation as cancelled', () => {
    expect(describeEvent({ method: 'CANCEL', summary: 'Planning' })).toBe('Cancelled: Planning')
  })
})
