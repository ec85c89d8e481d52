// A small TCP proxy on 127.0.0.1 in front of an IMAP server, for fault
// injection: it counts connections and commands, reads the client's command
// lines (so a test can say "the k-th session that fetches"), and can drop,
// stall or answer in the server's place at such a command. Server bytes pass
// through untouched unless a fault says otherwise. A session is a
// connection, or, for a client that keeps its connection, the commands from
// one `sessionStart` command to the next.
import { connect as connectTcp, createServer, type Server, type Socket } from 'node:net'

/** What happens at the command a fault waits for. */
export type ProxyFault =
  /** The command reaches the server; its answer is cut mid-way and both sockets closed. */
  | { kind: 'drop' }
  /** The command reaches the server; nothing it answers reaches the client, and the socket stays open. */
  | { kind: 'stall' }
  /** The command never reaches the server; the client gets these lines (CRLF added) instead. */
  | { kind: 'reply'; lines: (tag: string) => string[]; thenClose?: boolean }

export type ProxiedConnection = {
  id: number
  /** The client's command lines so far, literals left out. */
  commands: string[]
  /** The mailbox of the last SELECT or EXAMINE; null again after CLOSE or UNSELECT. */
  selected: string | null
  isIdling: boolean
  destroy(): void
}

/** Runs before a matching command goes on to the server; the command waits for it. */
export type CommandHook = (connection: ProxiedConnection, line: string) => Promise<void> | void

export type TcpProxy = {
  port: number
  /** Connections accepted so far. */
  connections(): number
  /** Command lines matching `match` that clients sent so far, on every connection, closed ones too. */
  commandCount(match: RegExp): number
  /** Bytes the server sent through the proxy so far. */
  bytesFromServer(): number
  open(): ProxiedConnection[]
  /** New connections wait (accepted and counted) until this settles. */
  hold(until: Promise<unknown>): void
  /**
   * The `index`-th session from now (0: the next) whose client sends a
   * command matching `match` meets `fault` at that command.
   */
  failAt(match: RegExp, index: number, fault: ProxyFault): void
  onCommand(match: RegExp, hook: CommandHook): void
  close(): Promise<void>
}

const literalAtEnd = /\{(\d+)\+?\}$/

/** The mailbox a SELECT or EXAMINE names: quoted, or an atom. */
export function selectedMailbox(line: string): string | null {
  const match = /^\S+ (?:SELECT|EXAMINE) (?:"((?:[^"\\]|\\.)*)"|(\S+))/i.exec(line)
  if (!match) return null
  return match[1] !== undefined ? match[1].replace(/\\(.)/g, '$1') : (match[2] ?? null)
}

export async function startTcpProxy(
  upstream: { host: string; port: number },
  options: { sessionStart?: RegExp } = {},
): Promise<TcpProxy> {
  let accepted = 0
  const allCommands: string[] = []
  let fromServer = 0
  let held: Promise<unknown> = Promise.resolve()
  const live = new Set<ProxiedConnection>()
  const sockets = new Set<Socket>()
  const hooks: Array<{ match: RegExp; hook: CommandHook }> = []
  let pending: { match: RegExp; remaining: number; fault: ProxyFault } | null = null

  const server: Server = createServer((client) => {
    const id = ++accepted
    const gate = held
    client.pause()
    sockets.add(client)
    const upstreamSocket = connectTcp(upstream.port, upstream.host)
    sockets.add(upstreamSocket)
    upstreamSocket.pause()
    const connection: ProxiedConnection = {
      id,
      commands: [],
      selected: null,
      isIdling: false,
      destroy() {
        client.destroy()
        upstreamSocket.destroy()
      },
    }
    live.add(connection)
    let mode: 'pass' | 'drop' | 'stall' = 'pass'
    let isCounted = false
    let buffer = Buffer.alloc(0)
    let literalLeft = 0
    /** Client lines are handled one at a time, in order, since a hook may wait. */
    let queue: Promise<void> = Promise.resolve()

    const end = () => {
      live.delete(connection)
      sockets.delete(client)
      sockets.delete(upstreamSocket)
      client.destroy()
      upstreamSocket.destroy()
    }
    client.on('error', end)
    upstreamSocket.on('error', end)
    client.on('close', end)
    upstreamSocket.on('close', end)

    upstreamSocket.on('data', (chunk: Buffer) => {
      fromServer += chunk.length
      if (mode === 'stall') return
      if (mode === 'drop') {
        client.write(chunk.subarray(0, Math.max(1, Math.floor(chunk.length / 2))))
        connection.destroy()
        return
      }
      client.write(chunk)
    })

    const handleLine = async (line: Buffer) => {
      const text = line.toString('latin1').replace(/\r?\n$/, '')
      connection.commands.push(text.slice(0, 300))
      allCommands.push(text.slice(0, 300))
      const mailbox = selectedMailbox(text)
      if (mailbox !== null) connection.selected = mailbox
      else if (/^\S+ (?:CLOSE|UNSELECT)$/i.test(text)) connection.selected = null
      if (options.sessionStart?.test(text)) isCounted = false
      if (/^\S+ IDLE$/i.test(text)) connection.isIdling = true
      else if (/^DONE$/i.test(text)) connection.isIdling = false
      for (const { match, hook } of hooks) if (match.test(text)) await hook(connection, text)
      if (pending && !isCounted && pending.match.test(text)) {
        isCounted = true
        if (pending.remaining > 0) pending.remaining--
        else {
          const { fault } = pending
          pending = null
          const tag = text.split(' ')[0] ?? '*'
          if (fault.kind === 'reply') {
            client.write(
              fault
                .lines(tag)
                .map((reply) => `${reply}\r\n`)
                .join(''),
            )
            if (fault.thenClose) client.end(() => connection.destroy())
            return
          }
          mode = fault.kind
        }
      }
      upstreamSocket.write(line)
    }

    client.on('data', (chunk: Buffer) => {
      buffer = Buffer.concat([buffer, chunk])
      while (buffer.length > 0) {
        if (literalLeft > 0) {
          const part = buffer.subarray(0, literalLeft)
          buffer = buffer.subarray(part.length)
          literalLeft -= part.length
          queue = queue.then(() => {
            upstreamSocket.write(part)
          })
          continue
        }
        const newline = buffer.indexOf(10)
        if (newline < 0) break
        const line = buffer.subarray(0, newline + 1)
        buffer = buffer.subarray(newline + 1)
        const literal = literalAtEnd.exec(line.toString('latin1').trimEnd())
        if (literal) {
          literalLeft = Number(literal[1])
          queue = queue.then(() => {
            upstreamSocket.write(line)
          })
        } else {
          queue = queue.then(() => handleLine(line)).catch(() => connection.destroy())
        }
      }
    })

    upstreamSocket.once('connect', () => {
      void gate.finally(() => {
        client.resume()
        upstreamSocket.resume()
      })
    })
  })

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => resolve())
  })
  const address = server.address()
  const port = typeof address === 'object' && address ? address.port : 0

  return {
    port,
    connections: () => accepted,
    commandCount: (match) => allCommands.filter((line) => match.test(line)).length,
    bytesFromServer: () => fromServer,
    open: () => [...live],
    hold(until) {
      held = until.catch(() => undefined)
    },
    failAt(match, index, fault) {
      pending = { match, remaining: index, fault }
    },
    onCommand(match, hook) {
      hooks.push({ match, hook })
    },
    async close() {
      for (const socket of sockets) socket.destroy()
      await new Promise<void>((resolve) => server.close(() => resolve()))
    },
  }
}
