// The check-in baseline: plain IndexedDB, no library. One read-write
// transaction reads every held row from the `[status+receivedAt]` index and
// puts it back delivered. Node's type config has no DOM, so the few
// IndexedDB shapes used are declared here.
type Handler = (() => void) | null
type IdbRequest<T> = { readonly result: T; readonly error: unknown; onsuccess: Handler; onerror: Handler }
type IdbStore = {
  put(value: unknown): unknown
  index(name: string): { getAll(range: unknown): IdbRequest<Record<string, unknown>[]> }
}
type IdbTransaction = {
  objectStore(name: string): IdbStore
  oncomplete: Handler
  onerror: Handler
  onabort: Handler
}
type IdbDatabase = { transaction(store: string, mode: 'readwrite'): IdbTransaction; close(): void }

declare const indexedDB: { open(name: string): IdbRequest<IdbDatabase> }
declare const IDBKeyRange: { bound(lower: unknown, upper: unknown): unknown }

function open(name: string): Promise<IdbDatabase> {
  return new Promise((resolve, reject) => {
    const request = indexedDB.open(name)
    request.onsuccess = () => resolve(request.result)
    request.onerror = () => reject(request.error)
  })
}

function deliverAll(db: IdbDatabase, digestId: string, at: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const tx = db.transaction('items', 'readwrite')
    const store = tx.objectStore('items')
    // ['held'] sorts before every ['held', time] and ['held', []] after them.
    const request = store.index('[status+receivedAt]').getAll(IDBKeyRange.bound(['held'], ['held', []]))
    let count = 0
    request.onsuccess = () => {
      count = request.result.length
      for (const row of request.result) store.put({ ...row, status: 'delivered', deliveredAt: at, digestId })
    }
    tx.oncomplete = () => resolve(count)
    tx.onerror = () => reject(new Error('raw check-in failed'))
    tx.onabort = () => reject(new Error('raw check-in aborted'))
  })
}

/** Milliseconds to deliver every held row of the named database, up to the commit. */
export async function timeRawDeliver(name: string, at: number): Promise<{ ms: number; count: number }> {
  const db = await open(name)
  const started = performance.now()
  const count = await deliverAll(db, 'raw-digest', at)
  const ms = performance.now() - started
  db.close()
  return { ms, count }
}
