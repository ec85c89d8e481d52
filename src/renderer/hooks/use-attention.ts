// The attention state the views show, computed live from Dexie with the
// same policy functions the engine uses: nothing is mirrored by hand.
import { useLiveQuery } from 'dexie-react-hooks'
import type { FocusSession, InboxItem, Settings } from '../../shared/model'
import {
  activeSession,
  countBySource,
  deepWorkAt,
  nextCheckIn,
  parseStoredSettings,
  resolveTimeZone,
} from '../../shared/policy'
import { useServices } from '../app-context'
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
    const [sessions, held, settingsRow] = await Promise.all([
      db.focusSessions
        .where('startedAt')
        .above(now - 7 * 24 * 60 * 60_000)
        .toArray(),
      db.items.where('status').equals('held').toArray(),
      db.settings.get('settings'),
    ])
    return { sessions, held, settingsRow }
  }, [db, now])
  if (!data) return undefined
  const settings = parseStoredSettings(data.settingsRow?.value).settings
  const zone = resolveTimeZone(settings, Intl.DateTimeFormat().resolvedOptions().timeZone)
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
