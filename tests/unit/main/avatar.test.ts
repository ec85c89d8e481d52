import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { avatarByteLimit, fetchAvatar } from '../../../src/main/avatar'
import { createLog } from '../../../src/main/log'

const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 1, 2, 3])
const server = createServer((request, response) => {
  if (request.url === '/ok.png') response.writeHead(200, { 'content-type': 'image/png' }).end(png)
  else if (request.url === '/huge.png')
    response.writeHead(200, { 'content-type': 'image/png' }).end(Buffer.alloc(avatarByteLimit + 1))
  else if (request.url === '/endless.png') {
    // A body with no stated length that would go on for 1.5 GB: counts what it got to write.
    response.writeHead(200, { 'content-type': 'image/png' })
    const chunk = Buffer.alloc(16 * 1024)
    let sent = 0
    const pump = () => {
      while (sent < 1.5 * 1024 ** 3) {
        sent += chunk.length
        endlessSent = sent
        if (!response.write(chunk)) return void response.once('drain', pump)
      }
      response.end()
    }
    response.on('close', () => {
      endlessClosed = true
    })
    pump()
  } else if (request.url === '/page')
    response.writeHead(200, { 'content-type': 'text/html' }).end('<script>x</script>')
  else response.writeHead(404).end()
})
let base = ''
let endlessSent = 0
let endlessClosed = false
beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
})
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())))

const log = createLog(() => {})

describe("an account's picture", () => {
  it('becomes a data: URL the page can show without reaching out', async () => {
    expect(await fetchAvatar(fetch, `${base}/ok.png`, log)).toBe(
      `data:image/png;base64,${png.toString('base64')}`,
    )
  })

  it('is left out when it is not a small image, or not over https', async () => {
    expect(await fetchAvatar(fetch, `${base}/huge.png`, log)).toBeNull()
    expect(await fetchAvatar(fetch, `${base}/page`, log)).toBeNull()
    expect(await fetchAvatar(fetch, `${base}/missing.png`, log)).toBeNull()
    expect(await fetchAvatar(fetch, 'http://avatars.example/u/1', log)).toBeNull()
    expect(await fetchAvatar(fetch, 'not a url', log)).toBeNull()
  })

  it('stops reading a body at the limit, however long the body would be', async () => {
    expect(await fetchAvatar(fetch, `${base}/endless.png`, log)).toBeNull()
    await expect.poll(() => endlessClosed).toBe(true)
    // What was read is about the limit plus what sat in the socket's buffers, never the body.
    expect(endlessSent).toBeLessThan(32 * 1024 * 1024)
  })
})
