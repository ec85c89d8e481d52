// Finding a message again to write "read" (\Seen) or "done" (a move to the
// archive mailbox) back to it: where Lull last saw it, else by its
// Message-ID, since a source made after a restart remembers nothing.
import type { ImapFlow } from 'imapflow'
import { HostError } from '../../../shared/contract'

export type Location = { mailbox: string; uid: number; uidValidity: string }

/** Where each item's message was last seen, so read and done find it without a search. */
const locationMemory = 20_000
/** Mailboxes searched for a message Lull no longer knows the place of, besides INBOX. */
const searchedMailboxes = 100

/** The places of the messages last pulled, the oldest forgotten first. */
export function createLocations() {
  const locations = new Map<string, Location>()
  return {
    remember(externalId: string, location: Location): void {
      locations.delete(externalId)
      if (locations.size >= locationMemory) locations.delete(locations.keys().next().value ?? '')
      locations.set(externalId, location)
    },
    get: (externalId: string) => locations.get(externalId),
    forget: (externalId: string) => locations.delete(externalId),
  }
}
export type Locations = ReturnType<typeof createLocations>

/**
 * Where a message is now: the remembered place, else a search by
 * Message-ID, in INBOX first and then in every other mailbox (at most
 * `searchedMailboxes`).
 */
export async function locate(
  client: ImapFlow,
  externalId: string,
  locations: Locations,
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

export function notFound(host: string, externalId: string): HostError {
  return new HostError(
    'refused',
    `The message ${externalId} is no longer where Lull saw it on ${host} (moved or deleted in another mail app), so nothing was changed there.`,
  )
}

/** The archive mailbox: the special-use one, else one named Archive, made when there is none. */
export async function archiveOf(client: ImapFlow): Promise<string> {
  const boxes = await client.list()
  const special =
    boxes.find((box) => box.specialUse === '\\Archive') ?? boxes.find((box) => box.specialUse === '\\All')
  if (special) return special.path
  const named = boxes.find((box) => box.path.toLowerCase() === 'archive')
  if (named) return named.path
  await client.mailboxCreate('Archive')
  return 'Archive'
}
