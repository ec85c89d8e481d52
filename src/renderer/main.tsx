// Boots the renderer: finds the host (the preload's window.lull in the app,
// the loopback bridge in browser mode), opens the inbox and starts the engine.
// React's refresh start-up, as a module rather than an inline script the CSP
// would refuse; empty in a production build. It must be the first import.
import '@vitejs/plugin-react/preamble'
import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
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
  })
  const info = await host.call('app:info', {}).catch(() => null)
  if (info && !info.vault.isEncrypted && info.mode === 'electron') {
    report(
      `Secrets are stored with the ${info.vault.backend} backend, which is not real encryption. Install a keyring (GNOME Keyring or KWallet) and restart Lull to protect your tokens.`,
    )
  }
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
