// Binds the host to Electron IPC: one handler per contract call, derived
// from the contract, each checking who is calling before anything runs.
// Events go the other way, from the hub to the app window's page.
import type { IpcMain, IpcMainInvokeEvent } from 'electron'
import { callNames, type Envelope, ipcChannel } from '../shared/contract'
import type { Dispatch } from './dispatch'
import type { EventHub } from './events'
import type { Log } from './log'

export type IpcBinding = {
  ipcMain: Pick<IpcMain, 'handle' | 'removeHandler'>
  dispatch: Dispatch
  isTrustedSender: (event: IpcMainInvokeEvent) => boolean
  log: Log
}

/** Register every call; answers a function that removes the handlers again. */
export function bindIpc({ ipcMain, dispatch, isTrustedSender, log }: IpcBinding): () => void {
  for (const name of callNames) {
    ipcMain.handle(ipcChannel.call(name), async (event, request: unknown): Promise<Envelope> => {
      let isTrusted = false
      try {
        isTrusted = isTrustedSender(event)
      } catch {
        isTrusted = false
      }
      if (!isTrusted) {
        const message = `${name} was refused: it did not come from Lull's own window.`
        log.warn('ipc', `${message} (frame: ${frameUrl(event)})`)
        return { ok: false, error: { code: 'forbidden-sender', message } }
      }
      try {
        return await dispatch(name, request)
      } catch (error) {
        // dispatch answers envelopes itself; this only guards the IPC layer against a broken one.
        const message = `${name} failed unexpectedly: ${error instanceof Error ? error.message : String(error)}`
        log.error('ipc', message)
        return { ok: false, error: { code: 'internal', message } }
      }
    })
  }
  return () => {
    for (const name of callNames) ipcMain.removeHandler(ipcChannel.call(name))
  }
}

function frameUrl(event: IpcMainInvokeEvent): string {
  try {
    return event.senderFrame?.url.slice(0, 200) ?? 'gone'
  } catch {
    return 'unreadable'
  }
}

/** What event forwarding needs of a page's WebContents. */
type EventTarget = {
  send(channel: string, ...args: unknown[]): void
  isDestroyed(): boolean
  once(event: 'destroyed', listener: () => void): unknown
}

/** Forward every hub event to the page while it lives; answers a function that stops forwarding. */
export function connectWindowEvents(hub: Pick<EventHub, 'connect'>, webContents: EventTarget): () => void {
  const disconnect = hub.connect((name, payload) => {
    if (webContents.isDestroyed()) return
    webContents.send(ipcChannel.event(name), payload)
  })
  webContents.once('destroyed', () => disconnect())
  return disconnect
}
