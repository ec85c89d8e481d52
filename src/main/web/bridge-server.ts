// Browser mode: Lull without Electron. The built renderer is served on
// 127.0.0.1 and `window.lull` is bridged to the real host over a loopback
// WebSocket that only accepts the page this server served (Origin check)
// holding this run's random token. Whatever a client sends, the server
// answers or drops that one client; it never throws out of a handler.
import { randomBytes, timingSafeEqual } from 'node:crypto'
import { createServer, type IncomingMessage } from 'node:http'
import type { AddressInfo } from 'node:net'
import { resolve } from 'node:path'
import type { Duplex } from 'node:stream'
import { type RawData, type WebSocket, WebSocketServer } from 'ws'
import { z } from 'zod'
import { calls, type EventName } from '../../shared/contract'
import { createDispatch, type Dispatch } from '../dispatch'
import { createEventHub, type EventHub } from '../events'
import { createHost, type HostDeps } from '../host'
import type { Log } from '../log'
import { createPerBrowserStoreMarker } from '../store-marker'
import { answerText, serveStatic } from './static-files'

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

const openTheUrl = 'Open the exact URL that `npm run web` printed.'

function isTokenValid(expected: string, given: string | null): boolean {
  if (!given) return false
  const a = Buffer.from(expected)
  const b = Buffer.from(given)
  return a.length === b.length && timingSafeEqual(a, b)
}

export function describeError(error: unknown): string {
  return error instanceof Error ? (error.stack ?? error.message) : String(error)
}

/**
 * Why a request's Host header is refused, or null when it names this server.
 * Only `127.0.0.1:<port>` passes. DNS rebinding points a name the attacker
 * owns at 127.0.0.1, so the browser sends that name as Host: refusing every
 * other name keeps such a page from reading anything here. `localhost` is
 * refused too: the bridge only admits the origin `http://127.0.0.1:<port>`,
 * so a page on localhost could not use Lull anyway, and accepting it would
 * trust whatever that name resolves to on this machine.
 */
export function hostProblem(host: string | undefined, expected: string): string | null {
  if (host === expected) return null
  const named = host === undefined ? 'no host' : `the host ${JSON.stringify(host.slice(0, 100))}`
  return `Lull's browser mode answers only requests for ${expected}, and this one named ${named}. ${openTheUrl}`
}

/** The request target as a URL on this server, or null when it is not a path Lull can read. */
export function parseTarget(target: string | undefined, origin: string): URL | null {
  // Only the origin form ("/path?query") that browsers send to a server: an
  // absolute form ("http://elsewhere/") would name some other host.
  if (!target?.startsWith('/')) return null
  try {
    return new URL(origin + target)
  } catch {
    return null
  }
}

/** Answers an upgrade request that will not become a WebSocket, then hangs up. */
function refuseUpgrade(socket: Duplex, status: string, why: string) {
  socket.end(
    `HTTP/1.1 ${status}\r\ncontent-type: text/plain; charset=utf-8\r\nx-content-type-options: nosniff\r\nconnection: close\r\n\r\n${why}\r\n`,
  )
}

/** One bridge connection: calls in, answers and events out. */
function serveBridge(ws: WebSocket, hub: EventHub, dispatch: Dispatch, log: Log) {
  // A protocol error (a frame over the size limit, text that is not UTF-8,
  // an unknown opcode) arrives as 'error'; without a listener it would stop
  // the whole host, so it ends only this connection.
  ws.on('error', (error) => {
    log.warn('bridge', `dropped a connection that broke the WebSocket protocol: ${error.message}`)
    ws.terminate()
  })
  const disconnect = hub.connect((name: EventName, payload) => {
    if (ws.readyState === ws.OPEN) ws.send(JSON.stringify({ event: name, payload }))
  })
  ws.on('close', disconnect)
  ws.on('message', (data) => {
    answerCall(ws, data, dispatch, log).catch((error: unknown) => {
      log.error('bridge', `could not answer a call, the connection stays open: ${describeError(error)}`)
    })
  })
}

async function answerCall(ws: WebSocket, data: RawData, dispatch: Dispatch, log: Log): Promise<void> {
  let message: z.infer<typeof ClientMessage>
  try {
    message = ClientMessage.parse(JSON.parse(String(data)))
  } catch {
    log.warn('bridge', 'ignored a message that is not a call')
    return
  }
  const envelope = await dispatch(message.call, message.request)
  if (ws.readyState === ws.OPEN) ws.send(JSON.stringify({ id: message.id, envelope }))
}

export async function startWebHost(options: WebHostOptions): Promise<WebHost> {
  const { log } = options
  const token = options.token ?? randomBytes(24).toString('base64url')
  const rendererDir = resolve(options.rendererDir)
  const hub = createEventHub(log)
  // A second browser on this host is a second store, not a lost one.
  const storeMarker = options.storeMarker ?? createPerBrowserStoreMarker()
  const dispatch = createDispatch(
    createHost({ ...options, mode: 'browser', emit: hub.emit, storeMarker }),
    calls,
    log,
  )
  // Both set the moment the server listens, before it accepts a request.
  let origin = ''
  let authority = ''

  const server = createServer((request, response) => {
    const misdirected = hostProblem(request.headers.host, authority)
    if (misdirected) {
      log.warn('web', `refused a request: ${misdirected}`)
      return answerText(response, 421, misdirected)
    }
    const url = parseTarget(request.url, origin)
    if (!url) return answerText(response, 400, `Lull cannot read this request's address. ${openTheUrl}`)
    serveStatic(rendererDir, url.pathname, response).catch((error: unknown) => {
      log.error('web', `could not serve ${url.pathname}: ${describeError(error)}`)
      if (!response.headersSent)
        answerText(response, 500, 'Lull could not serve this file; see its terminal.')
      else response.destroy()
    })
  })
  const sockets = new WebSocketServer({ noServer: true, maxPayload: 8 * 1024 * 1024 })
  sockets.on('error', (error) => log.error('bridge', `the WebSocket server failed: ${describeError(error)}`))

  await new Promise<void>((done, fail) => {
    server.once('error', fail)
    server.listen(options.port ?? 0, '127.0.0.1', () => {
      server.off('error', fail)
      authority = `127.0.0.1:${(server.address() as AddressInfo).port}`
      origin = `http://${authority}`
      done()
    })
  })
  // After start-up a server error (such as running out of file handles
  // while accepting) is logged; the connections already open carry on.
  server.on('error', (error) => log.error('web', `the server failed: ${describeError(error)}`))

  server.on('upgrade', (request: IncomingMessage, socket: Duplex, head: Buffer) => {
    // Node drops its own error listener from a socket it hands over here: a
    // client that resets the connection mid-answer must not stop the host.
    socket.on('error', (error) => log.warn('bridge', `a connection failed: ${error.message}`))
    const refuse = (status: string, why: string) => {
      log.warn('bridge', `refused a connection: ${why}`)
      refuseUpgrade(socket, status, why)
    }
    const misdirected = hostProblem(request.headers.host, authority)
    if (misdirected) return refuse('421 Misdirected Request', misdirected)
    const url = parseTarget(request.url, origin)
    if (!url) return refuse('400 Bad Request', `Lull cannot read this request's address. ${openTheUrl}`)
    if (url.pathname !== '/bridge') return refuse('404 Not Found', 'no such endpoint')
    if (request.headers.origin !== origin) {
      return refuse(
        '403 Forbidden',
        `origin ${JSON.stringify((request.headers.origin ?? '(none)').slice(0, 100))} is not the page Lull served`,
      )
    }
    if (!isTokenValid(token, url.searchParams.get('token'))) {
      return refuse(
        '401 Unauthorized',
        'missing or wrong token: open the exact URL that `npm run web` printed',
      )
    }
    sockets.handleUpgrade(request, socket, head, (ws) => serveBridge(ws, hub, dispatch, log))
  })

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
