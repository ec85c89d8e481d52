// Promises about credentials: a source sends its token to its account's own
// origin (scheme, host and port) and nowhere else, whatever an answer names
// as a link to follow. Checked through the platform's fetch, so a source
// that forgot its own check is caught all the same.
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { expect, it } from 'vitest'
import type { Harness } from './harness'

/** Another server on this computer: it notes every request it gets and answers like a comment would. */
async function startForeignServer() {
  const seen: Array<{ path: string; authorization: string | undefined }> = []
  const server = createServer((request, response) => {
    seen.push({ path: request.url ?? '', authorization: request.headers.authorization })
    response.writeHead(200, { 'content-type': 'application/json' })
    response.end(JSON.stringify({ id: 1, body: 'stolen?', user: { login: 'mallory' } }))
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}`,
    seen,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  }
}

export function describeCredentials(start: () => Promise<Harness>, adapterHas: { links: boolean }): void {
  it("sends its credentials only to its account's own origin", async () => {
    const h = await start()
    const origin = h.adapter.credentialOrigin
    if (!origin) throw new Error('the suite defines this test only for a source that names its origin')
    for (const stream of h.adapter.streams) {
      await h.sayMany(stream, 2)
      await h.pullToEnd(stream)
    }
    const credentialed = h.requests.filter((request) => request.hasCredentials)
    expect(credentialed.length).toBeGreaterThan(0)
    expect(new Set(credentialed.map((request) => new URL(request.url).origin))).toEqual(new Set([origin]))
  })

  if (adapterHas.links)
    it('never follows a link an answer names to another server, and keeps the item', async () => {
      const h = await start()
      const foreign = await startForeignServer()
      try {
        const [stream] = h.adapter.streams
        const token = h.token()
        await h.adapter.sayWithLinkTo?.(
          stream,
          { text: `Message ${token} that points elsewhere` },
          `${foreign.url}/api/v3/repos/acme/api/issues/comments/7`,
        )
        const items = (await h.pullToEnd(stream)).flatMap((page) => page.items)
        expect(items.some((item) => `${item.title}\n${item.text}`.includes(token))).toBe(true)
        expect(foreign.seen.filter((request) => request.authorization !== undefined)).toEqual([])
      } finally {
        await foreign.close()
      }
    })
}
