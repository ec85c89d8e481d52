// The email source: an IMAP account's mailboxes, each a stream. Pulls, lists
// and write-backs run on one signed-in connection kept for the account
// (connection.ts); a first sync reads only the last few days, later pulls
// the UIDs above the cursor's (pull.ts). A watch is its own connection
// idling on one mailbox (watch.ts). Read and done are written back as \Seen
// and a move to the archive mailbox.
import type { ImapFlow } from 'imapflow'
import type { Source, SourceContext, SourceFactory } from '../source'
import { type ImapPlace, imapPlace } from './connect'
import { createConnections } from './connection'
import { readPage } from './pull'
import { openWatch } from './watch'
import { archiveOf, createLocations, locate, notFound } from './write-back'

export type EmailSourceOptions = {
  now?: () => number
  /** The TCP and TLS handshake and the server's greeting. */
  connectTimeoutMs?: number
  /** How long a piece of work may go without progress (an answer, a message read) before it is given up. */
  requestTimeoutMs?: number
  /** How far back a mailbox's first sync reads. */
  firstSyncDays?: number
  /** How much of each message is read; a bigger one becomes an item that says it was cut. */
  maxMessageBytes?: number
  /** How long the account's connection is kept unused before it is logged out. */
  keepAliveMs?: number
}

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
  const connections = createConnections({
    place,
    context,
    now,
    connectMs,
    requestMs: options.requestTimeoutMs ?? 60_000,
    // Under the 30 minutes a server may end an idle session after (RFC 3501).
    keepAliveMs: options.keepAliveMs ?? 25 * 60_000,
  })
  const locations = createLocations()
  const watches = new Set<() => void>()
  const pageSettings = {
    accountId: input.accountId,
    now,
    firstSyncDays: options.firstSyncDays ?? 2,
    maxMessageBytes: options.maxMessageBytes ?? 1024 * 1024,
    ownAddresses: ownAddressesOf(place),
    ...(place.preset?.webUrl ? { webUrl: place.preset.webUrl } : {}),
    remember: locations.remember,
  }

  async function found(client: ImapFlow, externalId: string) {
    const where = await locate(client, externalId, locations)
    if (!where) throw notFound(place.host, externalId)
    return where
  }

  return {
    async verify() {
      // Signed in afresh: the question is whether the sign-in works now.
      await connections.once('IMAP verify', async () => undefined)
      return {
        identity: place.user.includes('@') ? `${place.user} (${place.host})` : `${place.user}@${place.host}`,
      }
    },

    async listStreams() {
      const boxes = await connections.kept('IMAP list', (client) => client.list())
      return boxes
        .filter((box) => !box.flags.has('\\Noselect') && !box.flags.has('\\NonExistent'))
        .map((box) => ({
          id: box.path,
          name: box.path,
          source: 'email' as const,
          ...(box.path.toUpperCase() === 'INBOX' ? {} : { isPicked: false }),
        }))
    },

    async pull(mailbox, cursor) {
      return connections.kept('IMAP pull', async (client, progress, refusal) => {
        // EXAMINE (read-only, so nothing the pull does can change a flag), asked afresh
        // each pull: UIDNEXT and UIDVALIDITY as they are now, not as a kept selection last heard them.
        await client.mailboxOpen(mailbox, { readOnly: true })
        const lock = await client.getMailboxLock(mailbox, { readOnly: true })
        progress()
        let page: Awaited<ReturnType<typeof readPage>>
        try {
          page = await readPage(client, mailbox, cursor, progress, refusal, pageSettings)
        } finally {
          lock.release()
        }
        // A pull leaves no mailbox selected, so the server has nothing to tell the kept connection
        // meanwhile. (CLOSE, safe here: on a read-only mailbox it expunges nothing.)
        await client.mailboxClose()
        return page
      })
    },

    async markRead(externalId) {
      await connections.kept('IMAP mark read', async (client, _progress, refusal) => {
        const where = await found(client, externalId)
        const lock = await client.getMailboxLock(where.mailbox)
        try {
          if (!(await client.messageFlagsAdd(String(where.uid), ['\\Seen'], { uid: true })))
            throw refusal('mark the message read')
        } finally {
          lock.release()
        }
      })
    },

    async markDone(externalId) {
      await connections.kept('IMAP archive', async (client, _progress, refusal) => {
        const where = await found(client, externalId)
        const archive = await archiveOf(client)
        if (archive === where.mailbox) return
        const lock = await client.getMailboxLock(where.mailbox)
        try {
          await client.messageFlagsAdd(String(where.uid), ['\\Seen'], { uid: true })
          if (!(await client.messageMove(String(where.uid), archive, { uid: true })))
            throw refusal(`move the message to ${archive}`)
          locations.forget(externalId)
        } finally {
          lock.release()
        }
      })
    },

    async watch(mailbox, handlers) {
      const close = await openWatch({ mailbox, handlers, place, connections, context, connectMs, now })
      const closeOnce = () => {
        if (watches.delete(closeOnce)) close()
      }
      watches.add(closeOnce)
      return closeOnce
    },

    async close() {
      for (const close of [...watches]) close()
      await connections.close()
    },
  }
}

/** The person's addresses: the user name when it is one, else user@host's domain-less form is all there is. */
function ownAddressesOf(place: ImapPlace): string[] {
  const user = place.user.toLowerCase()
  return user.includes('@') ? [user] : [`${user}@${place.host.toLowerCase()}`]
}
