// Reads one calendar (ICS address, local file, or a CalDAV calendar) and
// expands it for the window the renderer asks about. The last good copy of
// each calendar is kept here, so a calendar that fails to load or to parse
// this time is still used as it was; conditional requests are only made
// while a copy is in hand, so a restart always starts with a full read.
import { expandCalendar } from '../../shared/calendar/expand'
import type { CalendarOccurrence } from '../../shared/calendar/occurrence'
import type { Fetch } from '../net'
import { fetchCalDavCalendar } from './caldav'
import type { CalendarProblem } from './feed-limits'
import { type FeedValidators, fetchFeed } from './ics-feed'
import { type FileValidators, readCalendarFile } from './ics-file'

export type CalendarSource =
  | { kind: 'ics-url'; url: string }
  | { kind: 'ics-file'; path: string }
  | { kind: 'caldav'; serverUrl: string; calendarUrl: string }

export type CalendarSecret = { user?: string; password?: string }

export type CalendarRead = {
  /** 'updated': a new copy was read; 'unchanged': the copy in hand is current; 'failed': see problem. */
  status: 'updated' | 'unchanged' | 'failed'
  /** Whether the occurrences below come from a good copy; false only when no copy was ever read this run. */
  hasCopy: boolean
  occurrences: CalendarOccurrence[]
  /** Events that could not be read (a broken RRULE, an unknown zone); the rest is used. */
  notes: string[]
  problem: CalendarProblem | null
}

export type ReadRequest = {
  calendarId: string
  source: CalendarSource
  secret: CalendarSecret | null
  window: { from: number; to: number }
  zone: string
  personEmails: string[]
}

type Copy = {
  texts: string[]
  feed?: FeedValidators
  file?: FileValidators
  ctag?: string | null
}

export class CalendarReader {
  private readonly copies = new Map<string, Copy>()

  constructor(private readonly fetch: Fetch) {}

  async read(request: ReadRequest): Promise<CalendarRead> {
    const held = this.copies.get(request.calendarId)
    const outcome = await this.load(request, held)
    if (outcome.kind === 'fetched') {
      const expansion = expand(outcome.copy.texts, request)
      // A copy that yields nothing but notes is not better than the last good one.
      if (held && expansion.occurrences.length === 0 && expansion.notes.length > 0) {
        const kept = expand(held.texts, request)
        return {
          status: 'failed',
          hasCopy: true,
          occurrences: kept.occurrences,
          notes: expansion.notes,
          problem: {
            kind: 'not-icalendar',
            message: 'The new copy of the calendar could not be read; the last good copy is still used.',
          },
        }
      }
      this.copies.set(request.calendarId, outcome.copy)
      return { status: 'updated', hasCopy: true, ...expansion, problem: null }
    }
    const kept = held ? expand(held.texts, request) : { occurrences: [], notes: [] }
    if (outcome.kind === 'unchanged')
      return { status: 'unchanged', hasCopy: Boolean(held), ...kept, problem: null }
    return { status: 'failed', hasCopy: Boolean(held), ...kept, problem: outcome.problem }
  }

  /** Forget a calendar's copy (removed, or its address changed). */
  forget(calendarId: string): void {
    this.copies.delete(calendarId)
  }

  private async load(
    request: ReadRequest,
    held: Copy | undefined,
  ): Promise<
    { kind: 'fetched'; copy: Copy } | { kind: 'unchanged' } | { kind: 'failed'; problem: CalendarProblem }
  > {
    const { source, secret } = request
    if (source.kind === 'ics-url') {
      const basicAuth =
        secret?.user && secret.password ? { user: secret.user, password: secret.password } : undefined
      const result = await fetchFeed({
        url: source.url,
        fetch: this.fetch,
        ...(held?.feed ? { validators: held.feed } : {}),
        ...(basicAuth ? { basicAuth } : {}),
      })
      if (result.kind !== 'fetched') return result
      return { kind: 'fetched', copy: { texts: [result.text], feed: result.validators } }
    }
    if (source.kind === 'ics-file') {
      const result = await readCalendarFile(source.path, held?.file)
      if (result.kind !== 'fetched') return result
      return {
        kind: 'fetched',
        copy: { texts: [result.text], ...(result.fileValidators ? { file: result.fileValidators } : {}) },
      }
    }
    if (!secret?.user || !secret.password)
      return {
        kind: 'failed',
        problem: {
          kind: 'unauthorized',
          message: 'The CalDAV sign-in is missing. Connect the calendar account again.',
        },
      }
    const login = {
      serverUrl: source.serverUrl,
      user: secret.user,
      password: secret.password,
      fetch: this.fetch,
    }
    const result = await fetchCalDavCalendar(login, source.calendarUrl, held?.ctag ?? null)
    if (result.kind !== 'fetched') return result
    return { kind: 'fetched', copy: { texts: result.texts, ctag: result.ctag } }
  }
}

function expand(
  texts: string[],
  request: ReadRequest,
): { occurrences: CalendarOccurrence[]; notes: string[] } {
  const occurrences: CalendarOccurrence[] = []
  const notes: string[] = []
  for (const text of texts) {
    const expansion = expandCalendar(text, {
      calendarId: request.calendarId,
      window: request.window,
      zone: request.zone,
      personEmails: request.personEmails,
    })
    occurrences.push(...expansion.occurrences)
    for (const note of expansion.notes) if (notes.length < 50) notes.push(note.message)
  }
  occurrences.sort((a, b) => a.start - b.start || a.id.localeCompare(b.id))
  return { occurrences, notes }
}
