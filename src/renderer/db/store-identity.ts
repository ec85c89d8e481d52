// The inbox store's own name: an id made when the store is first opened.
// Main keeps the last one it saw outside IndexedDB (in the app) or one per
// store (in browser mode, where each browser has a store of its own), and
// the page keeps a note of its store beside IndexedDB (localStorage, which
// a browser evicting IndexedDB under storage pressure leaves alone). So a
// store that was wiped (a new, empty one with a new id) is noticed rather
// than taken for a first run, and a second browser is not taken for a wipe.
import { z } from 'zod'
import { getMeta, setMeta } from './repositories'
import type { LullDb } from './schema'

export const storeIdentityKey = 'storeIdentity'
const StoreIdentity = z.object({
  storeId: z.string().min(1).max(128),
  createdAt: z.number().int().nonnegative(),
})
export type StoreIdentity = z.infer<typeof StoreIdentity>

/** The store's name, made now (and said to be new) when the store has none. */
export async function storeIdentity(
  db: LullDb,
  newId: () => string,
  now: number,
): Promise<StoreIdentity & { isNew: boolean }> {
  return db.transaction('rw', db.meta, async () => {
    const known = await getMeta(db, storeIdentityKey, StoreIdentity, null)
    if (known) return { ...known, isNew: false }
    const made = { storeId: newId(), createdAt: now }
    await setMeta(db, storeIdentityKey, made)
    return { ...made, isNew: true }
  })
}

/** Where this page notes its store's id, beside IndexedDB. */
export const storeNoteKey = 'lull.storeId'

/** The part of the page's localStorage the note needs. */
type NoteStorage = { getItem(key: string): string | null; setItem(key: string, value: string): void }

/** Where the page keeps its note of its store, or null where it keeps none. */
export type StoreNote = { storage: NoteStorage } | null

/** The page's localStorage, or null where there is none (Node in tests, a browser that refuses it). */
export function pageStoreNote(): StoreNote {
  try {
    const storage = (globalThis as { localStorage?: NoteStorage }).localStorage
    return storage ? { storage } : null
  } catch {
    return null
  }
}

/**
 * Compare the store with the page's note and note this one. Answers true
 * when the store is new while the note names another: in this very browser
 * profile the store that was there is gone. A second browser has no note,
 * so it is never taken for a wipe.
 */
export function checkStoreNote(note: StoreNote, identity: StoreIdentity & { isNew: boolean }): boolean {
  if (note === null) return false
  try {
    const noted = note.storage.getItem(storeNoteKey)
    note.storage.setItem(storeNoteKey, identity.storeId)
    return identity.isNew && noted !== null && noted !== identity.storeId
  } catch {
    return false
  }
}
