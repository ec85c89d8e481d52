// The email source keeps one signed-in connection per account between
// pulls, against a real Dovecot behind a proxy that counts sign-ins and can
// kill or stall connections: five pulls sign in once; a connection killed or
// gone silent between pulls is replaced and the pull succeeds; closing the
// source logs it out; verify still signs in afresh.
import { randomBytes } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createEmailSourceFactory } from '../../src/main/sources/email'
import type { Source } from '../../src/main/sources/source'
import type { RequestResult } from '../../src/shared/contract'
import { type Dovecot, isDovecotAvailable, startDovecot } from '../support/dovecot'
import { startTcpProxy, type TcpProxy } from '../support/tcp-proxy'

const user = 'grace@example.test'
const password = 'kept-password'
const signIn = /^\S+ (?:LOGIN|AUTHENTICATE)\b/i

let dovecot: Dovecot
let proxy: TcpProxy
let mailboxes = 0
const made: Source[] = []

async function freshMailbox(): Promise<string> {
  const name = `Kept${++mailboxes}`
  await dovecot.createMailbox(user, name)
  return name
}

function say(mailbox: string, subject: string): Promise<void> {
  return dovecot.deliver(
    user,
    mailbox,
    [
      'From: <ada@example.test>',
      `To: <${user}>`,
      `Subject: ${subject}`,
      `Message-ID: <kept-${randomBytes(6).toString('hex')}@example.test>`,
      'Content-Type: text/plain',
      '',
      'Hello.',
      '',
    ].join('\r\n'),
  )
}

function sourceFor() {
  const ledger: Array<{ method: string; result: RequestResult }> = []
  const source = createEmailSourceFactory({ connectTimeoutMs: 2_000, requestTimeoutMs: 1_000 })(
    { id: 'email-kept', kind: 'email' },
    { host: '127.0.0.1', port: proxy.port, security: 'plain', user, password },
    { fetch: globalThis.fetch, record: (method, result) => ledger.push({ method, result }) },
  )
  made.push(source)
  return { source, ledger }
}

/** Sign-ins the server saw since `before` was taken. */
const signInsSince = (before: number) => proxy.commandCount(signIn) - before

describe.runIf(isDovecotAvailable())('the email source keeps its connection', () => {
  beforeAll(async () => {
    dovecot = await startDovecot({ users: [{ name: user, password }] })
    proxy = await startTcpProxy({ host: dovecot.host, port: dovecot.port })
  })
  afterAll(async () => {
    for (const source of made) await source.close?.()
    await proxy?.close()
    await dovecot?.stop()
  })

  it('signs in once for five pulls, each seeing the mail that came before it', async () => {
    const box = await freshMailbox()
    const { source, ledger } = sourceFor()
    const before = proxy.commandCount(signIn)
    const connections = proxy.connections()
    let cursor: string | null = null
    const seen: string[] = []
    for (let n = 0; n < 5; n++) {
      await say(box, `Pull ${n}`)
      const page = await source.pull(box, cursor)
      cursor = page.cursor
      seen.push(...page.items.map((item) => (item as { title: string }).title))
    }
    expect(seen).toEqual(['Pull 0', 'Pull 1', 'Pull 2', 'Pull 3', 'Pull 4'])
    expect(signInsSince(before)).toBe(1)
    expect(proxy.connections() - connections).toBe(1)
    expect(ledger).toHaveLength(5)
  })

  it('signs in again when its connection was killed between pulls, and the pull succeeds', async () => {
    const box = await freshMailbox()
    const { source, ledger } = sourceFor()
    await say(box, 'Before the kill')
    const first = await source.pull(box, null)
    for (const connection of proxy.open()) connection.destroy()
    await say(box, 'After the kill')
    const before = proxy.commandCount(signIn)
    const next = await source.pull(box, first.cursor)
    expect(next.items.map((item) => (item as { title: string }).title)).toEqual(['After the kill'])
    expect(signInsSince(before)).toBe(1)
    expect(ledger.map((entry) => entry.result)).toEqual(['ok', 'ok'])
  })

  it('replaces a connection that no longer answers (its NOOP is never answered), and the pull succeeds', async () => {
    const box = await freshMailbox()
    const { source } = sourceFor()
    const first = await source.pull(box, null)
    proxy.failAt(/^\S+ NOOP\b/i, 0, { kind: 'stall' })
    await say(box, 'After the silence')
    const before = proxy.commandCount(signIn)
    const next = await source.pull(box, first.cursor)
    expect(next.items.map((item) => (item as { title: string }).title)).toEqual(['After the silence'])
    expect(signInsSince(before)).toBe(1)
  })

  it('logs its connection out when the source is closed', async () => {
    const box = await freshMailbox()
    const { source } = sourceFor()
    const connections = proxy.connections()
    await source.pull(box, null)
    const kept = proxy.open().find((connection) => connection.id > connections)
    if (!kept) throw new Error('the pull left no connection open')
    await source.close?.()
    expect(kept.commands.at(-1)).toMatch(/^\S+ LOGOUT$/i)
    await expect.poll(() => proxy.open().some((connection) => connection.id === kept.id)).toBe(false)
  })

  it('signs in afresh to verify, whatever it keeps', async () => {
    const { source } = sourceFor()
    await source.listStreams()
    const before = proxy.commandCount(signIn)
    await source.verify()
    await source.verify()
    expect(signInsSince(before)).toBe(2)
  })
})
