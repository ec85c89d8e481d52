// What the preload puts on the page's window. Optional: browser mode
// installs it later, and a page opened without the preload has none.
import type { LullBridge } from '../shared/contract'

declare global {
  interface Window {
    lull?: LullBridge
  }
}
