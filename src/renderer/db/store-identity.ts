// The inbox store's own name: an id made when the store is first opened.
// Main keeps the last one it saw outside IndexedDB, so a store the browser
// wiped (a new, empty one with a new id) is noticed rather than taken for a
// first run.
import { z } from 'zod'
import { getMeta, setMeta } from './repositories'
import type { LullDb } from './schema'

export const storeIdentityKey = 'storeIdentity'
const StoreIdentity = z.object({
  storeId: z.string().min(1).max(128),
  createdAt: z.number().int().nonnegative(),
})
export type StoreIdentity = z.infer<typeof StoreIdentity>

export async function storeIdentity(db: LullDb, newId: () => string, now: number): Promise<StoreIdentity> {
  return db.transaction('rw', db.meta, async () => {
    const known = await getMeta(db, storeIdentityKey, StoreIdentity, null)
    if (known) return known
    const made = { storeId: newId(), createdAt: now }
    await setMeta(db, storeIdentityKey, made)
    return made
  })
}
