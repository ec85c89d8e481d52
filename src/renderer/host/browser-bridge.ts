// Browser mode: installs the same bridge the preload gives the app window,
// over the loopback WebSocket that `npm run web` serves. The token comes
// from the URL's fragment, which the browser never sends in a request, and
// leaves the address bar as soon as it is read.
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

/** The page's address, as much of it as the bridge reads. */
export type PageLocation = Pick<Location, 'hash' | 'host' | 'pathname' | 'search'>

/** Where the token is kept once it has left the address bar. */
export type TokenKeeping = {
  history: Pick<History, 'replaceState' | 'state'>
  storage: Pick<Storage, 'getItem' | 'setItem'> | null
}

// The token lives in this tab's sessionStorage once read: a reload must
// still reach the host, and only this origin's scripts (the CSP allows no
// others) can read it. sessionStorage, unlike localStorage, is never shared
// with other tabs and is gone when the tab closes; memory alone would not
// survive the reload.
const tokenKey = 'lull:bridge-token'

export function tokenFromLocation(location: Pick<Location, 'hash'>): string | null {
  const match = /(?:^#|&)token=([A-Za-z0-9_-]+)/.exec(location.hash)
  return match?.[1] ?? null
}

/**
 * The token for this page: from the address bar, which it then leaves (so it
 * does not linger on screen, in screenshots or in a bookmark), or else the
 * one this tab kept. A token in the address is only removed once it is
 * kept, so a browser that refuses storage still works across a reload.
 */
export function takeToken(location: PageLocation, keeping: TokenKeeping): string | null {
  const fromAddress = tokenFromLocation(location)
  if (!fromAddress) return readKept(keeping.storage)
  if (keep(keeping.storage, fromAddress)) {
    keeping.history.replaceState(keeping.history.state, '', location.pathname + location.search)
  }
  return fromAddress
}

function readKept(storage: TokenKeeping['storage']): string | null {
  try {
    return storage?.getItem(tokenKey) ?? null
  } catch {
    return null
  }
}

function keep(storage: TokenKeeping['storage'], token: string): boolean {
  try {
    storage?.setItem(tokenKey, token)
    return storage !== null
  } catch {
    return false
  }
}

/** This tab's sessionStorage, or null where the browser refuses it (reading it then throws). */
function tabStorage(): Storage | null {
  try {
    return window.sessionStorage
  } catch {
    return null
  }
}

export async function connectBrowserBridge(
  location: PageLocation,
  keeping: TokenKeeping = { history: window.history, storage: tabStorage() },
): Promise<LullBridge> {
  const token = takeToken(location, keeping)
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
