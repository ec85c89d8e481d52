// A fetched message as an item, through the same parse-and-convert step a
// pull uses: bounded for crafted mail, an invitation shown as its event, a
// sender's hidden characters stripped from the name and called out in the
// address, and a message that throws while converting kept as an item.
import { describe, expect, it } from 'vitest'
import { hiddenAddressNote, partsNote, strippedNote } from '../../../src/main/sources/email/normalize'
import { itemOfMessage } from '../../../src/main/sources/email/pull'

/** A message from these headers (they win over the defaults) and body. */
function message(headers: string[], body: string): Buffer {
  const defaults = [
    'From: "Grace Hopper" <grace@example.test>',
    'To: <ada@example.test>',
    'Date: Mon, 23 Nov 2026 12:00:00 +0000',
    'Message-ID: <unit-1@example.test>',
    'MIME-Version: 1.0',
  ]
  const named = (line: string) => line.slice(0, line.indexOf(':')).toLowerCase()
  const given = new Set(headers.map(named))
  const all = [...defaults.filter((line) => !given.has(named(line))), ...headers]
  return Buffer.from([...all, '', body].join('\r\n'))
}

const input = {
  accountId: 'email-unit',
  mailbox: 'INBOX',
  message: {
    uid: 7,
    envelope: { subject: 'From the envelope', from: [{ name: 'Grace', address: 'grace@example.test' }] },
  },
  isCut: false,
  ownAddresses: ['ada@example.test'],
}

/** 10,000 attachments of one byte each: about 600 KB, under the 1 MB Lull reads. */
function manyAttachments(count: number): Buffer {
  const parts = Array.from(
    { length: count },
    (_, n) => `--b\r\nContent-Disposition: attachment; filename="f${n}.txt"\r\n\r\nx\r\n`,
  ).join('')
  return message(
    ['Subject: The files', 'Content-Type: multipart/mixed; boundary="b"'],
    `--b\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nHere are the files.\r\n${parts}--b--\r\n`,
  )
}

describe('a crafted message becomes a bounded item', () => {
  it('reads only the first 500 parts of a message with 10,000 attachments, keeping its text and saying so', async () => {
    const source = manyAttachments(10_000)
    const began = performance.now()
    const item = await itemOfMessage(source, input)
    console.log(`10,000 attachments (${source.length} bytes): ${(performance.now() - began).toFixed(0)} ms`)
    expect(item.text).toBe(`Here are the files.${partsNote(500)}`)
  })

  it('reads the words of 150,000 nested divs without their layout, and says so', async () => {
    const item = await itemOfMessage(
      message(
        ['Subject: Deep', 'Content-Type: text/html; charset=utf-8'],
        `${'<div>'.repeat(150_000)}Deep text`,
      ),
      input,
    )
    expect(item.text).toBe(`Deep text${strippedNote}`)
  })
})

describe('a calendar invitation', () => {
  it('shows its event when it has no text or HTML part', async () => {
    const calendar = [
      'BEGIN:VCALENDAR',
      'METHOD:REQUEST',
      'BEGIN:VEVENT',
      'SUMMARY:Quarterly planning',
      'DTSTART;TZID=Europe/Berlin:20261124T100000',
      'ORGANIZER;CN=Ada Lovelace:mailto:ada@example.test',
      'END:VEVENT',
      'END:VCALENDAR',
    ].join('\r\n')
    const item = await itemOfMessage(
      message(
        [
          'Subject: Invitation: Quarterly planning',
          'Content-Type: text/calendar; method=REQUEST; charset=utf-8',
        ],
        calendar,
      ),
      input,
    )
    expect(item.text).toBe(
      'Invitation: Quarterly planning\nWhen: 2026-11-24 10:00 (Europe/Berlin)\nOrganizer: Ada Lovelace <ada@example.test>',
    )
  })
})

describe("a sender's hidden characters", () => {
  const utf8Word = (text: string) => `=?UTF-8?B?${Buffer.from(text).toString('base64')}?=`

  it('are stripped from the name', async () => {
    const item = await itemOfMessage(
      message(
        [
          `From: ${utf8Word('Gr\u200Bace \u202EHopper')} <grace@example.test>`,
          'Subject: Hi',
          'Content-Type: text/plain',
        ],
        'Hello.',
      ),
      input,
    )
    expect(item.author).toEqual({ id: 'grace@example.test', name: 'Grace Hopper' })
  })

  it('are kept in the address, and the item says the address hides them', async () => {
    const item = await itemOfMessage(
      message(
        [
          'From: "Admin" <admin\u200B@example.test>',
          'Subject: Reset your password',
          'Content-Type: text/plain',
        ],
        'Click.',
      ),
      input,
    )
    expect(item.author).toEqual({
      id: 'admin\u200B@example.test',
      name: 'Admin (address contains hidden characters)',
    })
    expect(item.email).toEqual({ from: 'admin\u200B@example.test' })
    expect(item.text).toBe(`${hiddenAddressNote}Click.`)
  })
})

describe('a message that throws while it is converted', () => {
  it('becomes an item that says its body could not be read, with its sender and subject', async () => {
    const item = await itemOfMessage(
      message(['Subject: Kept subject', 'Content-Type: text/plain'], 'Body.'),
      {
        ...input,
        webUrl: () => {
          throw new RangeError('Maximum call stack size exceeded')
        },
      },
    )
    expect(item.text).toBe(
      "Lull could not read this message's body (it nests too deeply to read); open it in your mail app to see it.",
    )
    expect(item.title).toBe('From the envelope')
    expect(item.author).toEqual({ id: 'grace@example.test', name: 'Grace' })
  })
})
