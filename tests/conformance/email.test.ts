// The email source runs the conformance suite against a real Dovecot, one
// fresh server per test, reached through a small TCP proxy that counts
// sessions and injects faults. Its streams are INBOX and a second mailbox,
// Team. A message is an RFC 5322 message delivered straight into the
// Maildir, dated by the suite's clock.
//
// One "request" is one piece of work the source records in its ledger (a
// pull, a list, a verify). The source keeps one signed-in connection between
// pieces of work and begins each with a sign-in (a fresh connection) or a
// NOOP (checking the kept one), so the proxy counts those commands and the
// two counts meet. A page is one pull, so a fault at "page k" is a fault in
// the k-th such session that searches or fetches. IMAP has no status codes,
// so the HTTP-shaped faults are mapped to the nearest thing a server does:
// - drop: the answer to the SEARCH/FETCH is cut in half and the socket closed;
// - timeout: the answer never comes (the source's own deadline ends it);
// - 5xx: a tagged `NO [UNAVAILABLE]` (RFC 5530: a subsystem is down for now);
// - malformed: a tagged answer line that does not parse;
// - 429: a tagged `NO [THROTTLED] Too many requests: try again in N seconds`,
//   the shape rate-limiting servers give (no IMAP standard has Retry-After).
import { randomBytes } from 'node:crypto'
import type { ImapFlow } from 'imapflow'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { createEmailSourceFactory } from '../../src/main/sources/email'
import { type Dovecot, isDovecotAvailable, startDovecot } from '../support/dovecot'
import { startTcpProxy, type TcpProxy } from '../support/tcp-proxy'
import type { ConformanceAdapter, Fault, SaidMessage, SuiteClock } from './adapter'
import { type Harness, startHarness, tokenCounts } from './harness'
import { describeSourceConformance } from './suite'

// A real server: thousands of messages written, fetched and parsed take longer than a stub's answers.
vi.setConfig({ testTimeout: 30_000, hookTimeout: 30_000 })

const user = 'lull@example.test'
const oneMegabyte = 1024 * 1024
/** The commands that make a session a pull that reads. */
const readCommand = /^\S+ UID (?:SEARCH|FETCH)\b/i
/** How every piece of the source's work begins: signing in on a fresh connection, or a NOOP on the kept one. */
const workStart = /^\S+ (?:LOGIN|AUTHENTICATE|NOOP)\b/i

function rfc822(input: {
  subject: string
  body: string
  from: { name: string; address: string }
  to: string
  at: number
  messageId: string
}): string {
  const encodedSubject = /^[\x20-\x7e]*$/.test(input.subject)
    ? input.subject
    : `=?UTF-8?B?${Buffer.from(input.subject).toString('base64')}?=`
  return [
    `From: "${input.from.name}" <${input.from.address}>`,
    `To: <${input.to}>`,
    `Subject: ${encodedSubject}`,
    `Date: ${new Date(input.at).toUTCString()}`,
    `Message-ID: <${input.messageId}>`,
    'MIME-Version: 1.0',
    'Content-Type: text/plain; charset=utf-8',
    'Content-Transfer-Encoding: 8bit',
    '',
    input.body,
    '',
  ].join('\r\n')
}

/** Lines of at most 76 characters, as mail wants them, so the text still starts where it did. */
function wrapped(text: string): string {
  return text.match(/.{1,76}/gs)?.join('\r\n') ?? text
}

/** The Message-IDs of these UIDs in a mailbox, asked of Dovecot directly. */
async function messageIdsOf(admin: ImapFlow, mailbox: string, uids: string): Promise<string[]> {
  const lock = await admin.getMailboxLock(mailbox, { readOnly: true })
  try {
    const ids: string[] = []
    for await (const message of admin.fetch(uids, { uid: true, envelope: true }, { uid: true })) {
      const id = message.envelope?.messageId?.replace(/^<|>$/g, '')
      if (id) ids.push(id)
    }
    return ids
  } finally {
    lock.release()
  }
}

function proxyFault(fault: Fault) {
  switch (fault.kind) {
    case 'drop':
      return { kind: 'drop' as const }
    case 'timeout':
      return { kind: 'stall' as const }
    case '5xx':
      return {
        kind: 'reply' as const,
        lines: (tag: string) => [`${tag} NO [UNAVAILABLE] Internal error in the mail store, try again later`],
      }
    case 'malformed':
      return { kind: 'reply' as const, lines: (tag: string) => [`${tag} OK [UIDNEXT "((( \u0001`] }
    case '429':
      return {
        kind: 'reply' as const,
        lines: (tag: string) => [
          `${tag} NO [THROTTLED] Too many requests: try again in ${fault.retryAfterSeconds ?? 60} seconds`,
        ],
      }
  }
}

/** What a test beyond the suite sees of the adapter: its server, and every message as delivered. */
type Observer = {
  started(dovecot: Dovecot): void
  delivered(stream: string, rfc822: string, at: number): void
}

async function createEmailAdapter(clock: SuiteClock, observer?: Observer): Promise<ConformanceAdapter> {
  const dovecot: Dovecot = await startDovecot({ users: [{ name: user, password: 'first-password' }] })
  observer?.started(dovecot)
  await dovecot.createMailbox(user, 'Team')
  const proxy: TcpProxy = await startTcpProxy(
    { host: dovecot.host, port: dovecot.port },
    { sessionStart: workStart },
  )
  const admin = await dovecot.connect(user)
  admin.on('error', () => {})
  const writes = { done: [] as string[], read: [] as string[] }
  // What the server was asked to write, read off the commands as they pass, before the server runs them.
  proxy.onCommand(/^\S+ UID (?:MOVE|STORE)\b/i, async (connection, line) => {
    const mailbox = connection.selected
    const move = /^\S+ UID MOVE (\S+) /i.exec(line)
    const store = /^\S+ UID STORE (\S+) \+FLAGS(?:\.SILENT)? \(([^)]*)\)/i.exec(line)
    if (!mailbox) return
    if (move?.[1]) writes.done.push(...(await messageIdsOf(admin, mailbox, move[1])))
    else if (store?.[1] && /\\Seen/i.test(store[2] ?? ''))
      writes.read.push(...(await messageIdsOf(admin, mailbox, store[1])))
  })

  let said = 0
  const deliver = (stream: string, subject: string, body: string, message?: Partial<SaidMessage>) => {
    said++
    const at = clock.now()
    const author = message?.author ?? { id: 'ada@example.test', name: 'Ada Lovelace' }
    const text = rfc822({
      subject,
      body,
      from: {
        name: author.name,
        address: author.id.includes('@') ? author.id : `${author.id}@example.test`,
      },
      to: message?.needsReply ? user : 'team@example.test',
      at,
      messageId: `conformance-${said}-${randomBytes(4).toString('hex')}@example.test`,
    })
    observer?.delivered(stream, text, at)
    return dovecot.deliver(user, stream, text, at)
  }

  return {
    kind: 'email',
    credentials: { host: '127.0.0.1', port: proxy.port, security: 'plain', user, password: 'first-password' },
    factory: createEmailSourceFactory({
      now: () => clock.now(),
      connectTimeoutMs: 2_000,
      requestTimeoutMs: 1_000,
    }),
    streams: ['INBOX', 'Team'],
    say: (stream, message) => deliver(stream, message.title ?? message.text, message.text, message),
    sayHuge: (stream, token) =>
      deliver(stream, `A long message ${token}`, wrapped(`${token} ${'x'.repeat(oneMegabyte)}`)),
    // A plain-text part carries what the person typed as it is: markup is only characters.
    sayMarkup: (stream, text) => deliver(stream, 'A message with markup', text),
    failNext: (fault) => proxy.failAt(readCommand, fault.page ?? 0, proxyFault(fault)),
    // A server that revokes a sign-in ends the sessions signed in with it (Gmail and Microsoft do;
    // Dovecot's passwd-file does not, so the proxy ends them). Dovecot rereads its passwd-file within
    // a second; until it has, new sessions wait at the proxy.
    revokeCredentials: () => {
      for (const connection of proxy.open()) connection.destroy()
      proxy.hold(dovecot.setPassword(user, 'a-new-password'))
    },
    requestCount: () => proxy.commandCount(workStart),
    watch: {
      drop(stream) {
        // The watch's session is the one still open on the stream (the kept connection closes its
        // mailbox after each pull). Its IDLE line may not have reached the proxy's log yet when the
        // source reports the watch open.
        for (const connection of proxy.open()) {
          const hasLoggedOut = connection.commands.some((command) => /^\S+ LOGOUT$/i.test(command))
          if (connection.selected === stream && !hasLoggedOut) connection.destroy()
        }
      },
    },
    writes: { done: () => [...writes.done], read: () => [...writes.read] },
    async stop() {
      admin.close()
      await proxy.close()
      await dovecot.stop()
    },
  }
}

if (isDovecotAvailable()) {
  describeSourceConformance('the email source', createEmailAdapter, {
    watch: true,
    writes: true,
    focusStatus: false,
  })

  describe('the email source, beyond the shared suite', () => {
    const running: Harness[] = []
    afterEach(async () => {
      for (const harness of running.splice(0)) await harness.close()
    })

    it('reads a mailbox whose UIDVALIDITY changed again from its window: the same messages keep their items, a new one is stored once', async () => {
      let server: Dovecot | null = null
      const deliveries: Array<{ stream: string; rfc822: string; at: number }> = []
      const h = await startHarness((clock) =>
        createEmailAdapter(clock, {
          started: (dovecot) => {
            server = dovecot
          },
          delivered: (stream, rfc822, at) => deliveries.push({ stream, rfc822, at }),
        }),
      )
      running.push(h)
      const dovecot = server as Dovecot | null
      if (!dovecot) throw new Error('the adapter started no Dovecot')
      const stream = 'Team'
      const before = await h.sayMany(stream, 3)
      expect((await h.sync(stream)).problem).toBeNull()
      const first = await h.stored(stream)
      const validityBefore = JSON.parse((await h.storedCursor(stream)) ?? '{}').uidValidity

      // The mailbox is made again (a restore, a move to another server): the same messages come
      // back under new UIDs and a new UIDVALIDITY, and one more arrives.
      await dovecot.deleteMailbox(user, stream)
      await dovecot.createMailbox(user, stream)
      for (const again of deliveries.filter((delivery) => delivery.stream === stream))
        await dovecot.deliver(user, stream, again.rfc822, again.at)
      const [after] = await h.sayMany(stream, 1)
      const pullsBefore = h.pulls.length

      expect((await h.sync(stream)).problem).toBeNull()
      expect(JSON.parse((await h.storedCursor(stream)) ?? '{}').uidValidity).not.toBe(validityBefore)
      const reread = h.pulls.slice(pullsBefore).flatMap((pull) => pull.answer?.items ?? [])
      expect(reread.map((item) => item.id).sort()).toEqual(
        expect.arrayContaining(first.map((item) => item.id).sort()),
      )
      const counts = tokenCounts(await h.stored(stream))
      expect([...counts.entries()].sort()).toEqual([...before, after].map((token) => [token, 1]).sort())
    })
  })
}
