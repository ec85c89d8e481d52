// What the views need from the app: the inbox, the engine to send intents
// to, and the host for opening links.
import { createContext, useContext } from 'react'
import type { LullDb } from './db/schema'
import type { Engine } from './engine/engine'
import type { HostClient } from './host/client'

export type AppServices = { db: LullDb; engine: Engine; host: HostClient; mode: 'electron' | 'browser' }

export const AppContext = createContext<AppServices | null>(null)

export function useServices(): AppServices {
  const services = useContext(AppContext)
  if (!services) throw new Error('useServices outside AppContext')
  return services
}
