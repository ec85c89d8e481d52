// Sources' HTTP goes through a fetch that counts every request in the ledger,
// against a real server on 127.0.0.1; in the app that fetch is Electron's
// net.fetch (system proxy and certificates), checked against the stand-in.
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import {
  createSourceContext,
  createSourceFetch,
  defaultMethodOf,
  ForeignOriginError,
  fetchOnlyTo,
} from '../../../src/main/net'
import { electronFetch } from '../../../src/main/os/net-fetch'
import { createLedger, type Ledger } from '../../../src/main/sources/ledger'
import { app, net, resetElectron } from '../../fakes/electron'

let server: Server
let base = ''

function json(status: number, body: unknown, headers: Record<string, string> = {}) {
  return { status, body: JSON.stringify(body), headers: { 'content-type': 'application/json', ...headers } }
}

// Shapes as Slack's Web API and GitHub's REST API document them.
const routes: Record<string, () => { status: number; body: string; headers: Record<string, string> }> = {
  '/api/conversations.history': () => json(200, { ok: true, messages: [] }),
  '/api/conversations.replies': () => json(200, { ok: false, error: 'ratelimited' }),
  '/api/auth.test': () => json(200, { ok: false, error: 'invalid_auth' }),
  '/notifications': () => ({ status: 304, body: '', headers: {} }),
  '/repos/acme/app/issues/42': () => json(200, { number: 42 }),
  '/user': () => json(403, { message: 'API rate limit exceeded' }, { 'x-ratelimit-remaining': '0' }),
  '/search/issues': () => json(429, { message: 'slow down' }, { 'retry-after': '30' }),
  '/broken': () => json(500, { message: 'Server Error' }),
  '/forbidden': () => json(403, { message: 'Resource not accessible by integration' }),
}

beforeAll(async () => {
  server = createServer((request, response) => {
    const path = new URL(request.url ?? '/', 'http://127.0.0.1').pathname
    if (path === '/drop') {
      request.socket.destroy()
      return
    }
    const route = routes[path]
    const answer = route ? route() : json(404, { message: 'Not Found' })
    response.writeHead(answer.status, answer.headers)
    response.end(answer.status === 304 ? undefined : answer.body)
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
})

afterAll(async () => {
  server.closeAllConnections()
  await new Promise((resolve) => server.close(resolve))
})

function counting(ledger: Ledger) {
  return createSourceFetch({ baseFetch: globalThis.fetch, ledger, accountId: 'acct-1' })
}

describe('source fetch', () => {
  let ledger: Ledger
  beforeEach(() => {
    ledger = createLedger({ now: () => 1_000_000 })
  })

  it('counts a Slack call that answered ok under its method name, and hands the body over unread', async () => {
    const response = await counting(ledger)(`${base}/api/conversations.history?channel=C1&limit=200`)
    expect(await response.json()).toEqual({ ok: true, messages: [] })
    expect(ledger.summary(0)).toEqual([
      { accountId: 'acct-1', method: 'conversations.history', result: 'ok', count: 1 },
    ])
  })

  it("counts Slack's ratelimited error as rate-limited and its other errors as errors, though both are HTTP 200", async () => {
    const fetch = counting(ledger)
    await (await fetch(`${base}/api/conversations.replies`, { method: 'POST' })).text()
    await (await fetch(`${base}/api/auth.test`, { method: 'POST' })).text()
    expect(ledger.summary(0)).toEqual([
      { accountId: 'acct-1', method: 'auth.test', result: 'error', count: 1 },
      { accountId: 'acct-1', method: 'conversations.replies', result: 'rate-limited', count: 1 },
    ])
  })

  it('counts 304 as not-modified, 429 as rate-limited and 500 as an error', async () => {
    const fetch = counting(ledger)
    const notModified = await fetch(`${base}/notifications?all=false`, {
      headers: { 'if-modified-since': 'Mon, 03 Mar 2025 09:00:00 GMT' },
    })
    expect(notModified.status).toBe(304)
    expect((await fetch(`${base}/search/issues?q=is:open`)).status).toBe(429)
    expect((await fetch(`${base}/broken`)).status).toBe(500)
    expect(ledger.summary(0)).toEqual([
      { accountId: 'acct-1', method: 'GET /broken', result: 'error', count: 1 },
      { accountId: 'acct-1', method: 'GET /notifications', result: 'not-modified', count: 1 },
      { accountId: 'acct-1', method: 'GET /search/issues', result: 'rate-limited', count: 1 },
    ])
  })

  it("counts GitHub's 403 with no requests remaining as rate-limited, and a plain 403 as an error", async () => {
    const fetch = counting(ledger)
    await fetch(`${base}/user`)
    await fetch(`${base}/forbidden`)
    expect(ledger.summary(0)).toEqual([
      { accountId: 'acct-1', method: 'GET /forbidden', result: 'error', count: 1 },
      { accountId: 'acct-1', method: 'GET /user', result: 'rate-limited', count: 1 },
    ])
  })

  it('counts a dropped connection as an error and hands the failure to the source', async () => {
    await expect(counting(ledger)(`${base}/drop`)).rejects.toThrow(TypeError)
    expect(ledger.summary(0)).toEqual([
      { accountId: 'acct-1', method: 'GET /drop', result: 'error', count: 1 },
    ])
  })

  it('folds ids in the path so every issue counts under one method', async () => {
    const fetch = counting(ledger)
    await fetch(new URL(`${base}/repos/acme/app/issues/42`))
    await fetch(new Request(`${base}/repos/acme/app/issues/42`, { method: 'PATCH', body: '{}' }))
    expect(ledger.summary(0)).toEqual([
      { accountId: 'acct-1', method: 'GET /repos/acme/app/issues/{id}', result: 'ok', count: 1 },
      { accountId: 'acct-1', method: 'PATCH /repos/acme/app/issues/{id}', result: 'ok', count: 1 },
    ])
  })

  it('names requests with the source’s own methodOf when it gives one', async () => {
    const fetch = createSourceFetch({
      baseFetch: globalThis.fetch,
      ledger,
      accountId: 'acct-1',
      methodOf: (url) => `graphql ${url.searchParams.get('op')}`,
    })
    await fetch(`${base}/repos/acme/app/issues/42?op=viewer`)
    expect(ledger.summary(0)).toEqual([
      { accountId: 'acct-1', method: 'graphql viewer', result: 'ok', count: 1 },
    ])
  })

  it("gives a source a context whose fetch and record both count under the source's account", async () => {
    const context = createSourceContext({ baseFetch: globalThis.fetch, ledger, accountId: 'imap-1' })
    await context.fetch(`${base}/broken`)
    context.record('IDLE', 'ok')
    expect(ledger.summary(0)).toEqual([
      { accountId: 'imap-1', method: 'GET /broken', result: 'error', count: 1 },
      { accountId: 'imap-1', method: 'IDLE', result: 'ok', count: 1 },
    ])
  })
})

describe('method names', () => {
  it.each([
    ['https://slack.com/api/conversations.history?channel=C1', 'GET', 'conversations.history'],
    ['https://api.github.com/notifications?all=true', 'GET', 'GET /notifications'],
    ['https://api.github.com/notifications/threads/123456', 'patch', 'PATCH /notifications/threads/{id}'],
    ['https://api.github.com/repos/acme/app/commits/3f1c2a9b7e', 'GET', 'GET /repos/acme/app/commits/{id}'],
    ['https://ghe.example.com/api/v3/notifications/', 'GET', 'GET /api/v3/notifications'],
  ])('%s (%s) counts as %s', (url, httpMethod, method) => {
    expect(defaultMethodOf(new URL(url), httpMethod)).toBe(method)
  })
})

describe('electronFetch', () => {
  beforeEach(async () => {
    resetElectron()
    await app.whenReady()
  })

  it("sends requests through Electron's net.fetch and answers its response", async () => {
    net.answer = () =>
      new Response('{"ok":true}', { status: 200, headers: { 'content-type': 'application/json' } })
    const response = await electronFetch('https://slack.com/api/auth.test', {
      method: 'POST',
      headers: { authorization: 'Bearer xoxb-test' },
      body: 'x=1',
    })
    expect(await response.json()).toEqual({ ok: true })
    expect(net.requests).toHaveLength(1)
    const request = net.requests[0]!
    expect(request.url).toBe('https://slack.com/api/auth.test')
    expect(request.method).toBe('POST')
    expect(request.headers.get('authorization')).toBe('Bearer xoxb-test')
    expect(await request.text()).toBe('x=1')
  })

  it('passes a URL object to net.fetch as its text', async () => {
    await electronFetch(new URL('https://api.github.com/notifications'))
    expect(net.requests.map((request) => request.url)).toEqual(['https://api.github.com/notifications'])
  })

  it('counts through the ledger when it is the base fetch of a source', async () => {
    net.answer = () => new Response(null, { status: 304 })
    const ledger = createLedger({ now: () => 0 })
    const fetch = createSourceFetch({ baseFetch: electronFetch, ledger, accountId: 'github-1' })
    await fetch('https://api.github.com/notifications')
    expect(ledger.summary(0)).toEqual([
      { accountId: 'github-1', method: 'GET /notifications', result: 'not-modified', count: 1 },
    ])
  })

  it('fails as a rejected promise, not a throw, when used before the app is ready', async () => {
    resetElectron()
    const answer = electronFetch('https://api.github.com/notifications')
    await expect(answer).rejects.toThrow(/app is ready/)
  })
})

describe('a fetch bound to the account origin', () => {
  it('sends a request to the account origin', async () => {
    const fetch = fetchOnlyTo(globalThis.fetch, base)
    const response = await fetch(`${base}/repos/acme/app/issues/42`, {
      headers: { authorization: 'token t' },
    })
    expect(response.status).toBe(200)
  })

  it('refuses another port, another scheme and another host before anything is sent', async () => {
    const seen: string[] = []
    const recording: typeof globalThis.fetch = async (input) => {
      seen.push(String(input))
      return new Response('{}')
    }
    const fetch = fetchOnlyTo(recording, base)
    const port = Number(new URL(base).port)
    const foreign = [
      `http://127.0.0.1:${port + 1}/repos/acme/app/issues/comments/1`,
      `https://127.0.0.1:${port}/repos/acme/app/issues/comments/1`,
      'http://evil.example/repos/acme/app/issues/comments/1',
      `http://127.0.0.1:${port}@evil.example/comments/1`,
      'not a url',
    ]
    for (const url of foreign) {
      await expect(fetch(url, { headers: { authorization: 'token t' } })).rejects.toThrow(ForeignOriginError)
    }
    expect(seen).toEqual([])
  })

  it('names the refused host and the allowed origin in its message', async () => {
    const fetch = fetchOnlyTo(globalThis.fetch, 'https://api.github.com')
    await expect(fetch('http://evil.example:8080/x')).rejects.toThrow(
      /http:\/\/evil\.example:8080.*only https:\/\/api\.github\.com/,
    )
  })
})
