// Shows the notifications the store says are pending, and forgets each one
// only once it is out. Breakthroughs go through the breakthrough limit here,
// at the moment of sending, so the cooldown record is written only for
// notices that were really shown.
import { z } from 'zod'
import type { CallRequest } from '../../shared/contract'
import type { InboxItem, Settings, UrgentRule } from '../../shared/model'
import { describeCheckIn, planBreakthroughNotices } from '../../shared/policy'
import { deferNotice, listDueNotices, postponeNotice } from '../db/notices'
import { getMeta } from '../db/repositories'
import type { LullDb, PendingNotice } from '../db/schema'
import type { HostClient } from '../host/client'

export const lastNotifiedKey = 'breakthroughLastNotified'
const LastNotified = z.record(z.string(), z.number())

type BreakthroughRow = Extract<PendingNotice, { kind: 'breakthrough' }>
type CheckInRow = Extract<PendingNotice, { kind: 'check-in' }>

export type NoticeSender = ReturnType<typeof createNoticeSender>

export function createNoticeSender(deps: {
  db: LullDb
  host: HostClient
  report: (message: string) => void
}) {
  const { db, host, report } = deps

  /** True when the host showed it or said it cannot (no notification support: the item waits in the app). */
  async function show(request: CallRequest<'notify:show'>): Promise<boolean> {
    try {
      await host.call('notify:show', request)
      return true
    } catch {
      return false
    }
  }

  async function giveUp(rows: PendingNotice[], now: number, what: string) {
    for (const row of rows) {
      const isKept = await deferNotice(db, row, now)
      if (!isKept) report(`${what} could not be shown after several tries; it is in Lull.`)
    }
  }

  async function sendBreakthroughs(rows: BreakthroughRow[], settings: Settings, now: number) {
    const items = await db.items.bulkGet(rows.map((row) => row.itemId))
    const matches: Array<{ item: InboxItem; rule: UrgentRule }> = []
    const dropped: string[] = []
    rows.forEach((row, index) => {
      const item = items[index]
      const rule = settings.urgentRules.find((candidate) => candidate.id === row.ruleId)
      // The item was removed with its account, or the rule was deleted: nothing to say any more.
      if (!item || !rule) dropped.push(row.id)
      else matches.push({ item, rule })
    })
    const previous = await getMeta(db, lastNotifiedKey, LastNotified, {})
    const plan = planBreakthroughNotices(
      matches,
      previous,
      now,
      settings.breakthroughCooldownMinutes * 60_000,
    )
    const planned = new Set(plan.notices.flatMap((notice) => notice.itemIds))
    // Items the cooldown keeps quiet are delivered already; they only make no sound.
    for (const row of rows) if (!planned.has(row.itemId)) dropped.push(row.id)
    const record: Record<string, number> = {}
    const plannedKeys = new Set(plan.notices.flatMap((notice) => notice.cooldownKeys))
    for (const [key, at] of Object.entries(plan.lastNotifiedAt)) if (!plannedKeys.has(key)) record[key] = at
    const failed: BreakthroughRow[] = []
    for (const notice of plan.notices) {
      const isOut = await show({
        kind: 'breakthrough',
        title: notice.title,
        body: notice.body,
        target: notice.target,
        isSilent: false,
      })
      const noticeRows = rows.filter((row) => notice.itemIds.includes(row.itemId))
      if (!isOut) {
        failed.push(...noticeRows)
        continue
      }
      for (const key of notice.cooldownKeys) record[key] = now
      dropped.push(...noticeRows.map((row) => row.id))
    }
    await db.transaction('rw', db.notices, db.meta, async () => {
      await db.notices.bulkDelete(dropped)
      await db.meta.put({ key: lastNotifiedKey, value: record })
    })
    await giveUp(failed, now, 'An urgent notification')
  }

  async function sendCheckIns(rows: CheckInRow[], now: number, deepUntil: number | null | 'deep') {
    for (const row of rows) {
      // Nothing but a breakthrough interrupts deep work: a check-in notice waits for it to end.
      if (deepUntil !== null) {
        await postponeNotice(db, row.id, deepUntil === 'deep' ? now + 60_000 : deepUntil)
        continue
      }
      const digest = await db.digests.get(row.digestId)
      if (!digest) {
        await db.notices.delete(row.id)
        continue
      }
      const described = describeCheckIn(digest.counts, digest.conversations)
      // After an absence in the calendar: "Welcome back · Check-in: 41 conversations (96 updates)".
      const title = digest.isWelcomeBack ? `Welcome back · ${described.title}` : described.title
      const { body } = described
      const isOut = await show({
        kind: 'check-in',
        title,
        body,
        target: { view: 'digest', digestId: digest.id },
        isSilent: true,
      })
      if (isOut) await db.notices.delete(row.id)
      else await giveUp([row], now, 'A check-in notification')
    }
  }

  return {
    /**
     * Send every notice that is due. `deepUntil` is when deep work ends
     * (null when not in deep work, 'deep' when it runs until stopped).
     */
    async sendDue(settings: Settings, now: number, deepUntil: number | null | 'deep'): Promise<void> {
      const due = await listDueNotices(db, now)
      if (due.length === 0) return
      const breakthroughs = due.filter((row): row is BreakthroughRow => row.kind === 'breakthrough')
      const checkIns = due.filter((row): row is CheckInRow => row.kind === 'check-in')
      if (breakthroughs.length > 0) await sendBreakthroughs(breakthroughs, settings, now)
      if (checkIns.length > 0) await sendCheckIns(checkIns, now, deepUntil)
    },
  }
}
