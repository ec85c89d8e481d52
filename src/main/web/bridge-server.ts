// Browser mode: Lull without Electron. The built renderer is served on
// 127.0.0.1 and `window.lull` is bridged to the real host over a loopback
// WebSocket that only accepts the page this server served (Origin check)
// holding this run's random token.
import { randomBytes, timingSafeEqual } from 'node:crypto'
import { createServer, type IncomingMessage } from 'node:http'
import type { AddressInfo } from 'node:net'
import { resolve } from 'node:path'
import { type WebSocket, WebSocketServer } from 'ws'
import { z } from 'zod'
import { calls, type EventName } from '../../shared/contract'
import { createDispatch } from '../dispatch'
import { createEventHub, type EventHub } from '../events'
import { createHost, type HostDeps } from '../host'
import { serveStatic } from './static-files'

export type WebHostOptions = Omit<HostDeps, 'mode'> & {
  rendererDir: string
  port?: number
  token?: string
}

export type WebHost = {
  url: string
  token: string
  hub: EventHub
  close(): Promise<void>
}

const ClientMessage = z.object({ id: z.number().int(), call: z.string().max(64), request: z.unknown() })

function isTokenValid(expected: string, given: string | null): boolean {
  if (!given) return false
  const a = Buffer.from(expected)
  const b = Buffer.from(given)
  return a.length === b.length && timingSafeEqual(a, b)
}

export async function startWebHost(options: WebHostOptions): Promise<WebHost> {
  const { log } = options
  const token = options.token ?? randomBytes(24).toString('base64url')
  const rendererDir = resolve(options.rendererDir)
  const hub = createEventHub(log)
  const dispatch = createDispatch(createHost({ ...options, mode: 'browser' }), calls, log)
  const server = createServer((request, response) => {
    const path = new URL(request.url ?? '/', 'http://127.0.0.1').pathname
    void serveStatic(rendererDir, path, response)
  })
  const sockets = new WebSocketServer({ noServer: true, maxPayload: 8 * 1024 * 1024 })

  await new Promise<void>((done, fail) => {
    server.once('error', fail)
    server.listen(options.port ?? 0, '127.0.0.1', () => done())
  })
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`

  server.on('upgrade', (request: IncomingMessage, socket, head) => {
    const url = new URL(request.url ?? '/', origin)
    const refuse = (status: string, why: string) => {
      log.warn('bridge', `refused a connection: ${why}`)
      socket.end(`HTTP/1.1 ${status}\r\ncontent-type: text/plain\r\nconnection: close\r\n\r\n${why}\r\n`)
    }
    if (url.pathname !== '/bridge') return refuse('404 Not Found', 'no such endpoint')
    if (request.headers.origin !== origin) {
      return refuse(
        '403 Forbidden',
        `origin ${request.headers.origin ?? '(none)'} is not the page Lull served`,
      )
    }
    if (!isTokenValid(token, url.searchParams.get('token'))) {
      return refuse(
        '401 Unauthorized',
        'missing or wrong token: open the exact URL that `npm run web` printed',
      )
    }
    sockets.handleUpgrade(request, socket, head, (ws) => serveBridge(ws))
  })

  function serveBridge(ws: WebSocket) {
    const disconnect = hub.connect((name: EventName, payload) => {
      ws.send(JSON.stringify({ event: name, payload }))
    })
    ws.on('close', disconnect)
    ws.on('message', async (data) => {
      let message: z.infer<typeof ClientMessage>
      try {
        message = ClientMessage.parse(JSON.parse(String(data)))
      } catch {
        log.warn('bridge', 'ignored a message that is not a call')
        return
      }
      const envelope = await dispatch(message.call, message.request)
      if (ws.readyState === ws.OPEN) ws.send(JSON.stringify({ id: message.id, envelope }))
    })
  }

  return {
    url: `${origin}/#token=${token}`,
    token,
    hub,
    async close() {
      for (const client of sockets.clients) client.terminate()
      sockets.close()
      server.closeAllConnections()
      await new Promise<void>((done) => server.close(() => done()))
    },
  }
}
