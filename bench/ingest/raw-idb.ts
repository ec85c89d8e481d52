// The baselines: plain IndexedDB, no library. Node's type config has no DOM,
// so the few IndexedDB shapes used are declared here.
type Handler = (() => void) | null
type IdbRequest<T> = { readonly result: T; readonly error: unknown; onsuccess: Handler; onerror: Handler }
type IdbStore = {
  put(value: unknown): unknown
  createIndex(name: string, keyPath: string | string[]): unknown
}
type IdbTransaction = {
  objectStore(name: string): IdbStore
  oncomplete: Handler
  onerror: Handler
  onabort: Handler
}
type IdbDatabase = {
  createObjectStore(name: string, options: { keyPath: string }): IdbStore
  transaction(store: string, mode: 'readwrite'): IdbTransaction
  close(): void
}
type IdbOpenRequest = IdbRequest<IdbDatabase> & { onupgradeneeded: Handler }

declare const indexedDB: {
  open(name: string, version: number): IdbOpenRequest
  deleteDatabase(name: string): IdbRequest<undefined>
}

export type RawStoreShape = {
  /** Index name to key path; none for a plain object store. */
  indexes: Record<string, string | string[]>
  /** Rows per read-write transaction. */
  rowsPerTransaction: number
}

function openStore(name: string, indexes: RawStoreShape['indexes']): Promise<IdbDatabase> {
  return new Promise((resolve, reject) => {
    const request = indexedDB.open(name, 1)
    request.onupgradeneeded = () => {
      const store = request.result.createObjectStore('items', { keyPath: 'id' })
      for (const [index, keyPath] of Object.entries(indexes)) store.createIndex(index, keyPath)
    }
    request.onsuccess = () => resolve(request.result)
    request.onerror = () => reject(request.error)
  })
}

function putAll(db: IdbDatabase, rows: readonly unknown[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const tx = db.transaction('items', 'readwrite')
    const store = tx.objectStore('items')
    for (const row of rows) store.put(row)
    tx.oncomplete = () => resolve()
    tx.onerror = () => reject(new Error('raw put failed'))
    tx.onabort = () => reject(new Error('raw put aborted'))
  })
}

/** Milliseconds to put every row and see each transaction commit, in a fresh database it then deletes. */
export async function timeRawPut(
  name: string,
  rows: readonly unknown[],
  shape: RawStoreShape,
): Promise<number> {
  const db = await openStore(name, shape.indexes)
  const started = performance.now()
  for (let start = 0; start < rows.length; start += shape.rowsPerTransaction) {
    await putAll(db, rows.slice(start, start + shape.rowsPerTransaction))
  }
  const elapsed = performance.now() - started
  db.close()
  await deleteDatabase(name)
  return elapsed
}

function deleteDatabase(name: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const request = indexedDB.deleteDatabase(name)
    request.onsuccess = () => resolve()
    request.onerror = () => reject(request.error)
  })
}
