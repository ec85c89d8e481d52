// Main's note of which inbox store the renderer had, kept outside IndexedDB
// (a small file in the app's data folder), so a store the browser wiped or
// recreated is noticed instead of passing for a first run.
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises'
import { dirname } from 'node:path'
import { z } from 'zod'

const Marker = z.object({ storeId: z.string().min(1), lastSeenAt: z.number().int().nonnegative() })
export type Marker = z.infer<typeof Marker>

export interface StoreMarker {
  /** The store seen before; a marker that keeps one store a browser profile ignores `storeId`. */
  read(storeId: string): Promise<Marker | null>
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

/**
 * Browser mode: every browser (or browser profile) that opens Lull has an
 * IndexedDB of its own, so a store this host has not seen is another
 * browser's, not a lost one. Each store is remembered by its own id, and
 * only the very store asked about is compared: a second browser is
 * 'recorded', never 'lost'. A store emptied inside one browser is noticed
 * by the page itself (db/store-identity.ts keeps a note beside IndexedDB).
 */
export function createPerBrowserStoreMarker(): StoreMarker {
  const seen = new Map<string, Marker>()
  return {
    async read(storeId) {
      return seen.get(storeId) ?? null
    },
    async write(next) {
      seen.set(next.storeId, { ...next })
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
  const previous = await marker.read(storeId)
  await marker.write({ storeId, lastSeenAt: now })
  if (previous === null) return { status: 'recorded', lastSeenAt: null }
  if (previous.storeId === storeId) return { status: 'known', lastSeenAt: previous.lastSeenAt }
  return { status: 'lost', lastSeenAt: previous.lastSeenAt }
}
