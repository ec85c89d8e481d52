// Each GitHub call's deadline, counted from when its request leaves (time
// spent in Octokit's queue, which spaces writes a second apart, does not
// count) and cleared when the call ends, so no timer is left behind to
// wake the process after the answer is in.
type Fetch = typeof globalThis.fetch

export type Deadlines = {
  /** Runs a call with a signal that aborts `ms` after the call's first request left. */
  run<T>(call: (signal: AbortSignal) => Promise<T>): Promise<T>
  /** Wraps the fetch Octokit is given: a request carrying a signal from `run` starts that call's clock. */
  fetch(base: Fetch): Fetch
}

export function createDeadlines(ms: number): Deadlines {
  /** Starts the clock of the call that owns the signal; the first request starts it, retries do not restart it. */
  const starters = new WeakMap<AbortSignal, () => void>()
  return {
    async run(call) {
      const controller = new AbortController()
      let timer: ReturnType<typeof setTimeout> | undefined
      starters.set(controller.signal, () => {
        timer ??= setTimeout(
          () => controller.abort(new DOMException('The operation timed out.', 'TimeoutError')),
          ms,
        )
      })
      try {
        return await call(controller.signal)
      } finally {
        clearTimeout(timer)
      }
    },
    fetch(base) {
      return (input, init) => {
        if (init?.signal) starters.get(init.signal)?.()
        return base(input, init)
      }
    },
  }
}
