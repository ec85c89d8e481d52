// A real CalDAV server for tests: Debian's Radicale on 127.0.0.1, one fresh
// instance per call, with its config, users and collections in a temp
// folder that `stop()` removes. Calendars are made and filled over CalDAV
// itself (MKCALENDAR, PUT), as a calendar app would.
import { type ChildProcess, spawn } from 'node:child_process'
import { existsSync } from 'node:fs'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { connect, createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

export const radicaleBinary = '/usr/bin/radicale'
/** A test that forgets `stop()` still leaves no server behind. */
const safetyMs = 10 * 60_000
const startAttempts = 100

export type Radicale = {
  url: string
  user: string
  password: string
  /** Make a calendar collection under the user's home; returns its URL. */
  makeCalendar(name: string, displayName: string): Promise<string>
  /** Put one calendar object (one UID, with its overrides) into a calendar. */
  put(calendarUrl: string, fileName: string, ics: string): Promise<void>
  remove(calendarUrl: string, fileName: string): Promise<void>
  stop(): Promise<void>
}

/**
 * Whether Radicale can run here. Outside CI a missing binary skips the tests
 * that need it, said aloud; in CI it is a failure.
 */
export function isRadicaleAvailable(): boolean {
  if (existsSync(radicaleBinary)) return true
  const why = `${radicaleBinary} is missing: install Debian's radicale to run the CalDAV tests.`
  if (process.env.CI === 'true') throw new Error(why)
  console.warn(`Skipping the CalDAV tests against Radicale: ${why}`)
  return false
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const address = server.address()
      const port = typeof address === 'object' && address ? address.port : 0
      server.close(() => resolve(port))
    })
  })
}

async function isListening(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port }, () => {
      socket.end()
      resolve(true)
    })
    socket.once('error', () => resolve(false))
  })
}

export async function startRadicale(user = 'ada', password = 'correct horse'): Promise<Radicale> {
  const dir = await mkdtemp(join(tmpdir(), 'lull-radicale-'))
  const port = await freePort()
  await writeFile(join(dir, 'users'), `${user}:${password}\n`)
  await writeFile(
    join(dir, 'config'),
    [
      '[server]',
      `hosts = 127.0.0.1:${port}`,
      '[auth]',
      'type = htpasswd',
      `htpasswd_filename = ${join(dir, 'users')}`,
      'htpasswd_encryption = plain',
      '[rights]',
      'type = owner_only',
      '[storage]',
      `filesystem_folder = ${join(dir, 'collections')}`,
      '[logging]',
      'level = warning',
      '',
    ].join('\n'),
  )
  const child: ChildProcess = spawn(radicaleBinary, ['--config', join(dir, 'config')], {
    stdio: ['ignore', 'ignore', 'pipe'],
  })
  let stderr = ''
  child.stderr?.on('data', (chunk: Buffer) => {
    if (stderr.length < 20_000) stderr += chunk.toString()
  })
  const safety = setTimeout(() => child.kill(), safetyMs)
  safety.unref()
  const stop = async () => {
    clearTimeout(safety)
    if (child.exitCode === null) {
      const exited = new Promise((resolve) => child.once('exit', resolve))
      child.kill()
      await exited
    }
    await rm(dir, { recursive: true, force: true })
  }
  for (let attempt = 0; !(await isListening(port)); attempt++) {
    if (attempt >= startAttempts || child.exitCode !== null) {
      await stop()
      throw new Error(`Radicale did not start on 127.0.0.1:${port}: ${stderr.slice(0, 2000)}`)
    }
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
  const url = `http://127.0.0.1:${port}`
  const authorization = `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`
  const request = async (target: string, method: string, body?: string, contentType?: string) => {
    const response = await fetch(target, {
      method,
      headers: { authorization, ...(contentType ? { 'content-type': contentType } : {}) },
      ...(body === undefined ? {} : { body }),
    })
    const text = await response.text()
    if (!response.ok) throw new Error(`${method} ${target}: ${response.status} ${text.slice(0, 300)}`)
  }
  return {
    url,
    user,
    password,
    async makeCalendar(name, displayName) {
      const target = `${url}/${user}/${name}/`
      await request(
        target,
        'MKCALENDAR',
        `<?xml version="1.0" encoding="utf-8"?><C:mkcalendar xmlns:D="DAV:" xmlns:C="urn:ietf:params:xml:ns:caldav"><D:set><D:prop><D:displayname>${displayName}</D:displayname></D:prop></D:set></C:mkcalendar>`,
        'application/xml',
      )
      return target
    },
    async put(calendarUrl, fileName, ics) {
      await request(`${calendarUrl}${fileName}`, 'PUT', ics, 'text/calendar; charset=utf-8')
    },
    async remove(calendarUrl, fileName) {
      await request(`${calendarUrl}${fileName}`, 'DELETE')
    },
    stop,
  }
}

/** A calendar export split into one object per UID (a series with its overrides), each with the VTIMEZONEs. */
export function splitByUid(ics: string): Map<string, string> {
  const unfolded = ics.replace(/\r?\n[ \t]/g, '')
  const zones = unfolded.match(/BEGIN:VTIMEZONE[\s\S]*?END:VTIMEZONE\r?\n/g) ?? []
  const byUid = new Map<string, string[]>()
  for (const block of unfolded.match(/BEGIN:VEVENT[\s\S]*?END:VEVENT\r?\n/g) ?? []) {
    const uid = /\nUID:(.*)/.exec(block)?.[1]?.trim() ?? 'no-uid'
    byUid.set(uid, [...(byUid.get(uid) ?? []), block])
  }
  const objects = new Map<string, string>()
  for (const [uid, blocks] of byUid)
    objects.set(
      uid,
      `BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Lull tests//EN\r\n${zones.join('')}${blocks.join('')}END:VCALENDAR\r\n`,
    )
  return objects
}
