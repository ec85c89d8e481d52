// Browser mode: installs the same bridge the preload gives the app window,
// over the loopback WebSocket that `npm run web` serves. The token comes
// from the URL's fragment, which the browser never sends in a request.
import {
  type CallName,
  createBridge,
  type EventName,
  type LullBridge,
  type Transport,
} from '../../shared/contract'

export class BridgeUnavailable extends Error {
  override name = 'BridgeUnavailable'
}

export function tokenFromLocation(location: Pick<Location, 'hash'>): string | null {
  const match = /(?:^#|&)token=([A-Za-z0-9_-]+)/.exec(location.hash)
  return match?.[1] ?? null
}

export async function connectBrowserBridge(location: Pick<Location, 'hash' | 'host'>): Promise<LullBridge> {
  const token = tokenFromLocation(location)
  if (!token) {
    throw new BridgeUnavailable(
      'This page has no bridge token. Open the exact URL that `npm run web` printed (it ends with #token=…).',
    )
  }
  const socket = new WebSocket(`ws://${location.host}/bridge?token=${encodeURIComponent(token)}`)
  await new Promise<void>((done, fail) => {
    socket.addEventListener('open', () => done(), { once: true })
    socket.addEventListener(
      'error',
      () =>
        fail(
          new BridgeUnavailable(
            'Lull could not reach its host. Is `npm run web` still running, and is the token right?',
          ),
        ),
      { once: true },
    )
  })

  let nextId = 1
  const pending = new Map<number, (envelope: unknown) => void>()
  const listeners = new Map<EventName, Set<(payload: unknown) => void>>()
  socket.addEventListener('message', (message) => {
    let data: { id?: number; envelope?: unknown; event?: EventName; payload?: unknown }
    try {
      data = JSON.parse(String(message.data))
    } catch {
      return
    }
    if (typeof data.id === 'number') {
      pending.get(data.id)?.(data.envelope)
      pending.delete(data.id)
    } else if (data.event) {
      for (const listener of listeners.get(data.event) ?? []) listener(data.payload)
    }
  })
  socket.addEventListener('close', () => {
    for (const answer of pending.values()) {
      answer({
        ok: false,
        error: {
          code: 'internal',
          message: 'The connection to the Lull host closed. Restart `npm run web`.',
        },
      })
    }
    pending.clear()
  })

  const transport: Transport = {
    invoke(name: CallName, request: unknown) {
      if (socket.readyState !== WebSocket.OPEN) {
        return Promise.resolve({
          ok: false,
          error: {
            code: 'internal',
            message: 'The connection to the Lull host is closed. Restart `npm run web`.',
          },
        })
      }
      const id = nextId++
      return new Promise((answer) => {
        pending.set(id, answer)
        socket.send(JSON.stringify({ id, call: name, request }))
      })
    },
    subscribe(name, listener) {
      const set = listeners.get(name) ?? new Set()
      set.add(listener)
      listeners.set(name, set)
      return () => set.delete(listener)
    },
  }
  return createBridge(transport)
}
