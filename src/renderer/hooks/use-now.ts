// A clock for views: re-renders every `everyMs` so "next check-in" stays true.
import { useEffect, useState } from 'react'

export function useNow(everyMs = 10_000): number {
  const [now, setNow] = useState(() => Date.now())
  useEffect(() => {
    const handle = setInterval(() => setNow(Date.now()), everyMs)
    return () => clearInterval(handle)
  }, [everyMs])
  return now
}
