// The attention state the views show, computed live from Dexie with the
// same policy functions the engine uses: nothing is mirrored by hand. The
// store is read again only when it changes; the shared clock's tick (on the
// minute, and at the next moment something changes) re-derives focus and
// the next check-in from what was already read. A focus change just asked
// for is shown at once from the engine's memory, before the store has it.
import { useLiveQuery } from 'dexie-react-hooks'
import { useMemo, useSyncExternalStore } from 'react'
import type { FocusSession, Settings } from '../../shared/model'
import {
  activeSession,
  type CalendarInterval,
  type CheckInReason,
  calendarIntervals,
  deepWorkAt,
  type FocusIntent,
  nextBlockEdge,
  nextCalendarEdge,
  nextCheckInWithReason,
  resolveTimeZone,
  withFocusIntent,
} from '../../shared/policy'
import { useServices } from '../app-context'
import { countedOccurrences } from '../db/calendars'
import { countHeldBySource, type HeldCounts } from '../db/item-queries'
import { focusLookbackMs, listFocusSessions, loadSettings } from '../db/repositories'
import { systemClock } from '../engine/clock'
import { useNow, useWakeAt } from './use-now'

const hourMs = 60 * 60_000

export type Attention = {
  now: number
  zone: string
  settings: Settings
  /** The sessions of the last while, with a change just asked for already applied. */
  sessions: FocusSession[]
  session: FocusSession | null
  deep: ReturnType<typeof deepWorkAt>
  nextCheckInAt: number | null
  /** The next check-in and why it is when it is; null when none is coming. */
  nextCheckIn: CheckInReason | null
  /** Meetings, focus events and absences of the counted calendars, as the policy reads them. */
  calendar: CalendarInterval[]
}

export function useAttention(): Attention | undefined {
  const { db, engine } = useServices()
  const clock = useNow()
  const intent = useSyncExternalStore(engine.watchFocusIntent, () => engine.focusIntent)
  // The query's window moves once an hour, not with every tick; the exact
  // lookback is applied below, on the rows already read.
  const sessionsSince = Math.floor(clock / hourMs) * hourMs - focusLookbackMs
  const data = useLiveQuery(async () => {
    const [sessions, loaded, occurrences] = await Promise.all([
      listFocusSessions(db, sessionsSince),
      loadSettings(db),
      countedOccurrences(db, sessionsSince, sessionsSince + 21 * 24 * hourMs),
    ])
    const calendar = calendarIntervals(occurrences, loaded.settings.calendar)
    // When it was read: a session stored a moment ago counts from then, not from the last tick.
    return { sessions, settings: loaded.settings, calendar, readAt: Date.now() }
  }, [db, sessionsSince])
  const attention = useMemo(() => {
    if (!data) return undefined
    const now = Math.max(clock, data.readAt, intentTime(intent))
    return deriveAttention(withFocusIntent(data.sessions, intent), data.settings, data.calendar, now)
  }, [data, clock, intent])
  useWakeAt(attention ? nextChange(attention) : null)
  return attention
}

function intentTime(intent: FocusIntent | null): number {
  if (intent === null) return 0
  return intent.kind === 'start' ? intent.session.startedAt : intent.at
}

function deriveAttention(
  allSessions: FocusSession[],
  settings: Settings,
  calendar: CalendarInterval[],
  now: number,
): Attention {
  const sessions = allSessions.filter((session) => session.startedAt >= now - focusLookbackMs)
  const zone = resolveTimeZone(settings, systemClock.systemZone())
  const nextCheckIn = nextCheckInWithReason(settings, zone, sessions, now, calendar)
  return {
    now,
    zone,
    settings,
    sessions,
    session: activeSession(sessions, now),
    deep: deepWorkAt(settings.deepWorkBlocks, sessions, zone, now, calendar),
    nextCheckInAt: nextCheckIn?.at ?? null,
    nextCheckIn,
    calendar,
  }
}

/** The next moment the state above changes on its own: a session or block edge, or the check-in. */
function nextChange(attention: Attention): number | null {
  const candidates = [
    attention.session?.endsAt ?? null,
    attention.deep.until,
    attention.nextCheckInAt,
    nextBlockEdge(attention.settings.deepWorkBlocks, attention.zone, attention.now),
    nextCalendarEdge(attention.calendar, attention.now),
  ].filter((at): at is number => at !== null && at > attention.now)
  return candidates.length === 0 ? null : Math.min(...candidates)
}

/** The held count, in all and per source, counted on the indexes; re-read only when items change. */
export function useHeldCounts(): HeldCounts | undefined {
  const { db } = useServices()
  return useLiveQuery(() => countHeldBySource(db), [db])
}
