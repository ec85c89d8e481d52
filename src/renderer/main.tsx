// Boots the renderer: finds the host (the preload's window.lull in the app,
// the loopback bridge in browser mode), opens the inbox and starts the engine.
// React's refresh start-up, as a module rather than an inline script the CSP
// would refuse; empty in a production build. It must be the first import.
import '@vitejs/plugin-react/preamble'
import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { z } from 'zod'
import type { LullBridge } from '../shared/contract'
import { App } from './App'
import { AppContext } from './app-context'
import { LullDb } from './db/schema'
import { systemClock } from './engine/clock'
import { createEngine } from './engine/engine'
import { StartupFailure } from './features/startup/StartupFailure'
import { connectBrowserBridge } from './host/browser-bridge'
import { createHostClient } from './host/client'
import { useUi } from './store'

// The page's CSP forbids eval: zod would probe for it (a refused script-src
// report on every start) and then parse without it anyway. Say so up front.
z.config({ jitless: true })

/**
 * One window runs the engine: the first to take this lock. Another window
 * (a second browser-mode tab) waits here and takes over when the first one
 * closes; until then it shows the same store and sends its intents there.
 */
function leadWithWebLocks(): Promise<void> {
  if (!navigator.locks) return Promise.resolve()
  return new Promise((leading) => {
    void navigator.locks.request('lull-engine', () => {
      leading()
      // Held for the life of this window.
      return new Promise<never>(() => {})
    })
  })
}

/**
 * Ask the browser not to evict the inbox under storage pressure. A browser
 * may decline (headless ones do); the store check with main still notices a
 * store that was cleared, and says so then.
 */
async function keepStorage() {
  if (!navigator.storage?.persist) return
  const isPersisted = (await navigator.storage.persisted()) || (await navigator.storage.persist())
  if (!isPersisted)
    console.warn('[lull] storage is not persistent: the browser may clear the inbox under pressure')
}

async function findBridge(): Promise<LullBridge> {
  return window.lull ?? connectBrowserBridge(window.location)
}

async function boot() {
  const root = createRoot(document.getElementById('root') as HTMLElement)
  let bridge: LullBridge
  try {
    bridge = await findBridge()
  } catch (error) {
    console.error('[lull] no host:', (error as Error).message)
    root.render(<StartupFailure message={(error as Error).message} />)
    return
  }
  const { report, navigate } = useUi.getState()
  const host = createHostClient(bridge, report)
  const db = new LullDb()
  const engine = createEngine({
    db,
    host,
    clock: systemClock,
    newId: () => crypto.randomUUID(),
    navigate,
    report: (message) => {
      console.warn('[lull]', message)
      report(message)
    },
    acquireLead: leadWithWebLocks,
  })
  const info = await host.call('app:info', {}).catch(() => null)
  if (info && !info.vault.isEncrypted && info.vault.isPersistent) {
    report(
      `This system has no keyring, so sign-ins can only be saved with ${info.vault.backend}, which is not real encryption: Lull asks before it saves one. Install GNOME Keyring or KWallet and restart Lull to protect them.`,
    )
  }
  if (info?.recovery) {
    report(
      `Lull's window stopped (${info.recovery.reason}) at ${new Date(info.recovery.at).toLocaleTimeString()} and was reloaded. Nothing held was lost: it is all in the store.`,
    )
  }
  void keepStorage()
  // A network change (Wi-Fi back, a VPN up) ends push connections without a word: reopen them.
  window.addEventListener('online', () => {
    void host.call('source:reconnect', { reason: 'the network came back' }).catch(() => {})
  })
  root.render(
    <StrictMode>
      <AppContext.Provider value={{ db, engine, host, mode: info?.mode ?? 'browser' }}>
        <App />
      </AppContext.Provider>
    </StrictMode>,
  )
  await engine.start()
}

void boot()
