// The attention state the views show, computed live from Dexie with the
// same policy functions the engine uses: nothing is mirrored by hand. The
// store is read again only when it changes; the clock's tick re-derives
// focus and the next check-in from what was already read.
import { useLiveQuery } from 'dexie-react-hooks'
import { useMemo } from 'react'
import type { FocusSession, Settings } from '../../shared/model'
import { activeSession, deepWorkAt, nextCheckIn, resolveTimeZone } from '../../shared/policy'
import { useServices } from '../app-context'
import { countHeldBySource, type HeldCounts } from '../db/item-queries'
import { focusLookbackMs, listFocusSessions, loadSettings } from '../db/repositories'
import { systemClock } from '../engine/clock'
import { useNow } from './use-now'

/** How often the views' clock ticks: often enough for "next check-in 13:00" and a session's end. */
export const attentionTickMs = 10_000
const hourMs = 60 * 60_000

export type Attention = {
  now: number
  zone: string
  settings: Settings
  session: FocusSession | null
  deep: ReturnType<typeof deepWorkAt>
  nextCheckInAt: number | null
}

export function useAttention(): Attention | undefined {
  const { db } = useServices()
  const now = useNow(attentionTickMs)
  // The query's window moves once an hour, not with every tick; the exact
  // lookback is applied below, on the rows already read.
  const sessionsSince = Math.floor(now / hourMs) * hourMs - focusLookbackMs
  const data = useLiveQuery(async () => {
    const [sessions, loaded] = await Promise.all([listFocusSessions(db, sessionsSince), loadSettings(db)])
    return { sessions, settings: loaded.settings }
  }, [db, sessionsSince])
  return useMemo(() => (data ? deriveAttention(data.sessions, data.settings, now) : undefined), [data, now])
}

function deriveAttention(allSessions: FocusSession[], settings: Settings, now: number): Attention {
  const sessions = allSessions.filter((session) => session.startedAt >= now - focusLookbackMs)
  const zone = resolveTimeZone(settings, systemClock.systemZone())
  return {
    now,
    zone,
    settings,
    session: activeSession(sessions, now),
    deep: deepWorkAt(settings.deepWorkBlocks, sessions, zone, now),
    nextCheckInAt: nextCheckIn(settings, zone, sessions, now),
  }
}

/** The held count, in all and per source, counted on the indexes; re-read only when items change. */
export function useHeldCounts(): HeldCounts | undefined {
  const { db } = useServices()
  return useLiveQuery(() => countHeldBySource(db), [db])
}
