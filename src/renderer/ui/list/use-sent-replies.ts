// The replies Lull sent to DMs held in deep work, by the DM's item id, for
// the rows that say "you replied at 09:42: …". The table holds one row per
// reply, so reading it whole stays small.
import { useLiveQuery } from 'dexie-react-hooks'
import { useServices } from '../../app-context'
import { sentReplies } from '../../db/replies'
import type { SentReply } from './TriageRow'

const none: ReadonlyMap<string, SentReply> = new Map()

export function useSentReplies(): ReadonlyMap<string, SentReply> {
  const { db } = useServices()
  return useLiveQuery(() => sentReplies(db), [db]) ?? none
}
