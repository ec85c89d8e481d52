// Browser mode's host against hostile requests any web page (or any local
// program) can send: each gets an answer or loses its own connection, and
// the host goes on serving the next good request.
import { connect as connectTcp, type Socket } from 'node:net'
import { describe, expect, it } from 'vitest'
import { WebSocket } from 'ws'
import { tempWebHostPerTest } from '../support/temp-web-host'

const start = tempWebHostPerTest()

/** Writes `request` as is on a fresh TCP connection and reads everything until the server hangs up. */
function rawHttp(port: number, request: string): Promise<{ status: number; body: string }> {
  return new Promise((done, fail) => {
    const chunks: Buffer[] = []
    const socket = connectTcp(port, '127.0.0.1', () => socket.write(request))
    socket.on('data', (chunk) => chunks.push(chunk))
    socket.on('error', fail)
    socket.on('close', () => {
      const text = Buffer.concat(chunks).toString('utf8')
      const status = /^HTTP\/1\.1 (\d{3})/.exec(text)?.[1]
      if (!status) return fail(new Error(`the host hung up without an HTTP answer: ${JSON.stringify(text)}`))
      done({ status: Number(status), body: text.slice(text.indexOf('\r\n\r\n') + 4) })
    })
  })
}

function get(port: number, target: string, hostHeader = `127.0.0.1:${port}`) {
  return rawHttp(port, `GET ${target} HTTP/1.1\r\nHost: ${hostHeader}\r\nConnection: close\r\n\r\n`)
}

function upgradeRequest(target: string, headers: { host: string; origin: string }) {
  return [
    `GET ${target} HTTP/1.1`,
    `Host: ${headers.host}`,
    `Origin: ${headers.origin}`,
    'Upgrade: websocket',
    'Connection: Upgrade',
    'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==',
    'Sec-WebSocket-Version: 13',
    '',
    '',
  ].join('\r\n')
}

/** A WebSocket handshake done by hand, leaving a socket on which a test writes any frame it likes. */
function rawBridge(port: number, target: string, origin: string): Promise<Socket> {
  return new Promise((done, fail) => {
    let received = ''
    const socket = connectTcp(port, '127.0.0.1', () =>
      socket.write(upgradeRequest(target, { host: `127.0.0.1:${port}`, origin })),
    )
    socket.on('error', fail)
    const onData = (chunk: Buffer) => {
      received += chunk.toString('latin1')
      if (!received.includes('\r\n\r\n')) return
      socket.off('data', onData)
      if (received.startsWith('HTTP/1.1 101')) done(socket)
      else fail(new Error(`the handshake was refused: ${received}`))
    }
    socket.on('data', onData)
  })
}

/** A masked client frame (RFC 6455 §5.2), with any opcode and a length field that may lie. */
function clientFrame(opcode: number, payload: Buffer, claimedLength = payload.length): Buffer {
  const mask = Buffer.from([1, 2, 3, 4])
  const masked = Buffer.from(payload.map((byte, index) => byte ^ (mask[index % 4] ?? 0)))
  let header: Buffer
  if (claimedLength < 126) {
    header = Buffer.from([0x80 | opcode, 0x80 | claimedLength])
  } else {
    header = Buffer.alloc(10)
    header[0] = 0x80 | opcode
    header[1] = 0x80 | 127
    header.writeBigUInt64BE(BigInt(claimedLength), 2)
  }
  return Buffer.concat([header, mask, masked])
}

function hangUp(socket: Socket): Promise<void> {
  return new Promise((done) => {
    if (socket.destroyed) return done()
    socket.once('close', () => done())
    socket.resume()
  })
}

function openBridge(url: string, origin: string): Promise<WebSocket> {
  return new Promise((done, fail) => {
    const socket = new WebSocket(url, { origin })
    socket.once('open', () => done(socket))
    socket.once('error', fail)
    socket.once('unexpected-response', (_request, response) => fail(new Error(`HTTP ${response.statusCode}`)))
  })
}

function call(socket: WebSocket, id: number): Promise<unknown> {
  return new Promise((done) => {
    socket.once('message', (data) => done(JSON.parse(String(data))))
    socket.send(JSON.stringify({ id, call: 'app:info', request: {} }))
  })
}

async function expectStillServing(port: number, bridgeUrl: string, origin: string) {
  expect((await get(port, '/')).status).toBe(200)
  const socket = await openBridge(bridgeUrl, origin)
  expect(await call(socket, 99)).toMatchObject({ id: 99, envelope: { ok: true } })
  socket.close()
}

describe('browser-mode host under hostile requests', () => {
  it('answers a broken percent escape with 400 and serves the next request', async () => {
    const { port, bridgeUrl, origin } = await start()
    for (const target of ['/%', '/%E0%A4%A', '/assets/%zz.js']) {
      const answer = await get(port, target)
      expect(answer.status).toBe(400)
      expect(answer.body).toContain('percent escape')
    }
    await expectStillServing(port, bridgeUrl, origin)
  })

  it('answers a NUL byte in the path with 400', async () => {
    const { port } = await start()
    expect((await get(port, '/index.html%00.png')).status).toBe(400)
  })

  it('answers a request target that is not a path with 400, for pages and for the bridge', async () => {
    const { port, bridgeUrl, origin, host } = await start()
    for (const target of ['http://evil.example/', '*']) {
      expect((await get(port, target)).status).toBe(400)
    }
    const upgrade = upgradeRequest(`http://evil.example/bridge?token=${host.token}`, {
      host: `127.0.0.1:${port}`,
      origin,
    })
    expect((await rawHttp(port, upgrade)).status).toBe(400)
    await expectStillServing(port, bridgeUrl, origin)
  })

  it('reads a target that a URL parser takes for an empty host ("//") as a path on this server', async () => {
    const { port, bridgeUrl, origin, host } = await start()
    expect((await get(port, '//')).status).toBe(404)
    const upgrade = upgradeRequest(`//?token=${host.token}`, { host: `127.0.0.1:${port}`, origin })
    expect((await rawHttp(port, upgrade)).status).toBe(404)
    await expectStillServing(port, bridgeUrl, origin)
  })

  it.each([
    ['a frame over the size limit', clientFrame(0x2, Buffer.alloc(0), 9 * 1024 * 1024)],
    ['text that is not UTF-8', clientFrame(0x1, Buffer.from([0xff, 0xfe, 0xfd]))],
    ['an unknown opcode', clientFrame(0x3, Buffer.from('hello'))],
  ])('drops only the connection that sends %s, and logs why', async (_kind, frame) => {
    const { port, bridgeUrl, origin, log } = await start()
    const bystander = await openBridge(bridgeUrl, origin)
    const attacker = await rawBridge(port, new URL(bridgeUrl).pathname + new URL(bridgeUrl).search, origin)
    attacker.write(frame)
    await hangUp(attacker)
    expect(log.lines.some((line) => line.message.includes('broke the WebSocket protocol'))).toBe(true)
    expect(bystander.readyState).toBe(WebSocket.OPEN)
    expect(await call(bystander, 7)).toMatchObject({ id: 7, envelope: { ok: true } })
    bystander.close()
    await expectStillServing(port, bridgeUrl, origin)
  })

  it('refuses a page request naming another host (DNS rebinding) with 421 and says why', async () => {
    const { port, bridgeUrl, origin, log } = await start()
    for (const name of [`evil.example:${port}`, `localhost:${port}`, '127.0.0.1:1', '127.0.0.1']) {
      const answer = await get(port, '/', name)
      expect(answer.status).toBe(421)
      expect(answer.body).toContain(`answers only requests for 127.0.0.1:${port}`)
      expect(answer.body).not.toContain('<title>Lull</title>')
    }
    expect(log.lines.some((line) => line.message.includes('evil.example'))).toBe(true)
    await expectStillServing(port, bridgeUrl, origin)
  })

  it('refuses a bridge connection naming another host even with the right origin and token', async () => {
    const { port, bridgeUrl, origin } = await start()
    const target = new URL(bridgeUrl).pathname + new URL(bridgeUrl).search
    const answer = await rawHttp(port, upgradeRequest(target, { host: `evil.example:${port}`, origin }))
    expect(answer.status).toBe(421)
    expect(answer.body).toContain('evil.example')
    await expectStillServing(port, bridgeUrl, origin)
  })

  it('survives a client that resets its connection while being refused', async () => {
    const { port, bridgeUrl, origin } = await start()
    await new Promise<void>((done) => {
      const socket = connectTcp(port, '127.0.0.1', () => {
        socket.write(upgradeRequest('/bridge', { host: `127.0.0.1:${port}`, origin }))
        socket.resetAndDestroy()
      })
      socket.on('close', () => done())
    })
    await expectStillServing(port, bridgeUrl, origin)
  })
})
