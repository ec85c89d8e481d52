// UI state only: which view is open, the problems to show. Persistent
// facts live in Dexie and are read with live queries.
import { create } from 'zustand'
import type { ViewTarget } from '../shared/model'
import type { KeyAction } from './keyboard/keymap'

export type Problem = { id: number; message: string; at: number }

type UiState = {
  view: ViewTarget
  problems: Problem[]
  /** The item just marked done, while "Undo" is offered. */
  lastDone: { itemId: string; title: string } | null
  offerUndo(done: { itemId: string; title: string } | null): void
  /** The selected row of the list on screen; a new view starts at the top. */
  selected: number
  select(index: number): void
  /** What the list on screen does with a list key; null when no list is shown. */
  listKeys: ((action: KeyAction) => void) | null
  setListKeys(handler: ((action: KeyAction) => void) | null): void
  /** "/" was pressed away from the inbox: its search field takes the focus once shown. */
  isSearchWanted: boolean
  setSearchWanted(isWanted: boolean): void
  isKeyHelpOpen: boolean
  setKeyHelpOpen(isOpen: boolean): void
  navigate(target: ViewTarget): void
  report(message: string): void
  dismiss(id: number): void
}

let nextProblemId = 1

export const useUi = create<UiState>((set) => ({
  view: { view: 'now' },
  problems: [],
  lastDone: null,
  offerUndo: (done) => set({ lastDone: done }),
  selected: 0,
  select: (index) => set({ selected: index }),
  listKeys: null,
  setListKeys: (handler) => set({ listKeys: handler }),
  isSearchWanted: false,
  setSearchWanted: (isWanted) => set({ isSearchWanted: isWanted }),
  isKeyHelpOpen: false,
  setKeyHelpOpen: (isOpen) => set({ isKeyHelpOpen: isOpen }),
  navigate: (target) => set({ view: target, selected: 0 }),
  report: (message) =>
    set((state) => {
      // The same message repeating (a stream failing each poll) shows once.
      if (state.problems.some((problem) => problem.message === message)) return state
      return { problems: [...state.problems.slice(-4), { id: nextProblemId++, message, at: Date.now() }] }
    }),
  dismiss: (id) => set((state) => ({ problems: state.problems.filter((problem) => problem.id !== id) })),
}))
