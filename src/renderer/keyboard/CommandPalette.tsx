// ⌘K / Ctrl+K: every action and every view by name, each with its key
// beside it, so the palette also teaches the keys. Its content (and cmdk
// with it) loads after the first screen: the first screen does not wait for it.
import { lazy, Suspense, useRef } from 'react'
import { Dialog, Modal, ModalOverlay } from 'react-aria-components'
import { currentKeyTarget, type KeyTarget, useUi } from '../store'

type PaletteComponent = typeof import('./Palette').Palette
/** Set once the palette's code is here: from then on it opens in the same frame as ⌘K. */
let loaded: PaletteComponent | null = null
const loadPalette = () =>
  import('./Palette').then((module) => {
    loaded = module.Palette
    return { default: module.Palette }
  })
const LazyPalette = lazy(loadPalette)
// Fetched once the first screen is up and the page is idle, so keys typed
// right after ⌘K reach its field instead of a palette still loading.
if (typeof requestIdleCallback === 'function')
  requestIdleCallback(() => void loadPalette(), { timeout: 3_000 })

export function CommandPalette() {
  const isOpen = useUi((state) => state.isPaletteOpen)
  const setOpen = useUi((state) => state.setPaletteOpen)
  // The list the actions act on: read as the palette opens, before the dialog takes the focus.
  const target = useRef<{ list: KeyTarget | null } | null>(null)
  if (!isOpen) target.current = null
  else if (target.current === null) target.current = { list: currentKeyTarget(document.activeElement) }
  return (
    <ModalOverlay
      isOpen={isOpen}
      onOpenChange={setOpen}
      isDismissable
      className="modal-backdrop palette-backdrop"
    >
      <Modal className="modal palette">
        <Dialog className="palette-dialog" aria-label="Command palette">
          {isOpen ? (
            <PaletteContent onDone={() => setOpen(false)} target={target.current?.list ?? null} />
          ) : null}
        </Dialog>
      </Modal>
    </ModalOverlay>
  )
}

function PaletteContent(props: { onDone(): void; target: KeyTarget | null }) {
  if (loaded) {
    const Palette = loaded
    return <Palette {...props} />
  }
  return (
    <Suspense fallback={null}>
      <LazyPalette {...props} />
    </Suspense>
  )
}
