// The Dexie database: its tables, their indexes, and every schema version
// with the upgrade that carries rows from one to the next.
import Dexie, { type Table, type Transaction } from 'dexie'
import type { CalendarOccurrence } from '../../shared/calendar/occurrence'
import type { Account, Digest, FocusSession, InboxItem } from '../../shared/model'
import { upgradeAccountV1, upgradeItemV1, v1SettingsKeysMovedToMeta } from './upgrade-v1'

/** Where one stream of one account has been read up to. */
export type CursorRow = {
  /** `${accountId}|${stream}` */
  key: string
  accountId: string
  stream: string
  cursor: string | null
  /** The source asked not to be polled again sooner than this (e.g. GitHub's X-Poll-Interval). */
  pollAfterMs?: number
  /** When the cursor last moved (a re-pull that ends at the same cursor does not rewrite it). */
  updatedAt: number
}

/** A key-value row; the value is parsed with zod whenever it is read. */
export type KeyValueRow = { key: string; value: unknown }

export const defaultDbName = 'lull'

/** Meta key: items received up to this time are in the search index (db/search.ts). */
export const searchWatermarkKey = 'searchIndexedUpTo'

export const cursorKey = (accountId: string, stream: string) => `${accountId}|${stream}`

/**
 * Version 1, the first shape that shipped. Its rows differ from today's:
 * - items stored the conversation key as `thread` (now `threadKey`) and the
 *   Slack channel or GitHub repository as an optional `channel` (now the
 *   required `container`; email had none, its mailbox is the stream); there
 *   was no 'snoozed' status.
 * - accounts stored `watched: string[]` (stream ids) instead of `streams`
 *   with names.
 * - cursors already had the shape of CursorRow.
 * - the last check-in time lived in settings under the key 'lastCheckInAt'.
 * Exported so the migration test can create a real version-1 database.
 */
export const schemaV1 = {
  items: 'id, status, receivedAt, accountId',
  accounts: 'id',
  cursors: 'key',
  settings: 'key',
}

/**
 * Version 2. Each index is paid for on every item write
 * (measured in Chromium: each string index made an ingest 15–40% slower), so items
 * carry only what a query needs:
 * - `[status+receivedAt]`: the held count, lists by status, check-ins; Dexie
 *   could answer `where('status')` from it, but the code names the
 *   compound index in full: version 11's `[status+conversationKey]` also
 *   starts with status and holds only keyed items.
 * - `digestId`: the items of one digest; free at ingest (new items have none).
 * No `accountId` index: ids are `<accountId>:<externalId>`, so an account's
 * items are a primary-key range.
 */
export const schemaV2 = {
  items: 'id, [status+receivedAt], digestId',
  accounts: 'id',
  cursors: 'key, accountId',
  settings: 'key',
  digests: 'id, at',
  focusSessions: 'id, startedAt',
  meta: 'key',
}

/**
 * Version 3: adds `[accountId+threadKey]`, so an item
 * opens with the rest of its conversation (thread keys are unique within an
 * account only). It costs ingest one more index write per item; the
 * benchmark reports what that costs. No rows change, so no upgrade function.
 */
export const schemaV3 = {
  ...schemaV2,
  items: 'id, [status+receivedAt], digestId, [accountId+threadKey]',
}

/**
 * Version 4: two small tables, no change to the rows already stored.
 * - `notices`: notifications that must still be shown. A breakthrough's
 *   notice is written in the same transaction as its urgent item, a
 *   check-in's in the same transaction as its digest, and deleted once the
 *   notification is out: a window that dies in between still sends it on
 *   the next start.
 * - `quarantine`: stored rows that no longer parse as an item, set aside
 *   with the reason, so one bad row cannot take a view or a check-in down.
 * Items gain two indexes, so the views count and list without reading rows:
 * - `[status+source]`: the held count per source, counted on the index.
 *   It is written at ingest and again at each check-in (the status changes).
 *   Measured with bench/ingest.ts (30,000 items, Chromium): a first ingest
 *   took about 5.9 s with it against 4.8 s without, a raw put into the same
 *   indexes 7% longer; runs vary by ±30%.
 * - `urgentRuleId`: the breakthroughs. Only urgent items have the field, and
 *   IndexedDB writes no index entry for a row without it, so it costs the
 *   other items nothing.
 */
export const schemaV4 = {
  ...schemaV3,
  items: 'id, [status+receivedAt], digestId, [accountId+threadKey], [status+source], urgentRuleId',
  notices: 'id, nextAttemptAt',
  quarantine: 'id, at',
}

/**
 * Version 5 adds the write-back outbox: "done" (and "read") on its way to
 * the source. It lives in the store so a restart does not lose it; each row
 * is retried until it is written or has had its last try.
 */
export const schemaV5 = {
  ...schemaV4,
  outbox: 'id, nextAttemptAt, accountId',
}

/**
 * Version 6 adds the search index: one row per (term, item), keyed so a
 * prefix of a term is a key range. It is filled behind ingest, not in its
 * transaction (db/search.ts), so storing items costs what it did.
 */
export const schemaV6 = {
  ...schemaV5,
  searchTerms: '[term+itemId], itemId',
}

/**
 * Version 7 keys the search index by time: one posting per (term, item),
 * `[term+at+itemId]` with `at` the item's arrival, so one term's items are a
 * key range already in time order, read newest first and stopped at the
 * result limit. `searchWords` lists each term once with its number of
 * postings, so a half-typed word becomes the terms it begins, and a query
 * knows which word is rarest, without walking any postings.
 * `searchPending` names items whose words an edit changed: ingest writes
 * it in its own transaction, so no edit goes unindexed after a crash. The v6
 * rows (ordered by item id) are dropped and the index is rebuilt behind
 * ingest from the start (db/search.ts).
 */
export const schemaV7 = {
  ...schemaV6,
  searchTerms: null,
  searchPostings: '[term+at+itemId], itemId',
  searchWords: 'term',
  searchPending: 'itemId',
}

/**
 * Version 8 indexes `conversationKey` (shared/conversation.ts), so the
 * members of one conversation, across sources and accounts, are one key
 * range. Ingest writes the key with each item; an item without one (every
 * row stored before this version) has no index entry, which costs nothing.
 * No upgrade function: keying 100,000 stored rows inside the version change
 * would hold the store shut while it runs, so they are keyed behind ingest,
 * a page per transaction (db/conversation-keys.ts).
 */
export const schemaV8 = {
  ...schemaV7,
  items:
    'id, [status+receivedAt], digestId, [accountId+threadKey], [status+source], urgentRuleId, conversationKey',
}

/**
 * Version 9: calendars. `calendars` holds one row per calendar of a
 * calendar account (no secret: the address and sign-in stay in main's
 * vault), `calendarEvents` the occurrences of the window Lull looks at,
 * by calendar and by start.
 */
export const schemaV9 = {
  ...schemaV8,
  calendars: 'id, accountId',
  calendarEvents: 'id, calendarId, start',
}

/** One calendar: whether it counts, and how its last read went. */
export type CalendarRow = {
  /** `<accountId>:<calendarKey>`, the occurrences' calendarId. */
  id: string
  accountId: string
  calendarKey: string
  kind: 'ics-url' | 'ics-file' | 'caldav'
  /** The account's label (a host, a file name, a CalDAV user) and the calendar's own name. */
  accountLabel: string
  name: string
  /** Whether its events change check-ins and shielding; every calendar is still drawn. */
  isCounted: boolean
  addedAt: number
  lastReadAt: number | null
  /** The last read's problem, said on the account; null when it read well. */
  problem: string | null
  /** Events that could not be read, from the last read. */
  notes: string[]
}

/**
 * Version 10 adds `replies`: the reply to a DM held during deep work, one
 * row per DM (keyed by its item id), written in the same transaction as its
 * outbox row, so it is sent once whatever stops Lull, and kept after it is
 * sent: the DM's row shows it, Stats counts the people told, and the policy
 * reads who was told already. Indexed by account and by when it was queued.
 */
export const schemaV10 = {
  ...schemaV9,
  replies: 'id, accountId, queuedAt',
}

/** The reply to one DM; see schemaV10. */
export type ReplyRow = {
  /** The DM's item id. */
  id: string
  accountId: string
  /** Who was told, by the source's id and by name. */
  authorId: string
  authorName: string
  /** The conversation the reply goes to. */
  channel: string
  text: string
  /** The deep-work stretch it answered in, and the check-in it named. */
  stretchStart: number
  checkInAt: number
  queuedAt: number
  /**
   * 'sending' once a try began: a try that Lull did not see finish may have
   * reached Slack, so the next one looks before it posts. 'expired' when
   * the check-in it named passed before it could be sent (it is dropped);
   * 'taken-back' once the person deleted it from the DM through Lull.
   */
  state: 'queued' | 'sending' | 'sent' | 'failed' | 'expired' | 'taken-back'
  sentAt: number | null
  /** Slack's id of the message once sent, to take it back. */
  ts?: string
  error: string | null
}

/**
 * Version 11 adds `[status+conversationKey]`: how many conversations wait
 * for a check-in is the number of distinct keys in the held range, read
 * from the index without a row. (9 and 10 are the calendar and reply tables.)
 */
export const schemaV11 = {
  ...schemaV10,
  items:
    'id, [status+receivedAt], digestId, [accountId+threadKey], [status+source], urgentRuleId, conversationKey, [status+conversationKey]',
}

/** One term of one item; `at` is the item's `receivedAt`. */
export type SearchPostingRow = { term: string; at: number; itemId: string }
/** A term and how many postings it has (an estimate that only errs high: removals do not lower it). */
export type SearchWordRow = { term: string; count: number }

export type OutboxRow = {
  /** `<action>:<item id>`: marking the same item twice queues one write. */
  id: string
  action: 'done' | 'read' | 'reply'
  itemId: string
  accountId: string
  kind: Account['kind']
  externalId: string
  createdAt: number
  attempts: number
  nextAttemptAt: number
  /** 'failed' after the last try; the error says why, for the item and the accounts view. */
  state: 'pending' | 'failed'
  error: string | null
  /** The item's status before "done", so undo puts it back. */
  previousStatus: InboxItem['status']
}

/** A notification still to be shown; see schemaV4. */
export type PendingNotice =
  | {
      id: string
      kind: 'breakthrough'
      itemId: string
      ruleId: string
      /** When the urgent item arrived, epoch ms. */
      at: number
      attempts: number
      nextAttemptAt: number
    }
  | {
      id: string
      kind: 'check-in'
      digestId: string
      at: number
      attempts: number
      nextAttemptAt: number
    }

export const breakthroughNoticeId = (itemId: string) => `breakthrough:${itemId}`
export const checkInNoticeId = (digestId: string) => `check-in:${digestId}`

/**
 * Set aside, with why: a stored row that no longer parses ('items'), or an
 * item a source sent that could not be made to fit the contract ('pull'; its
 * row names the account, stream and external id, the cursor moved past it).
 */
export type QuarantineRow = { id: string; table: 'items' | 'pull'; row: unknown; reason: string; at: number }

export class LullDb extends Dexie {
  items!: Table<InboxItem, string>
  accounts!: Table<Account, string>
  cursors!: Table<CursorRow, string>
  digests!: Table<Digest, string>
  focusSessions!: Table<FocusSession, string>
  settings!: Table<KeyValueRow, string>
  meta!: Table<KeyValueRow, string>
  notices!: Table<PendingNotice, string>
  quarantine!: Table<QuarantineRow, string>
  outbox!: Table<OutboxRow, string>
  searchPostings!: Table<SearchPostingRow, [string, number, string]>
  searchWords!: Table<SearchWordRow, string>
  searchPending!: Table<{ itemId: string }, string>
  replies!: Table<ReplyRow, string>
  calendars!: Table<CalendarRow, string>
  calendarEvents!: Table<CalendarOccurrence, string>

  constructor(name: string = defaultDbName) {
    super(name)
    this.version(1).stores(schemaV1)
    this.version(2).stores(schemaV2).upgrade(upgradeToV2)
    this.version(3).stores(schemaV3)
    this.version(4).stores(schemaV4)
    this.version(5).stores(schemaV5)
    this.version(6).stores(schemaV6)
    this.version(7).stores(schemaV7).upgrade(upgradeToV7)
    this.version(8).stores(schemaV8)
    this.version(9).stores(schemaV9)
    this.version(10).stores(schemaV10)
    this.version(11).stores(schemaV11)
  }
}

async function upgradeToV2(tx: Transaction): Promise<void> {
  await tx
    .table('items')
    .toCollection()
    .modify((row: Record<string, unknown>) => upgradeItemV1(row))
  await tx
    .table('accounts')
    .toCollection()
    .modify((row: Record<string, unknown>) => upgradeAccountV1(row))
  const settings = tx.table<KeyValueRow, string>('settings')
  const moved = await settings.bulkGet([...v1SettingsKeysMovedToMeta])
  const rows = moved.filter((row): row is KeyValueRow => row !== undefined)
  await tx.table<KeyValueRow, string>('meta').bulkPut(rows)
  await settings.bulkDelete(rows.map((row) => row.key))
}

/** The search index starts over: its watermark goes with the old rows. */
async function upgradeToV7(tx: Transaction): Promise<void> {
  await tx.table('meta').delete(searchWatermarkKey)
}
