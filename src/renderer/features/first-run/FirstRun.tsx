// First-run setup (being built).
export function FirstRun(props: { onDone(): void }) {
  return (
    <button type="button" onClick={props.onDone}>
      Skip setup
    </button>
  )
}
