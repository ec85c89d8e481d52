// The installed app's own settings (open at sign-in, updates), kept by main
// in a small JSON file in the app's data folder, not in the renderer's
// store: they act before any window exists (a start at sign-in, a check
// due at launch) and belong to this computer, not to an inbox.
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises'
import { dirname } from 'node:path'
import { z } from 'zod'
import type { Log } from '../log'

export const InstallSettings = z.object({
  /** 'unasked' until the first run asks; then what the person chose. */
  openAtLogin: z.enum(['on', 'off', 'unasked']),
  updatesEnabled: z.boolean(),
  lastCheckAt: z.number().int().nonnegative().nullable(),
})
export type InstallSettings = z.infer<typeof InstallSettings>

export const defaultInstallSettings: InstallSettings = {
  openAtLogin: 'unasked',
  updatesEnabled: true,
  lastCheckAt: null,
}

export interface InstallSettingsStore {
  read(): Promise<InstallSettings>
  write(settings: InstallSettings): Promise<void>
}

export function createMemoryInstallSettings(initial: Partial<InstallSettings> = {}): InstallSettingsStore {
  let kept: InstallSettings = { ...defaultInstallSettings, ...initial }
  return {
    read: async () => ({ ...kept }),
    write: async (settings) => {
      kept = { ...settings }
    },
  }
}

/** One JSON file, written whole and renamed into place; a missing or unreadable one gives the defaults, said in the log. */
export function createFileInstallSettings(path: string, log: Log): InstallSettingsStore {
  return {
    async read() {
      let text: string
      try {
        text = await readFile(path, 'utf8')
      } catch {
        return { ...defaultInstallSettings }
      }
      try {
        const parsed = InstallSettings.safeParse(JSON.parse(text))
        if (parsed.success) return parsed.data
      } catch {
        // Not JSON: the same remedy as a wrong shape.
      }
      log.warn('install', `${path} could not be read; open at sign-in and updates start from their defaults`)
      return { ...defaultInstallSettings }
    },
    async write(settings) {
      await mkdir(dirname(path), { recursive: true })
      const temporary = `${path}.${process.pid}.tmp`
      await writeFile(temporary, `${JSON.stringify(InstallSettings.parse(settings), null, 2)}\n`)
      await rename(temporary, path)
    },
  }
}
