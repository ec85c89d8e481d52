// Every unit test gets a fresh in-memory IndexedDB (Dexie over fake-indexeddb).
import 'fake-indexeddb/auto'
