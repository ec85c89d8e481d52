// One page of a mailbox: EXAMINE (read-only, so nothing can change a flag),
// SEARCH above the cursor's UID, FETCH with BODY.PEEK (nothing becomes
// \Seen), each message parsed and converted within bounds. A message that
// cannot be read becomes an item saying so, and the cursor moves past it.
import type { ImapFlow } from 'imapflow'
import PostalMime, { type Email } from 'postal-mime'
import { z } from 'zod'
import { HostError, pullPageLimit } from '../../../shared/contract'
import type { PullResult } from '../source'
import { boundedParts, maxMessageParts } from './mime-bounds'
import { type FetchedMessage, type MessageInput, messageToItem } from './normalize'

const dayMs = 24 * 60 * 60_000

/**
 * Where a mailbox has read to: its UIDVALIDITY and the highest UID given.
 * `since` is set while a first sync (or a resync after UIDVALIDITY changed)
 * is still paging its window of recent days, so its later pages keep to it.
 */
const Cursor = z.object({
  uidValidity: z.string().regex(/^\d{1,20}$/),
  lastUid: z.number().int().min(0).max(4_294_967_295),
  since: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/)
    .optional(),
})
type Cursor = z.infer<typeof Cursor>

export function readCursor(text: string | null): Cursor | null {
  if (text === null) return null
  try {
    const parsed = Cursor.safeParse(JSON.parse(text))
    if (parsed.success) return parsed.data
  } catch {
    // An unreadable cursor reads as none: the recent window is read again, and its items keep their ids.
  }
  return null
}

/** The first day of the window a first sync reads, as IMAP's SEARCH SINCE takes it (a date). */
function windowStart(now: number, days: number): string {
  return new Date(now - days * dayMs).toISOString().slice(0, 10)
}

/** 1,2,3,7,8 as "1:3,7:8": a page of UIDs in a short command. */
export function uidSet(sorted: number[]): string {
  const ranges: string[] = []
  let start = sorted[0]
  let previous = start
  for (const uid of sorted.slice(1).concat(Number.NaN)) {
    if (start === undefined || previous === undefined) break
    if (uid === previous + 1) {
      previous = uid
      continue
    }
    ranges.push(start === previous ? String(start) : `${start}:${previous}`)
    start = uid
    previous = uid
  }
  return ranges.join(',')
}

/** Why a message could not be read, in words a person can take to their mail app. */
function problemOf(error: unknown): string {
  if (error instanceof RangeError) return 'it nests too deeply to read'
  const message = error instanceof Error ? error.message : String(error)
  return message.slice(0, 200) || 'it could not be read'
}

type Parsed = { parsed: Email | null; problem?: string; partsRead?: number }

/** The message parsed, its parts bounded first; a failure is kept as the problem, never thrown. */
async function parse(source: Buffer | undefined): Promise<Parsed> {
  if (!source) return { parsed: null, problem: 'the server sent no content for it' }
  const bounded = boundedParts(source)
  try {
    // The part count is the scan's bound; postal-mime's own is only a second guard.
    const parsed = await PostalMime.parse(bounded.source, { maxPartCount: maxMessageParts + 2 })
    return { parsed, ...(bounded.isCut ? { partsRead: maxMessageParts } : {}) }
  } catch (error) {
    return { parsed: null, problem: problemOf(error) }
  }
}

/**
 * The message as an item; if converting it throws (anything, a stack
 * overflow too), an item that says its body could not be read, with the
 * sender and subject the server's envelope gave.
 */
export async function itemOfMessage(
  source: Buffer | undefined,
  input: Omit<MessageInput, 'parsed' | 'problem' | 'partsRead'>,
): Promise<ReturnType<typeof messageToItem>> {
  const { parsed, problem, partsRead } = await parse(source)
  try {
    return messageToItem({
      ...input,
      parsed,
      ...(problem ? { problem } : {}),
      ...(partsRead !== undefined ? { partsRead } : {}),
    })
  } catch (error) {
    // The fallback uses as little as it can: the envelope, no link.
    const { webUrl: _unused, ...plain } = input
    return messageToItem({ ...plain, parsed: null, problem: problemOf(error) })
  }
}

export type PageSettings = {
  accountId: string
  now: () => number
  /** How far back a mailbox's first sync reads. */
  firstSyncDays: number
  /** How much of each message is read; a bigger one becomes an item that says it was cut. */
  maxMessageBytes: number
  ownAddresses: string[]
  webUrl?: MessageInput['webUrl']
  /** Where each item's message is, for read and done. */
  remember(externalId: string, place: { mailbox: string; uid: number; uidValidity: string }): void
}

type Fetched = FetchedMessage & { source?: Buffer }

/** One page of the mailbox above the cursor, on a client that has it open read-only. */
export async function readPage(
  client: ImapFlow,
  mailbox: string,
  cursorText: string | null,
  progress: () => void,
  refusal: (what: string) => unknown,
  settings: PageSettings,
): Promise<PullResult> {
  const cursor = readCursor(cursorText)
  const box = client.mailbox
  if (!box) throw new HostError('source-junk', `The mail server did not open ${mailbox}.`)
  const uidValidity = String(box.uidValidity)
  const isSameMailbox = cursor !== null && cursor.uidValidity === uidValidity
  // A first sync, or a mailbox whose UIDs were all renumbered (UIDVALIDITY changed):
  // read the recent window again. Items keep their ids (Message-IDs), so nothing is stored twice.
  const since = isSameMailbox ? cursor.since : windowStart(settings.now(), settings.firstSyncDays)
  const after = isSameMailbox ? cursor.lastUid : 0
  // A server that did not say its UIDNEXT is searched anyway.
  const uidNext = Number.isInteger(box.uidNext) && box.uidNext > 0 ? box.uidNext : null
  let uids: number[] = []
  if (box.exists > 0 && (uidNext === null || uidNext > after + 1)) {
    const found = await client.search(
      { uid: `${after + 1}:*`, ...(since ? { since: new Date(`${since}T00:00:00Z`) } : {}) },
      { uid: true },
    )
    if (found === false || found === undefined) throw refusal(`search ${mailbox}`)
    // "n:*" always matches the newest message, even below n.
    uids = found.filter((uid) => uid > after).sort((a, b) => a - b)
    progress()
  }
  const page = uids.slice(0, pullPageLimit)
  const hasMore = uids.length > page.length
  const given: Array<{ uid: number; item: unknown }> = []
  if (page.length > 0) {
    const fetched = client.fetch(
      uidSet(page),
      {
        uid: true,
        envelope: true,
        internalDate: true,
        flags: true,
        size: true,
        threadId: true,
        source: { maxLength: settings.maxMessageBytes },
      },
      { uid: true },
    )
    for await (const message of fetched as AsyncIterable<Fetched>) {
      progress()
      const item = await itemOfMessage(message.source, {
        accountId: settings.accountId,
        mailbox,
        message,
        isCut: (message.size ?? 0) > settings.maxMessageBytes,
        ownAddresses: settings.ownAddresses,
        ...(settings.webUrl ? { webUrl: settings.webUrl } : {}),
      })
      settings.remember(item.externalId, { mailbox, uid: message.uid, uidValidity })
      given.push({ uid: message.uid, item })
    }
  }
  // Items in UID order, the order the mailbox received them; a message expunged meanwhile is simply absent.
  given.sort((a, b) => a.uid - b.uid)
  const lastGiven = page.at(-1) ?? after
  const next: Cursor = hasMore
    ? { uidValidity, lastUid: lastGiven, ...(since ? { since } : {}) }
    : // Caught up: everything below UIDNEXT was searched, so the next pull starts above it.
      { uidValidity, lastUid: Math.max(lastGiven, after, since && uidNext !== null ? uidNext - 1 : 0) }
  return { items: given.map((entry) => entry.item), cursor: JSON.stringify(next), hasMore }
}
