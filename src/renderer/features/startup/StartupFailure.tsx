// Shown when the page has no way to reach Lull's host, with what to do.
export function StartupFailure({ message }: { message: string }) {
  return (
    <main className="startup-failure" role="alert">
      <h1>Lull cannot reach its host</h1>
      <p>{message}</p>
    </main>
  )
}
