// The email source: an IMAP account's mailboxes, each a stream. A pull is
// one short session (sign in, EXAMINE, SEARCH, FETCH with BODY.PEEK so
// nothing becomes \Seen, log out); a first sync reads only the last few
// days; later pulls read the UIDs above the cursor's. A watch is its own
// connection idling on one mailbox. Read and done are written back as
// \Seen and a move to the archive mailbox.
import { ImapFlow } from 'imapflow'
import PostalMime, { type Email } from 'postal-mime'
import { z } from 'zod'
import { HostError, pullPageLimit, type RequestResult } from '../../../shared/contract'
import type { Source, SourceContext, SourceFactory, WatchHandlers } from '../source'
import { clientOptions, errorTrap, type ImapPlace, imapPlace } from './connect'
import { type ImapErrorLike, rateLimited, rateLimitWait, timedOut, toHostError } from './errors'
import { messageToItem } from './normalize'

export type EmailSourceOptions = {
  now?: () => number
  /** The TCP and TLS handshake and the server's greeting. */
  connectTimeoutMs?: number
  /** How long a session may go without progress (an answer, a message read) before it is given up. */
  requestTimeoutMs?: number
  /** How far back a mailbox's first sync reads. */
  firstSyncDays?: number
  /** How much of each message is read; a bigger one becomes an item that says it was cut. */
  maxMessageBytes?: number
}

const dayMs = 24 * 60 * 60_000
/** Where each item's message was last seen, so read and done find it without a search. */
const locationMemory = 20_000
/** Mailboxes searched for a message Lull no longer knows the place of, besides INBOX. */
const searchedMailboxes = 100

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

type Location = { mailbox: string; uid: number; uidValidity: string }

export function createEmailSourceFactory(options: EmailSourceOptions = {}): SourceFactory {
  return (account, credentials, context) =>
    createEmailSource({ accountId: account.id, place: imapPlace(credentials), context, options })
}

function createEmailSource(input: {
  accountId: string
  place: ImapPlace
  context: SourceContext | undefined
  options: EmailSourceOptions
}): Source {
  const { place, context, options } = input
  const now = options.now ?? Date.now
  const connectMs = options.connectTimeoutMs ?? 20_000
  const requestMs = options.requestTimeoutMs ?? 60_000
  const firstSyncDays = options.firstSyncDays ?? 2
  const maxMessageBytes = options.maxMessageBytes ?? 1024 * 1024
  const ownAddresses = ownAddressesOf(place)
  /** No session before this time: the server asked Lull to slow down. */
  let notBefore = 0
  const locations = new Map<string, Location>()

  function remember(externalId: string, location: Location): void {
    locations.delete(externalId)
    if (locations.size >= locationMemory) locations.delete(locations.keys().next().value ?? '')
    locations.set(externalId, location)
  }

  /**
   * One IMAP session: connect, sign in, `work`, log out. Counted once in the
   * ledger however it ends. `progress` restarts the deadline, so a long
   * first sync that keeps reading is not cut, while a silent server is.
   */
  async function session<T>(
    method: string,
    work: (client: ImapFlow, progress: () => void, refusal: (what: string) => unknown) => Promise<T>,
  ): Promise<T> {
    if (now() < notBefore) throw rateLimited(place.host, notBefore, now())
    const trap = errorTrap()
    const client = new ImapFlow(clientOptions(place, { connectMs, socketMs: requestMs + 5_000 }, trap.logger))
    // ImapFlow also reports failures as events; unheard, Node would end the process.
    client.on('error', () => {})
    /** Why a command answered `false`: the refusal ImapFlow logged, else a plain one. */
    const refusal = (what: string) =>
      trap.last() ??
      new HostError('refused', `The mail server ${place.host} refused to ${what}, without saying why.`)
    let result: RequestResult = 'error'
    let timer: NodeJS.Timeout | undefined
    let expire: (error: HostError) => void = () => {}
    const deadline = new Promise<never>((_, reject) => {
      expire = reject
    })
    const arm = (ms: number) => {
      clearTimeout(timer)
      timer = setTimeout(() => {
        expire(timedOut(place.host, ms))
        client.close()
      }, ms)
    }
    const progress = () => arm(requestMs)
    try {
      // Connecting has its own deadlines in ImapFlow; this one also covers signing in.
      arm(connectMs + requestMs)
      const answer = await Promise.race([
        (async () => {
          await client.connect()
          progress()
          return work(client, progress, refusal)
        })(),
        deadline,
      ])
      result = 'ok'
      return answer
    } catch (error) {
      const wait = rateLimitWait(error as ImapErrorLike)
      if (wait !== null) {
        result = 'rate-limited'
        notBefore = now() + wait * 1000
        throw rateLimited(place.host, notBefore, now())
      }
      throw toHostError(error, place)
    } finally {
      clearTimeout(timer)
      context?.record(method, result)
      if (result === 'ok') await politeLogout(client)
      else client.close()
    }
  }

  async function parse(source: Buffer | undefined): Promise<{ parsed: Email | null; problem?: string }> {
    if (!source) return { parsed: null, problem: 'the server sent no content for it' }
    try {
      return { parsed: await PostalMime.parse(source) }
    } catch (error) {
      return { parsed: null, problem: error instanceof Error ? error.message : String(error) }
    }
  }

  async function readPage(
    client: ImapFlow,
    mailbox: string,
    cursor: Cursor | null,
    progress: () => void,
    refusal: (what: string) => unknown,
  ) {
    const box = client.mailbox
    if (!box) throw new HostError('source-junk', `The mail server did not open ${mailbox}.`)
    const uidValidity = String(box.uidValidity)
    const isSameMailbox = cursor !== null && cursor.uidValidity === uidValidity
    // A first sync, or a mailbox whose UIDs were all renumbered (UIDVALIDITY changed):
    // read the recent window again. Items keep their ids (Message-IDs), so nothing is stored twice.
    const since = isSameMailbox ? cursor.since : windowStart(now(), firstSyncDays)
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
          source: { maxLength: maxMessageBytes },
        },
        { uid: true },
      )
      for await (const message of fetched) {
        progress()
        const { parsed, problem } = await parse(message.source)
        const item = messageToItem({
          accountId: input.accountId,
          mailbox,
          message,
          parsed,
          ...(problem ? { problem } : {}),
          isCut: (message.size ?? 0) > maxMessageBytes,
          ownAddresses,
          ...(place.preset?.webUrl ? { webUrl: place.preset.webUrl } : {}),
        })
        remember(item.externalId, { mailbox, uid: message.uid, uidValidity })
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

  /**
   * Where a message is now: the remembered place, else a search by
   * Message-ID, in INBOX first and then in every other mailbox (at most
   * `searchedMailboxes`), since a source made after a restart remembers nothing.
   */
  async function locate(
    client: ImapFlow,
    externalId: string,
  ): Promise<{ mailbox: string; uid: number } | null> {
    const known = locations.get(externalId)
    if (known) {
      const lock = await client.getMailboxLock(known.mailbox, { readOnly: true })
      try {
        if (client.mailbox && String(client.mailbox.uidValidity) === known.uidValidity)
          return { mailbox: known.mailbox, uid: known.uid }
      } finally {
        lock.release()
      }
    }
    // Hashed ids are of messages without a Message-ID: nothing to search by.
    if (externalId.startsWith('h:') || externalId.startsWith('mid:')) return null
    const search = async (mailbox: string) => {
      const lock = await client.getMailboxLock(mailbox, { readOnly: true })
      try {
        const found = await client.search({ header: { 'message-id': externalId } }, { uid: true })
        const uid = found ? found.sort((a, b) => a - b).at(-1) : undefined
        return uid === undefined ? null : { mailbox, uid }
      } finally {
        lock.release()
      }
    }
    const first = [...new Set([known?.mailbox, 'INBOX'].filter((box): box is string => Boolean(box)))]
    for (const mailbox of first) {
      const found = await search(mailbox)
      if (found) return found
    }
    const rest = (await client.list())
      .filter((box) => !box.flags.has('\\Noselect') && !box.flags.has('\\NonExistent'))
      .map((box) => box.path)
      .filter((path) => !first.includes(path))
      .slice(0, searchedMailboxes)
    for (const mailbox of rest) {
      const found = await search(mailbox)
      if (found) return found
    }
    return null
  }

  function notFound(externalId: string): HostError {
    return new HostError(
      'refused',
      `The message ${externalId} is no longer where Lull saw it on ${place.host} (moved or deleted in another mail app), so nothing was changed there.`,
    )
  }

  async function archiveOf(client: ImapFlow): Promise<string> {
    const boxes = await client.list()
    const special =
      boxes.find((box) => box.specialUse === '\\Archive') ?? boxes.find((box) => box.specialUse === '\\All')
    if (special) return special.path
    const named = boxes.find((box) => box.path.toLowerCase() === 'archive')
    if (named) return named.path
    await client.mailboxCreate('Archive')
    return 'Archive'
  }

  return {
    async verify() {
      await session('IMAP verify', async () => undefined)
      return {
        identity: place.user.includes('@') ? `${place.user} (${place.host})` : `${place.user}@${place.host}`,
      }
    },

    async listStreams() {
      const boxes = await session('IMAP list', (client) => client.list())
      return boxes
        .filter((box) => !box.flags.has('\\Noselect') && !box.flags.has('\\NonExistent'))
        .map((box) => ({
          id: box.path,
          name: box.path,
          source: 'email' as const,
          ...(box.path.toUpperCase() === 'INBOX' ? {} : { isPicked: false }),
        }))
    },

    async pull(mailbox, cursorText) {
      const cursor = readCursor(cursorText)
      return session('IMAP pull', async (client, progress, refusal) => {
        // EXAMINE: read-only, so nothing the pull does can change a flag.
        const lock = await client.getMailboxLock(mailbox, { readOnly: true })
        progress()
        try {
          return await readPage(client, mailbox, cursor, progress, refusal)
        } finally {
          lock.release()
        }
      })
    },

    async markRead(externalId) {
      await session('IMAP mark read', async (client, _progress, refusal) => {
        const found = await locate(client, externalId)
        if (!found) throw notFound(externalId)
        const lock = await client.getMailboxLock(found.mailbox)
        try {
          if (!(await client.messageFlagsAdd(String(found.uid), ['\\Seen'], { uid: true })))
            throw refusal('mark the message read')
        } finally {
          lock.release()
        }
      })
    },

    async markDone(externalId) {
      await session('IMAP archive', async (client, _progress, refusal) => {
        const found = await locate(client, externalId)
        if (!found) throw notFound(externalId)
        const archive = await archiveOf(client)
        if (archive === found.mailbox) return
        const lock = await client.getMailboxLock(found.mailbox)
        try {
          await client.messageFlagsAdd(String(found.uid), ['\\Seen'], { uid: true })
          if (!(await client.messageMove(String(found.uid), archive, { uid: true })))
            throw refusal(`move the message to ${archive}`)
          locations.delete(externalId)
        } finally {
          lock.release()
        }
      })
    },

    async watch(mailbox: string, handlers: WatchHandlers) {
      if (now() < notBefore) throw rateLimited(place.host, notBefore, now())
      const client = new ImapFlow({
        ...clientOptions(place, { connectMs, socketMs: 5 * 60_000 }),
        // The watch idles: ImapFlow re-enters IDLE after each break, and restarts it
        // every few minutes, before servers that drop a long IDLE (29 min) would.
        disableAutoIdle: false,
        autoIdleDelay: 50,
        maxIdleTime: 4 * 60_000,
      })
      let isClosing = false
      let isDown = false
      const down = (reason: string) => {
        if (isClosing || isDown) return
        isDown = true
        handlers.onDown(reason)
        client.close()
      }
      client.on('error', (error: Error) => down(toHostError(error, place).message))
      client.on('close', () => down(`the connection to ${place.host} closed`))
      let result: RequestResult = 'error'
      const timer = setTimeout(() => client.close(), connectMs)
      try {
        await client.connect()
        if (!client.capabilities.has('IDLE')) {
          throw new HostError(
            'refused',
            `The mail server ${place.host} cannot tell Lull of new mail (it has no IDLE), so Lull checks ${mailbox} every few minutes instead.`,
          )
        }
        await client.mailboxOpen(mailbox, { readOnly: true })
        // Open means the server is in IDLE and will say when mail arrives, not only that Lull asked.
        void client.idle().catch(() => {})
        if (!(await becomes(() => client.idling, connectMs))) throw timedOut(place.host, connectMs)
        result = 'ok'
      } catch (error) {
        isClosing = true
        client.close()
        throw toHostError(error, place)
      } finally {
        clearTimeout(timer)
        context?.record('IMAP watch', result)
      }
      client.on('exists', () => {
        if (!isClosing && !isDown) handlers.onChange()
      })
      return () => {
        isClosing = true
        client.logout().catch(() => client.close())
      }
    },
  }
}

/** Whether `check` comes true within `ms`, looked at every 10 ms. */
async function becomes(check: () => boolean, ms: number): Promise<boolean> {
  const until = Date.now() + ms
  while (!check()) {
    if (Date.now() >= until) return false
    await new Promise((resolve) => setTimeout(resolve, 10))
  }
  return true
}

/** LOGOUT, but never waiting more than a second for a server that does not answer it. */
async function politeLogout(client: ImapFlow): Promise<void> {
  let timer: NodeJS.Timeout | undefined
  const late = new Promise<void>((resolve) => {
    timer = setTimeout(resolve, 1_000)
  })
  await Promise.race([client.logout().catch(() => {}), late])
  clearTimeout(timer)
  client.close()
}

function readCursor(text: string | null): Cursor | null {
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

/** The person's addresses: the user name when it is one, else user@host's domain-less form is all there is. */
function ownAddressesOf(place: ImapPlace): string[] {
  const user = place.user.toLowerCase()
  return user.includes('@') ? [user] : [`${user}@${place.host.toLowerCase()}`]
}
