// Main's note of the renderer's store: the app has one store, so another
// store means the one it had is gone; browser mode has one store per
// browser, so another store is another browser.
import { describe, expect, it } from 'vitest'
import {
  checkStore,
  createMemoryStoreMarker,
  createPerBrowserStoreMarker,
} from '../../../src/main/store-marker'

describe('the store marker', () => {
  it('in the app, says a store it has not seen replaced the one it had', async () => {
    const marker = createMemoryStoreMarker()
    expect((await checkStore(marker, 'a', 1)).status).toBe('recorded')
    expect((await checkStore(marker, 'a', 2)).status).toBe('known')
    expect(await checkStore(marker, 'b', 3)).toEqual({ status: 'lost', lastSeenAt: 2 })
  })

  it('in browser mode, takes a new store for another browser and knows each store again', async () => {
    const marker = createPerBrowserStoreMarker()
    expect((await checkStore(marker, 'chromium', 1)).status).toBe('recorded')
    expect((await checkStore(marker, 'firefox', 2)).status).toBe('recorded')
    expect(await checkStore(marker, 'chromium', 3)).toEqual({ status: 'known', lastSeenAt: 1 })
    expect((await checkStore(marker, 'firefox', 4)).status).toBe('known')
  })
})
