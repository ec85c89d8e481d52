// UI state only: which view is open, the problems to show. Persistent
// facts live in Dexie and are read with live queries.
import { create } from 'zustand'
import type { ViewTarget } from '../shared/model'

export type Problem = { id: number; message: string; at: number }

type UiState = {
  view: ViewTarget
  problems: Problem[]
  /** The item just marked done, while "Undo" is offered. */
  lastDone: { itemId: string; title: string } | null
  offerUndo(done: { itemId: string; title: string } | null): void
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
  navigate: (target) => set({ view: target }),
  report: (message) =>
    set((state) => {
      // The same message repeating (a stream failing each poll) shows once.
      if (state.problems.some((problem) => problem.message === message)) return state
      return { problems: [...state.problems.slice(-4), { id: nextProblemId++, message, at: Date.now() }] }
    }),
  dismiss: (id) => set((state) => ({ problems: state.problems.filter((problem) => problem.id !== id) })),
}))
