// Today as a picture: deep-work blocks, focus sessions, check-ins and
// breakthroughs on the local day, with a line at "now". Laid out in HTML
// with positions in per cent of the day, so labels keep their shape and
// dots stay round at any width. Check-ins are the effective ones, from the
// same policy as the Now card's "Next check-in"; a scheduled time that
// moved to the end of deep work is a faint mark. The caption says the same
// in words, for screen readers and for anyone who prefers text.
import { movedText, type Timeline, todayTimeline } from '../../../shared/policy'
import type { Attention } from '../../hooks/use-attention'
import { formatClock } from '../../ui/format'

const percent = (fraction: number) => `${(fraction * 100).toFixed(3)}%`

export function TodayTimeline({
  attention,
  breakthroughAts,
}: {
  attention: Attention
  breakthroughAts: number[]
}) {
  const timeline = todayTimeline({
    settings: attention.settings,
    sessions: attention.sessions,
    breakthroughAts,
    zone: attention.zone,
    now: attention.now,
    calendar: attention.calendar,
  })
  const next = attention.nextCheckInAt
  return (
    <figure className="day-line">
      <div className="day-line-track" role="img" aria-labelledby="day-line-caption">
        {timeline.blocks.map((block) => (
          <span
            key={`b${block.from}`}
            className="day-line-block"
            style={{ left: percent(block.start), width: percent(block.end - block.start) }}
          />
        ))}
        {timeline.sessions.map((session) => (
          <span
            key={`s${session.from}`}
            className="day-line-session"
            style={{ left: percent(session.start), width: percent(session.end - session.start) }}
          />
        ))}
        {timeline.events.map((event) => (
          <span
            key={`e${event.from}${event.title}`}
            className={`day-line-event is-${event.kind}`}
            style={{ left: percent(event.start), width: percent(event.end - event.start) }}
            title={event.title}
          />
        ))}
        {timeline.movedCheckIns.map((mark) => (
          <span
            key={`m${mark.at}`}
            className="day-line-check-in is-moved"
            style={{ left: percent(mark.x) }}
          />
        ))}
        {timeline.checkIns.map((mark) => (
          <span
            key={`c${mark.at}`}
            className={`day-line-check-in${mark.at === next ? ' is-next' : ''}`}
            style={{ left: percent(mark.x) }}
            data-testid={mark.at === next ? 'timeline-next-check-in' : undefined}
            data-at={formatClock(mark.at, attention.zone)}
          />
        ))}
        {timeline.breakthroughs.map((mark) => (
          <span key={`u${mark.at}`} className="day-line-breakthrough" style={{ left: percent(mark.x) }} />
        ))}
        <span className="day-line-now" style={{ left: percent(timeline.now.x) }} />
      </div>
      <div className="day-line-hours" aria-hidden="true">
        {timeline.hours
          .filter((mark) => mark.hour % 3 === 0)
          .map((mark) => (
            <span key={`h${mark.at}`} style={{ left: percent(mark.x) }}>
              {String(mark.hour).padStart(2, '0')}
            </span>
          ))}
      </div>
      <figcaption id="day-line-caption" className="day-line-caption" data-testid="timeline-caption">
        {describeTimeline(timeline, attention.zone)}
      </figcaption>
    </figure>
  )
}

/** The picture in words; a moved check-in says where it came from, as the Now card does. */
export function describeTimeline(timeline: Timeline, zone: string): string {
  const clock = (at: number) => formatClock(at, zone)
  const blocks =
    timeline.blocks.length === 0
      ? 'no deep-work block today'
      : `deep work ${timeline.blocks.map((block) => `${clock(block.from)}–${clock(block.to)}`).join(', ')}`
  const checkIns =
    timeline.checkIns.length === 0
      ? 'no check-in today'
      : `check-ins at ${timeline.checkIns
          .map((mark) => {
            const moved = movedText(mark.reason, zone)
            return moved === null ? clock(mark.at) : `${clock(mark.at)} (${moved})`
          })
          .join(', ')}`
  const focus =
    timeline.sessions.length === 0
      ? ''
      : `; ${timeline.sessions.length} focus session${timeline.sessions.length === 1 ? '' : 's'}`
  const urgent =
    timeline.breakthroughs.length === 0
      ? '; nothing broke through'
      : `; ${timeline.breakthroughs.length} breakthrough${timeline.breakthroughs.length === 1 ? '' : 's'}`
  const events =
    timeline.events.length === 0
      ? ''
      : `; calendar ${timeline.events.map((event) => `${event.title} ${clock(event.from)}–${clock(event.to)}`).join(', ')}`
  return `Today: ${blocks}; ${checkIns}${events}${focus}${urgent}. Now ${clock(timeline.now.at)}.`
}
