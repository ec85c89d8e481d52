// Browser mode's bridge: only the page it served, holding this run's token,
// may call the host.

import { describe, expect, it } from 'vitest'
import { WebSocket } from 'ws'
import { tempWebHostPerTest } from '../support/temp-web-host'

const start = tempWebHostPerTest()

function connect(url: string, origin: string): Promise<WebSocket> {
  return new Promise((done, fail) => {
    const socket = new WebSocket(url, { origin })
    socket.once('open', () => done(socket))
    socket.once('error', fail)
    socket.once('unexpected-response', (_request, response) => fail(new Error(`HTTP ${response.statusCode}`)))
  })
}

describe('browser-mode bridge', () => {
  it('serves the page on 127.0.0.1 with a strict content security policy', async () => {
    const { origin } = await start()
    expect(origin).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/)
    const response = await fetch(`${origin}/`)
    expect(response.status).toBe(200)
    expect(response.headers.get('content-security-policy')).toContain("script-src 'self'")
    expect((await fetch(`${origin}/../../etc/passwd`)).status).not.toBe(200)
  })

  it('answers calls from the page it served when the token is right', async () => {
    const { host, origin } = await start()
    const socket = await connect(`ws://127.0.0.1:${new URL(origin).port}/bridge?token=${host.token}`, origin)
    const answer = await new Promise<unknown>((done) => {
      socket.once('message', (data) => done(JSON.parse(String(data))))
      socket.send(JSON.stringify({ id: 1, call: 'app:info', request: {} }))
    })
    expect(answer).toMatchObject({ id: 1, envelope: { ok: true, value: { mode: 'browser' } } })
    socket.close()
  })

  it('refuses a connection without the token, and says why in the log', async () => {
    const { origin, log } = await start()
    await expect(connect(`ws://127.0.0.1:${new URL(origin).port}/bridge`, origin)).rejects.toThrow('401')
    expect(log.lines.at(-1)?.message).toContain('missing or wrong token')
  })

  it('refuses a connection from another origin even with the token', async () => {
    const { host, origin } = await start()
    const url = `ws://127.0.0.1:${new URL(origin).port}/bridge?token=${host.token}`
    await expect(connect(url, 'http://evil.example')).rejects.toThrow('403')
  })
})
