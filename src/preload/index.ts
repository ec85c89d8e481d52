// The preload: the host contract as `window.lull`, over Electron IPC, and
// nothing else. It runs sandboxed, so it is built as one CommonJS file that
// requires only `electron`; the page never sees ipcRenderer or its events.
import { contextBridge, type IpcRendererEvent, ipcRenderer } from 'electron'
import { createBridge, ipcChannel, type Transport } from '../shared/contract'

const ipcTransport: Transport = {
  invoke: (name, request) => ipcRenderer.invoke(ipcChannel.call(name), request),
  subscribe(name, listener) {
    const channel = ipcChannel.event(name)
    // Pass only the payload: the IPC event object would hand the page a way back to ipcRenderer.
    const relay = (_event: IpcRendererEvent, payload: unknown) => listener(payload)
    ipcRenderer.on(channel, relay)
    return () => {
      ipcRenderer.removeListener(channel, relay)
    }
  },
}

contextBridge.exposeInMainWorld('lull', createBridge(ipcTransport))
