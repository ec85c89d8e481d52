// Main's note of which inbox store the renderer had, kept outside IndexedDB
// (a small file in the app's data folder), so a store the browser wiped or
// recreated is noticed instead of passing for a first run.
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises'
import { dirname } from 'node:path'
import { z } from 'zod'

const Marker = z.object({ storeId: z.string().min(1), lastSeenAt: z.number().int().nonnegative() })
export type Marker = z.infer<typeof Marker>

export interface StoreMarker {
  read(): Promise<Marker | null>
  write(marker: Marker): Promise<void>
}

/** For browser mode and tests: remembered while the host runs. */
export function createMemoryStoreMarker(): StoreMarker {
  let marker: Marker | null = null
  return {
    async read() {
      return marker
    },
    async write(next) {
      marker = { ...next }
    },
  }
}

/** One JSON file, written atomically; an unreadable file counts as no marker. */
export function createFileStoreMarker(path: string): StoreMarker {
  return {
    async read() {
      try {
        const parsed = Marker.safeParse(JSON.parse(await readFile(path, 'utf8')))
        return parsed.success ? parsed.data : null
      } catch {
        return null
      }
    },
    async write(marker) {
      await mkdir(dirname(path), { recursive: true })
      await writeFile(`${path}.tmp`, JSON.stringify(marker))
      await rename(`${path}.tmp`, path)
    },
  }
}

export type StoreCheck = { status: 'recorded' | 'known' | 'lost'; lastSeenAt: number | null }

/** Compare the renderer's store with the one main saw last, and remember this one. */
export async function checkStore(marker: StoreMarker, storeId: string, now: number): Promise<StoreCheck> {
  const previous = await marker.read()
  await marker.write({ storeId, lastSeenAt: now })
  if (previous === null) return { status: 'recorded', lastSeenAt: null }
  if (previous.storeId === storeId) return { status: 'known', lastSeenAt: previous.lastSeenAt }
  return { status: 'lost', lastSeenAt: previous.lastSeenAt }
}
