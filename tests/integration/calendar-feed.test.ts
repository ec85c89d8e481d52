// ICS subscriptions and local files against a calendar server on 127.0.0.1:
// conditional polling, and every kind of bad answer ending in a clear
// problem while the last good copy stays in use.

import { readFileSync } from 'node:fs'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { CalendarReader, type ReadRequest } from '../../src/main/calendars/calendar-reader'
import { maxCalendarBytes } from '../../src/main/calendars/feed-limits'
import { feedUrl } from '../../src/main/calendars/ics-feed'

const google = readFileSync(new URL('../fixtures/calendar/google-export.ics', import.meta.url), 'utf8')
const window = { from: Date.UTC(2026, 2, 22), to: Date.UTC(2026, 3, 6) }

type Answer = (request: IncomingMessage, response: ServerResponse) => void
let server: Server
let base = ''
let answer: Answer = (_, response) => response.end()
const seen: IncomingMessage[] = []

beforeAll(async () => {
  server = createServer((request, response) => {
    seen.push(request)
    answer(request, response)
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const address = server.address()
  base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`
})
afterAll(async () => {
  server.closeAllConnections()
  await new Promise((resolve) => server.close(resolve))
})

function request(path: string, calendarId = path): ReadRequest {
  return {
    calendarId,
    source: { kind: 'ics-url', url: `${base}${path}` },
    secret: null,
    window,
    zone: 'Europe/Berlin',
    personEmails: ['ada@example.com'],
  }
}

/** Serves the text with an ETag, answering 304 to a matching If-None-Match. */
function serving(text: string, etag: string): Answer {
  return (incoming, response) => {
    if (incoming.headers['if-none-match'] === etag) {
      response.writeHead(304, { etag })
      response.end()
      return
    }
    response.writeHead(200, { 'content-type': 'text/calendar', etag })
    response.end(text)
  }
}

describe('an ICS subscription', () => {
  it('reads the feed, then asks with its ETag and keeps using the copy on a 304', async () => {
    const reader = new CalendarReader(fetch)
    answer = serving(google, '"v1"')
    const first = await reader.read(request('/cal.ics'))
    expect(first.status).toBe('updated')
    expect(first.occurrences.map((occurrence) => occurrence.title)).toContain('Design review')
    const second = await reader.read(request('/cal.ics'))
    expect(seen.at(-1)?.headers['if-none-match']).toBe('"v1"')
    expect(second.status).toBe('unchanged')
    expect(second.occurrences).toEqual(first.occurrences)
  })

  it('keeps the last good copy through a 401 and says what to do', async () => {
    const reader = new CalendarReader(fetch)
    answer = serving(google, '"v1"')
    const good = await reader.read(request('/a.ics'))
    answer = (_, response) => {
      response.writeHead(401)
      response.end('no')
    }
    const refused = await reader.read(request('/a.ics'))
    expect(refused.status).toBe('failed')
    expect(refused.problem?.kind).toBe('unauthorized')
    expect(refused.problem?.message).toContain('copy it again')
    expect(refused.occurrences).toEqual(good.occurrences)
  })

  it('stops reading a feed past the size limit', async () => {
    const reader = new CalendarReader(fetch)
    const chunk = Buffer.alloc(1024 * 1024, 'X')
    let written = 0
    answer = (_, response) => {
      response.writeHead(200, { 'content-type': 'text/calendar' })
      response.write('BEGIN:VCALENDAR\r\n')
      const pump = () => {
        while (written < 60 * chunk.length) {
          written += chunk.length
          if (!response.write(chunk)) {
            response.once('drain', pump)
            return
          }
        }
        response.end()
      }
      response.on('error', () => undefined)
      pump()
    }
    const result = await reader.read(request('/big.ics'))
    expect(result.problem?.kind).toBe('too-large')
    expect(result.hasCopy).toBe(false)
    // The reader hung up past the limit: the server never got to write the whole 60 MB.
    expect(written).toBeLessThan(maxCalendarBytes + 20 * chunk.length)
  })

  it('refuses a feed of 100,000 events with a note, and keeps the copy it had', async () => {
    const reader = new CalendarReader(fetch)
    answer = serving(google, '"small"')
    const good = await reader.read(request('/many.ics'))
    const event = 'BEGIN:VEVENT\r\nUID:x\r\nDTSTART:20260301T100000Z\r\nEND:VEVENT\r\n'
    answer = serving(`BEGIN:VCALENDAR\r\n${event.repeat(100_000)}END:VCALENDAR\r\n`, '"huge"')
    const result = await reader.read(request('/many.ics'))
    expect(result.problem?.kind).toBe('too-many-events')
    expect(result.problem?.message).toContain('100,000')
    expect(result.occurrences).toEqual(good.occurrences)
  })

  it('keeps the last good copy when a new one does not parse', async () => {
    const reader = new CalendarReader(fetch)
    answer = serving(google, '"v1"')
    const good = await reader.read(request('/broken.ics'))
    answer = serving(
      'BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nDTSTART:garbage\r\nUID:u\r\nRRULE:FREQ=NEVER\r\n',
      '"v2"',
    )
    const result = await reader.read(request('/broken.ics'))
    expect(result.status).toBe('failed')
    expect(result.occurrences).toEqual(good.occurrences)
  })

  it('says an unreachable calendar is unreachable', async () => {
    const reader = new CalendarReader(fetch)
    const closed = createServer()
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve))
    const address = closed.address()
    const port = typeof address === 'object' && address ? address.port : 0
    await new Promise((resolve) => closed.close(resolve))
    const result = await reader.read({
      ...request('/x'),
      source: { kind: 'ics-url', url: `http://127.0.0.1:${port}/x.ics` },
    })
    expect(result.problem?.kind).toBe('unreachable')
  })

  it('reads webcal:// as https://, and refuses plain http off the machine', () => {
    expect(feedUrl('webcal://calendar.example.com/ical/basic.ics').href).toBe(
      'https://calendar.example.com/ical/basic.ics',
    )
    expect(() => feedUrl('http://calendar.example.com/basic.ics')).toThrow(/https/)
  })
})

describe('a local .ics file', () => {
  it('is read, then read again only when it changed', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'lull-ics-'))
    try {
      const path = join(dir, 'calendar.ics')
      await writeFile(path, google)
      const reader = new CalendarReader(fetch)
      const file: ReadRequest = { ...request('/f'), source: { kind: 'ics-file', path } }
      expect((await reader.read(file)).status).toBe('updated')
      expect((await reader.read(file)).status).toBe('unchanged')
      await writeFile(path, google.replace('SUMMARY:Design review', 'SUMMARY:Design review (v2)'))
      const changed = await reader.read(file)
      expect(changed.status).toBe('updated')
      expect(changed.occurrences.map((occurrence) => occurrence.title)).toContain('Design review (v2)')
      await rm(path)
      const gone = await reader.read(file)
      expect(gone.problem?.kind).toBe('not-found')
      expect(gone.occurrences).toEqual(changed.occurrences)
    } finally {
      await rm(dir, { recursive: true, force: true })
    }
  })
})
