// The attention state the views show, computed live from Dexie with the
// same policy functions the engine uses: nothing is mirrored by hand.
import { useLiveQuery } from 'dexie-react-hooks'
import type { FocusSession, InboxItem, Settings } from '../../shared/model'
import { activeSession, countBySource, deepWorkAt, nextCheckIn, resolveTimeZone } from '../../shared/policy'
import { useServices } from '../app-context'
import { listRecentFocusSessions, loadSettings } from '../db/repositories'
import { systemClock } from '../engine/clock'
import { useNow } from './use-now'

export type Attention = {
  now: number
  zone: string
  settings: Settings
  session: FocusSession | null
  deep: ReturnType<typeof deepWorkAt>
  nextCheckInAt: number | null
  held: InboxItem[]
  heldCounts: ReturnType<typeof countBySource>
}

export function useAttention(): Attention | undefined {
  const { db } = useServices()
  const now = useNow(5_000)
  const data = useLiveQuery(async () => {
    const [sessions, held, loaded] = await Promise.all([
      listRecentFocusSessions(db, now),
      db.items.where('status').equals('held').toArray(),
      loadSettings(db),
    ])
    return { sessions, held, settings: loaded.settings }
  }, [db, now])
  if (!data) return undefined
  const { settings } = data
  const zone = resolveTimeZone(settings, systemClock.systemZone())
  const session = activeSession(data.sessions, now)
  return {
    now,
    zone,
    settings,
    session,
    deep: deepWorkAt(settings.deepWorkBlocks, data.sessions, zone, now),
    nextCheckInAt: nextCheckIn(settings, zone, data.sessions, now),
    held: data.held,
    heldCounts: countBySource(data.held),
  }
}
