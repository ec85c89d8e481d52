// The page's own note of its store, beside IndexedDB: a new store where the
// note names another is this browser's store gone; a browser with no note
// is a first visit, never a wipe.
import { describe, expect, it } from 'vitest'
import { checkStoreNote, storeNoteKey } from '../../../../src/renderer/db/store-identity'

function memoryStorage(initial: Record<string, string> = {}) {
  const values = new Map(Object.entries(initial))
  return {
    getItem: (key: string) => values.get(key) ?? null,
    setItem: (key: string, value: string) => void values.set(key, value),
  }
}

describe("the page's store note", () => {
  const identity = (storeId: string, isNew: boolean) => ({ storeId, createdAt: 1, isNew })

  it('says nothing on a first visit, and notes the store', () => {
    const storage = memoryStorage()
    expect(checkStoreNote({ storage }, identity('a', true))).toBe(false)
    expect(storage.getItem(storeNoteKey)).toBe('a')
  })

  it('says the store is gone when a new one replaced the one it noted', () => {
    const storage = memoryStorage({ [storeNoteKey]: 'a' })
    expect(checkStoreNote({ storage }, identity('b', true))).toBe(true)
    expect(storage.getItem(storeNoteKey)).toBe('b')
  })

  it('says nothing for the same store, or an old store it had not noted yet', () => {
    expect(checkStoreNote({ storage: memoryStorage({ [storeNoteKey]: 'a' }) }, identity('a', false))).toBe(
      false,
    )
    expect(checkStoreNote({ storage: memoryStorage({ [storeNoteKey]: 'x' }) }, identity('a', false))).toBe(
      false,
    )
    expect(checkStoreNote(null, identity('a', true))).toBe(false)
  })
})
