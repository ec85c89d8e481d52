// The email source against a real Dovecot (Debian's), through a TCP proxy
// that can kill connections and counts the bytes the server sent: push by
// IDLE, a mailbox recreated under a new UIDVALIDITY, a connection killed
// mid-fetch, a 5,000-message first sync, the MIME shapes and charsets mail
// really comes in, an 8 MB attachment, hostile HTML that must fetch nothing,
// mail crafted to wedge the converter, a server that pushes on a beat, and
// that a pull never marks anything \Seen.
import { randomBytes } from 'node:crypto'
import { createServer, type Server } from 'node:http'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createEmailSourceFactory, type EmailSourceOptions } from '../../src/main/sources/email'
import { partsNote, strippedNote } from '../../src/main/sources/email/normalize'
import type { Source } from '../../src/main/sources/source'
import { HostError, type RequestResult } from '../../src/shared/contract'
import { conversationKey } from '../../src/shared/conversation'
import { SourceItem } from '../../src/shared/model'
import { type Dovecot, isDovecotAvailable, startDovecot } from '../support/dovecot'
import { startTcpProxy, type TcpProxy } from '../support/tcp-proxy'
import { githubMail } from '../unit/shared/conversation-samples'

const user = 'ada@example.test'
const password = 'integration-password'
const start = Date.parse('2026-11-23T12:00:00Z')

type Item = SourceItem

let dovecot: Dovecot
let proxy: TcpProxy
let mailboxes = 0
let messages = 0
/** Every source a test made, closed at the end so no kept connection outlives the tests. */
const made: Source[] = []

/** A fresh mailbox for one test, so tests share the server and not their mail. */
async function freshMailbox(): Promise<string> {
  const name = `Box${++mailboxes}`
  await dovecot.createMailbox(user, name)
  return name
}

function messageId(): string {
  return `it-${++messages}-${randomBytes(4).toString('hex')}@example.test`
}

/** A message from header lines and a body; Date and Message-ID filled in unless given. */
function mail(headers: string[], body: string | Buffer, at = start): Buffer {
  const names = headers.map((line) => line.split(':')[0]?.toLowerCase())
  const all = [
    ...(names.includes('from') ? [] : ['From: "Grace Hopper" <grace@example.test>']),
    ...(names.includes('to') ? [] : [`To: <${user}>`]),
    ...(names.includes('date') ? [] : [`Date: ${new Date(at).toUTCString()}`]),
    ...(names.includes('message-id') || names.includes('x-no-message-id')
      ? []
      : [`Message-ID: <${messageId()}>`]),
    'MIME-Version: 1.0',
    ...headers.filter((line) => !line.toLowerCase().startsWith('x-no-message-id')),
  ]
  return Buffer.concat([Buffer.from(`${all.join('\r\n')}\r\n\r\n`, 'latin1'), Buffer.from(body)])
}

function plain(subject: string, text: string, at = start): Buffer {
  return mail(
    [`Subject: ${subject}`, 'Content-Type: text/plain; charset=utf-8', 'Content-Transfer-Encoding: 8bit'],
    text,
    at,
  )
}

function sourceFor(options: EmailSourceOptions = {}, pass = password) {
  const ledger: Array<{ method: string; result: RequestResult }> = []
  const source = createEmailSourceFactory({
    now: () => start,
    connectTimeoutMs: 5_000,
    requestTimeoutMs: 10_000,
    ...options,
  })(
    { id: 'email-it', kind: 'email' },
    { host: '127.0.0.1', port: proxy.port, security: 'plain', user, password: pass },
    { fetch: globalThis.fetch, record: (method, result) => ledger.push({ method, result }) },
  )
  made.push(source)
  return { source, ledger }
}

async function pullAll(
  source: Source,
  mailbox: string,
  cursor: string | null = null,
): Promise<{ items: Item[]; cursor: string | null; pages: number }> {
  const items: Item[] = []
  let next = cursor
  for (let pages = 1; pages <= 100; pages++) {
    const page = await source.pull(mailbox, next)
    expect(page.items.length).toBeLessThanOrEqual(500)
    items.push(...page.items.map((raw) => SourceItem.parse(raw)))
    next = page.cursor
    if (!page.hasMore) return { items, cursor: next, pages }
  }
  throw new Error(`${mailbox} still had more after 100 pages`)
}

async function only(source: Source, mailbox: string): Promise<Item> {
  const { items } = await pullAll(source, mailbox)
  expect(items).toHaveLength(1)
  return items[0] as Item
}

async function failureOf(call: Promise<unknown>): Promise<HostError> {
  const error = await call.then(
    () => null,
    (reason: unknown) => reason,
  )
  if (error instanceof HostError) return error
  throw new Error(`expected a HostError, the call ended with ${String(error)}`)
}

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN

describe.runIf(isDovecotAvailable())('the email source against Dovecot', () => {
  beforeAll(async () => {
    dovecot = await startDovecot({ users: [{ name: user, password }] })
    proxy = await startTcpProxy({ host: dovecot.host, port: dovecot.port })
  })
  afterAll(async () => {
    for (const source of made) await source.close?.()
    await proxy?.close()
    await dovecot?.stop()
  })

  it('verifies the sign-in and lists the mailboxes, INBOX picked and the others offered', async () => {
    const box = await freshMailbox()
    const { source, ledger } = sourceFor()
    expect(await source.verify()).toEqual({ identity: `${user} (127.0.0.1)` })
    const streams = await source.listStreams()
    expect(streams).toContainEqual({ id: 'INBOX', name: 'INBOX', source: 'email' })
    expect(streams).toContainEqual({ id: box, name: box, source: 'email', isPicked: false })
    expect(ledger).toEqual([
      { method: 'IMAP verify', result: 'ok' },
      { method: 'IMAP list', result: 'ok' },
    ])
  })

  it('says a wrong password is bad-credentials, with what to do', async () => {
    const { source, ledger } = sourceFor({}, 'not-the-password')
    const refused = await failureOf(source.verify())
    expect(refused.code).toBe('bad-credentials')
    expect(refused.message).toContain(`refused the sign-in for ${user}`)
    expect(refused.message).toContain('app password')
    expect(ledger).toEqual([{ method: 'IMAP verify', result: 'error' }])
  })

  it('pushes new mail through IDLE within a fraction of a second, and only for the watched mailbox', async () => {
    const box = await freshMailbox()
    const other = await freshMailbox()
    const { source } = sourceFor()
    const watchSource = source.watch
    if (!watchSource) throw new Error('the email source has no watch')
    const changes: number[] = []
    const downs: string[] = []
    let wake: () => void = () => {}
    const close = await watchSource(box, {
      onChange: () => {
        changes.push(performance.now())
        wake()
      },
      onDown: (reason) => downs.push(reason),
    })
    const latencies: number[] = []
    try {
      for (let n = 0; n < 5; n++) {
        const seen = new Promise<void>((resolve) => {
          wake = resolve
        })
        const sentAt = performance.now()
        await dovecot.deliver(user, box, plain(`Push ${n}`, 'pushed'), start)
        await seen
        latencies.push((changes.at(-1) ?? Number.NaN) - sentAt)
      }
      const before = changes.length
      await dovecot.deliver(user, other, plain('Elsewhere', 'not watched'), start)
      await new Promise((resolve) => setTimeout(resolve, 1_500))
      expect(changes.length).toBe(before)
    } finally {
      close()
    }
    const sorted = [...latencies].sort((a, b) => a - b)
    console.log(
      `IMAP IDLE push latency over ${sorted.length} deliveries: p50 ${percentile(sorted, 50).toFixed(0)} ms, max ${(sorted.at(-1) ?? 0).toFixed(0)} ms`,
    )
    expect(sorted.at(-1)).toBeLessThan(2_000)
    expect(downs).toEqual([])
  })

  it('says the watch is down once when its connection is killed', async () => {
    const box = await freshMailbox()
    const { source } = sourceFor()
    const downs: string[] = []
    const close = await source.watch?.(box, { onChange: () => {}, onDown: (reason) => downs.push(reason) })
    for (const connection of proxy.open()) if (connection.selected === box) connection.destroy()
    await expect.poll(() => downs.length).toBe(1)
    await new Promise((resolve) => setTimeout(resolve, 200))
    expect(downs).toHaveLength(1)
    expect(downs[0]).toMatch(/closed/)
    close?.()
  })

  it('says through its watch that a server pushing new mail on a 60 s beat is slow to push', async () => {
    const box = await freshMailbox()
    let clock = start
    const { source } = sourceFor({ now: () => clock })
    const notes: Array<string | null> = []
    let wake: () => void = () => {}
    const close = await source.watch?.(box, {
      onChange: () => wake(),
      onDown: () => {},
      onNote: (note) => notes.push(note),
    })
    try {
      // Stock Cyrus's beat: each delivery is told on the next minute.
      for (const seconds of [0, 60.5, 179.8]) {
        clock = start + seconds * 1000
        const seen = new Promise<void>((resolve) => {
          wake = resolve
        })
        await dovecot.deliver(user, box, plain(`Beat ${seconds}`, 'tick'), start)
        await seen
      }
    } finally {
      close?.()
    }
    expect(notes).toEqual(['the mail server is slow to push new mail (about every 60 s)'])
  })

  it('reads a mailbox deleted and recreated (a new UIDVALIDITY) again without a duplicate', async () => {
    const box = await freshMailbox()
    const { source } = sourceFor()
    const kept = [plain('First [u-1]', 'one'), plain('Second [u-2]', 'two'), plain('Third [u-3]', 'three')]
    for (const message of kept) await dovecot.deliver(user, box, message, start)
    const before = await pullAll(source, box)
    expect(before.items).toHaveLength(3)
    const oldValidity = JSON.parse(before.cursor ?? '{}').uidValidity

    await dovecot.deleteMailbox(user, box)
    await dovecot.createMailbox(user, box)
    // The same messages come back (a restore, a server move), with one new one.
    for (const message of kept) await dovecot.deliver(user, box, message, start)
    await dovecot.deliver(user, box, plain('Fourth [u-4]', 'four'), start)

    const after = await pullAll(source, box, before.cursor)
    expect(JSON.parse(after.cursor ?? '{}').uidValidity).not.toBe(oldValidity)
    const store = new Map<string, Item>()
    for (const item of [...before.items, ...after.items]) store.set(item.id, item)
    expect([...store.values()].map((item) => item.title).sort()).toEqual([
      'First [u-1]',
      'Fourth [u-4]',
      'Second [u-2]',
      'Third [u-3]',
    ])
    // The old ones kept their ids: the store holds them once.
    for (const item of before.items) expect(after.items.map((again) => again.id)).toContain(item.id)
    expect((await pullAll(source, box, after.cursor)).items).toEqual([])
  })

  it('fails a pull whose connection is killed mid-fetch, stores nothing of it, and the same cursor then gives every message', async () => {
    const box = await freshMailbox()
    const { source, ledger } = sourceFor()
    for (let n = 0; n < 200; n++)
      await dovecot.deliver(user, box, plain(`Bulk ${n}`, 'y'.repeat(20_000)), start)
    proxy.failAt(/^\S+ UID FETCH\b/i, 0, { kind: 'drop' })
    const killed = await failureOf(source.pull(box, null))
    expect(killed.code).toBe('source-unreachable')
    expect(killed.message).toContain('closed before its answer was complete')
    expect(ledger.at(-1)).toEqual({ method: 'IMAP pull', result: 'error' })
    const { items } = await pullAll(source, box, null)
    expect(items).toHaveLength(200)
    expect(new Set(items.map((item) => item.title)).size).toBe(200)
  })

  it('pages a first sync of 5,000 messages to its end, every message once, and only the last days', async () => {
    const box = await freshMailbox()
    const { source } = sourceFor()
    // Three messages older than the window a first sync reads.
    for (let n = 0; n < 3; n++)
      await dovecot.deliver(
        user,
        box,
        plain(`Old ${n}`, 'old', start - 5 * 86_400_000),
        start - 5 * 86_400_000,
      )
    const count = 5_000
    for (let n = 0; n < count; n++)
      await dovecot.deliver(user, box, plain(`Message [m-${n}]`, `Body of ${n}`), start - 60_000 + n)
    const began = performance.now()
    const { items, pages, cursor } = await pullAll(source, box)
    const seconds = (performance.now() - began) / 1000
    console.log(
      `IMAP first sync: ${count} messages in ${pages} pages, ${seconds.toFixed(1)} s (${Math.round(count / seconds)} messages/s)`,
    )
    expect(pages).toBe(10)
    expect(items).toHaveLength(count)
    expect(new Set(items.map((item) => item.id)).size).toBe(count)
    expect(items.map((item) => item.title)).toEqual(
      Array.from({ length: count }, (_, n) => `Message [m-${n}]`),
    )
    expect((await pullAll(source, box, cursor)).items).toEqual([])
  }, 120_000)

  it("keeps GitHub's headers and the threading of a reply, so each is keyed to its conversation", async () => {
    const box = await freshMailbox()
    const { source } = sourceFor()
    const pr = { host: 'github.com', owner: 'acme', repo: 'api', number: 123 }
    await dovecot.deliver(user, box, githubMail(pr), start)
    await dovecot.deliver(
      user,
      box,
      mail(
        [
          'Subject: Re: Lunch?',
          'Message-ID: <c3@example.test>',
          'In-Reply-To: <b2@example.test>',
          'References: <a1@example.test> <b2@example.test>',
        ],
        'Noon works.',
      ),
      start + 1,
    )
    const { items } = await pullAll(source, box)
    const [github, reply] = items
    expect(github?.facts).toMatchObject({
      messageId: 'acme/api/pull/123/c456789@github.com',
      inReplyTo: 'acme/api/pull/123@github.com',
      listId: 'api.acme.github.com',
      githubReason: 'review_requested',
      githubSender: 'dana',
    })
    expect(reply?.facts).toMatchObject({ references: ['a1@example.test', 'b2@example.test'] })
    const keys = items.map((item) => conversationKey(item, { githubHosts: [] }))
    expect(keys[0]).toBe('github:github.com/acme/api#123')
    // Dovecot gives no thread id (Gmail would), so the thread is the first of References.
    expect(reply?.facts?.mailThreadId).toBeUndefined()
    expect(keys[1]).toBe('email:email-it:a1@example.test')
  })

  it('takes the plain part of multipart/alternative, and turns an HTML-only message into text', async () => {
    const box = await freshMailbox()
    const { source } = sourceFor()
    await dovecot.deliver(
      user,
      box,
      mail(
        ['Subject: Alternative', 'Content-Type: multipart/alternative; boundary="b1"'],
        [
          '--b1',
          'Content-Type: text/plain; charset=utf-8',
          '',
          'The plain words.',
          '--b1',
          'Content-Type: text/html; charset=utf-8',
          '',
          '<p>The <b>HTML</b> words.</p>',
          '--b1--',
          '',
        ].join('\r\n'),
      ),
    )
    await dovecot.deliver(
      user,
      box,
      mail(
        ['Subject: Only HTML', 'Content-Type: text/html; charset=utf-8'],
        '<html><head><style>p { color: red }</style></head><body><h1>Hello</h1><p>Fish &amp; chips <a href="https://example.test/x">here</a></p><ul><li>one</li></ul></body></html>',
      ),
    )
    const { items } = await pullAll(source, box)
    const [alternative, html] = items
    expect(alternative?.text).toBe('The plain words.')
    expect(html?.text).toContain('Fish & chips here')
    expect(html?.text).toContain('one')
    expect(html?.text).not.toMatch(/[<>]|color: red|example\.test\/x/)
  })

  it('decodes quoted-printable and base64 bodies, and encoded-word subjects', async () => {
    const box = await freshMailbox()
    const { source } = sourceFor()
    await dovecot.deliver(
      user,
      box,
      mail(
        [
          'Subject: =?UTF-8?Q?Caf=C3=A9_au_lait?=',
          'Content-Type: text/plain; charset=utf-8',
          'Content-Transfer-Encoding: quoted-printable',
        ],
        'Caf=C3=A9 with a soft=\r\n line break and =3D sign',
      ),
    )
    await dovecot.deliver(
      user,
      box,
      mail(
        [
          `Subject: =?UTF-8?B?${Buffer.from('Grüße aus Köln').toString('base64')}?=`,
          'Content-Type: text/plain; charset=utf-8',
          'Content-Transfer-Encoding: base64',
        ],
        Buffer.from('Grüße, Anna').toString('base64'),
      ),
    )
    const { items } = await pullAll(source, box)
    expect(items.map((item) => [item.title, item.text])).toEqual([
      ['Café au lait', 'Café with a soft line break and = sign'],
      ['Grüße aus Köln', 'Grüße, Anna'],
    ])
  })

  it('decodes ISO-8859-1, windows-1252 and Shift_JIS', async () => {
    const box = await freshMailbox()
    const { source } = sourceFor()
    await dovecot.deliver(
      user,
      box,
      mail(
        ['Subject: =?ISO-8859-1?Q?Cr=E8me_br=FBl=E9e?=', 'Content-Type: text/plain; charset=ISO-8859-1'],
        Buffer.from([0x63, 0x61, 0x66, 0xe9, 0x20, 0x6e, 0x61, 0xef, 0x76, 0x65]),
      ),
    )
    await dovecot.deliver(
      user,
      box,
      mail(
        ['Subject: Prices', 'Content-Type: text/plain; charset=windows-1252'],
        // “10 €” with curly quotes: bytes ISO-8859-1 does not have.
        Buffer.from([0x93, 0x31, 0x30, 0x20, 0x80, 0x94]),
      ),
    )
    // 日本語のメール ("Japanese mail") in Shift_JIS, subject and body.
    const sjis = Buffer.from([
      0x93, 0xfa, 0x96, 0x7b, 0x8c, 0xea, 0x82, 0xcc, 0x83, 0x81, 0x81, 0x5b, 0x83, 0x8b,
    ])
    await dovecot.deliver(
      user,
      box,
      mail(
        [
          `Subject: =?Shift_JIS?B?${sjis.toString('base64')}?=`,
          'Content-Type: text/plain; charset=Shift_JIS',
          'Content-Transfer-Encoding: base64',
        ],
        sjis.toString('base64'),
      ),
    )
    const { items } = await pullAll(source, box)
    expect(items.map((item) => [item.title, item.text])).toEqual([
      ['Crème brûlée', 'café naïve'],
      ['Prices', '“10 €”'],
      ['日本語のメール', '日本語のメール'],
    ])
  })

  it('reads only the start of a message with an 8 MB attachment, quickly, and says it was cut', async () => {
    const box = await freshMailbox()
    const { source } = sourceFor()
    const attachment = randomBytes(8 * 1024 * 1024)
      .toString('base64')
      .replace(/.{76}/g, '$&\r\n')
    await dovecot.deliver(
      user,
      box,
      mail(
        ['Subject: The dataset', 'Content-Type: multipart/mixed; boundary="mixed"'],
        [
          '--mixed',
          'Content-Type: text/plain; charset=utf-8',
          '',
          'Here is the dataset you asked for.',
          '--mixed',
          'Content-Type: application/octet-stream; name="data.bin"',
          'Content-Disposition: attachment; filename="data.bin"',
          'Content-Transfer-Encoding: base64',
          '',
          attachment,
          '--mixed--',
          '',
        ].join('\r\n'),
      ),
    )
    const bytesBefore = proxy.bytesFromServer()
    const began = performance.now()
    const item = await only(sourceFor().source, box)
    const ms = performance.now() - began
    const read = proxy.bytesFromServer() - bytesBefore
    console.log(`IMAP 8 MB attachment: pulled in ${ms.toFixed(0)} ms, ${(read / 1024).toFixed(0)} KB read`)
    expect(item.text).toBe(
      'Here is the dataset you asked for.\n\n[Lull cut this message: the rest is in the source.]',
    )
    expect(read).toBeLessThan(1.2 * 1024 * 1024)
    expect(ms).toBeLessThan(2_000)
    void source
  })

  it('keys a message without a Message-ID by what it says, the same on every pull', async () => {
    const box = await freshMailbox()
    const { source } = sourceFor()
    await dovecot.deliver(
      user,
      box,
      mail(['X-No-Message-ID: yes', 'Subject: No id', 'Content-Type: text/plain'], 'Anonymous.'),
    )
    const first = await only(source, box)
    const again = await only(sourceFor().source, box)
    expect(first.externalId).toMatch(/^h:[0-9a-f]{40}$/)
    expect(again.externalId).toBe(first.externalId)
    expect(first.threadKey).toBe(`email:${first.externalId}`)
  })

  it('threads replies by their References root, and knows when the person is asked', async () => {
    const box = await freshMailbox()
    const { source } = sourceFor()
    await dovecot.deliver(
      user,
      box,
      mail(
        [
          'Subject: Re: Plans',
          'References: <root@example.test> <middle@example.test>',
          'In-Reply-To: <middle@example.test>',
          'Content-Type: text/plain',
        ],
        'Agreed.',
      ),
    )
    await dovecot.deliver(
      user,
      box,
      mail(
        ['Subject: FYI', 'To: <team@example.test>', `Cc: <${user}>`, 'Content-Type: text/plain'],
        'For you.',
      ),
    )
    const [reply, copy] = (await pullAll(source, box)).items
    expect(reply?.threadKey).toBe('email:root@example.test')
    expect(reply?.needsReply).toBe(true)
    expect(reply?.author).toEqual({ id: 'grace@example.test', name: 'Grace Hopper' })
    expect(reply?.email).toEqual({ from: 'grace@example.test' })
    expect(reply?.container).toBe(box)
    expect(reply?.url).toBeUndefined()
    expect(copy?.needsReply).toBe(false)
  })

  it('runs nothing and fetches nothing from hostile HTML: no script, no pixel, no markup left', async () => {
    let pixelRequests = 0
    const pixel: Server = createServer((_, response) => {
      pixelRequests++
      response.end('GIF89a')
    })
    await new Promise<void>((resolve) => pixel.listen(0, '127.0.0.1', () => resolve()))
    const address = pixel.address()
    const port = typeof address === 'object' && address ? address.port : 0
    try {
      const box = await freshMailbox()
      const { source } = sourceFor()
      await dovecot.deliver(
        user,
        box,
        mail(
          ['Subject: <b>Win</b> a prize', 'Content-Type: text/html; charset=utf-8'],
          [
            '<html><body>',
            `<img src="http://127.0.0.1:${port}/pixel" width="1" height="1">`,
            `<script>fetch("http://127.0.0.1:${port}/script")</script>`,
            '<p onclick="alert(1)">Claim it <a href="javascript:alert(2)">now</a>.</p>',
            `<iframe src="http://127.0.0.1:${port}/frame"></iframe>`,
            `<div style="background:url(http://127.0.0.1:${port}/bg)">Thanks</div>`,
            '</body></html>',
          ].join(''),
        ),
      )
      const item = await only(source, box)
      await new Promise((resolve) => setTimeout(resolve, 300))
      expect(pixelRequests).toBe(0)
      expect(item.text).not.toContain('<')
      expect(item.text).not.toMatch(/fetch\(|alert|127\.0\.0\.1/)
      expect(item.text).toContain('Claim it now.')
      // A subject is text as it was written: shown, never rendered.
      expect(item.title).toBe('<b>Win</b> a prize')
    } finally {
      await new Promise<void>((resolve) => pixel.close(() => resolve()))
    }
  })

  it('makes a message that cannot be parsed an item that says so, and keeps the rest of the page', async () => {
    const box = await freshMailbox()
    const { source } = sourceFor()
    // Deeper MIME nesting than any parser should follow.
    const depth = 300
    const open = Array.from(
      { length: depth },
      (_, n) => `--n${n}\r\nContent-Type: multipart/mixed; boundary="n${n + 1}"\r\n\r\n`,
    ).join('')
    await dovecot.deliver(
      user,
      box,
      mail(['Subject: Nested', 'Content-Type: multipart/mixed; boundary="n0"'], `${open}deep\r\n`),
    )
    await dovecot.deliver(user, box, plain('After it', 'still here'))
    const { items } = await pullAll(source, box)
    expect(items.map((item) => item.title)).toEqual(['Nested', 'After it'])
    expect(items[0]?.text).toMatch(
      /^Lull could not read this message's body \(.+\); open it in your mail app/,
    )
    expect(items[1]?.text).toBe('still here')
  })

  describe('mail crafted to wedge the converter, among ordinary mail', () => {
    let box: string
    let first: Awaited<ReturnType<typeof pullAll>>
    const byTitle = (title: string) => first.items.find((item) => item.title === title)

    beforeAll(async () => {
      box = await freshMailbox()
      const html = (subject: string, body: string) =>
        mail([`Subject: ${subject}`, 'Content-Type: text/html; charset=utf-8'], body)
      const attachments = Array.from(
        { length: 10_000 },
        (_, n) => `--b\r\nContent-Disposition: attachment; filename="f${n}.txt"\r\n\r\nx\r\n`,
      ).join('')
      await dovecot.deliver(user, box, plain('Before [c-1]', 'ordinary'))
      // 150,000 divs opened (750 KB): html-to-text spent 24 s on them, then overflowed the stack.
      await dovecot.deliver(user, box, html('Divs [c-2]', `${'<div>'.repeat(150_000)}Deep text`))
      await dovecot.deliver(user, box, plain('Between [c-3]', 'ordinary'))
      await dovecot.deliver(
        user,
        box,
        html(
          'Tables [c-4]',
          `${'<table><tr><td>'.repeat(20_000)}Table text${'</td></tr></table>'.repeat(20_000)}`,
        ),
      )
      await dovecot.deliver(
        user,
        box,
        mail(
          ['Subject: Attachments [c-5]', 'Content-Type: multipart/mixed; boundary="b"'],
          `--b\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nHere are the files.\r\n${attachments}--b--\r\n`,
        ),
      )
      await dovecot.deliver(user, box, plain('After [c-6]', 'ordinary'))
      const began = performance.now()
      first = await pullAll(sourceFor().source, box)
      console.log(
        `IMAP pull of 3 crafted and 3 ordinary messages: ${(performance.now() - began).toFixed(0)} ms`,
      )
    }, 60_000)

    it('gives every message, in order', () => {
      expect(first.items.map((item) => item.title)).toEqual([
        'Before [c-1]',
        'Divs [c-2]',
        'Between [c-3]',
        'Tables [c-4]',
        'Attachments [c-5]',
        'After [c-6]',
      ])
    })

    it('reads 150,000 nested divs without their layout, and says so', () => {
      expect(byTitle('Divs [c-2]')?.text).toBe(`Deep text${strippedNote}`)
    })

    it('reads 20,000 nested tables without their layout, and says so', () => {
      expect(byTitle('Tables [c-4]')?.text).toBe(`Table text${strippedNote}`)
    })

    it('reads the text and only the first 500 parts of 10,000 attachments, and says so', () => {
      expect(byTitle('Attachments [c-5]')?.text).toBe(`Here are the files.${partsNote(500)}`)
    })

    it('moves the cursor past them: the next pull gives only the message that came after', async () => {
      await dovecot.deliver(user, box, plain('Later [c-7]', 'later'))
      const next = await pullAll(sourceFor().source, box, first.cursor)
      expect(next.items.map((item) => item.title)).toEqual(['Later [c-7]'])
    })
  })

  it('never marks a message \\Seen by pulling it; read and done write back', async () => {
    const box = await freshMailbox()
    const { source } = sourceFor()
    for (let n = 0; n < 3; n++) await dovecot.deliver(user, box, plain(`Unread ${n}`, 'body'), start)
    const { items } = await pullAll(source, box)
    await pullAll(source, box)
    /** Each look on a connection of its own, so no change notice of an earlier look mixes in. */
    const flagsOf = async (mailbox: string) => {
      const admin = await dovecot.connect(user)
      try {
        const lock = await admin.getMailboxLock(mailbox, { readOnly: true })
        const found: Array<{ subject: string; seen: boolean }> = []
        for await (const message of admin.fetch('1:*', { envelope: true, flags: true }))
          found.push({
            subject: message.envelope?.subject ?? '',
            seen: message.flags?.has('\\Seen') ?? false,
          })
        lock.release()
        return found
      } finally {
        await admin.logout()
      }
    }
    expect((await flagsOf(box)).map((message) => message.seen)).toEqual([false, false, false])

    await source.markRead?.(items[0]?.externalId ?? '')
    await source.markDone?.(items[1]?.externalId ?? '')
    expect(await flagsOf(box)).toEqual([
      { subject: 'Unread 0', seen: true },
      { subject: 'Unread 2', seen: false },
    ])
    expect(await flagsOf('Archive')).toContainEqual({ subject: 'Unread 1', seen: true })
    // A source that never saw the message finds it by its Message-ID.
    const fresh = sourceFor().source
    await fresh.markRead?.(items[2]?.externalId ?? '')
    expect((await flagsOf(box)).map((message) => message.seen)).toEqual([true, true])
  })
})
