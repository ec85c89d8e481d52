// Opens links in the system's handler. The URL is checked again here, not
// only at the IPC boundary: a window-open request reaches this adapter
// without passing through the contract.
import { shell } from 'electron'
import { HostError } from '../../shared/contract'
import { ExternalUrl, externalUrlLimit } from '../../shared/model'
import type { Log } from '../log'
import type { LinkOpener } from './ports'

export function createLinkOpener(log: Log): LinkOpener {
  return {
    async open(url) {
      const checked = ExternalUrl.safeParse(url)
      if (!checked.success) {
        const why = checked.error.issues[0]?.message ?? 'it is not a link Lull opens'
        // Quoted, so a control character in the link cannot forge a log line.
        log.warn('links', `refused to open ${JSON.stringify(url.slice(0, 80))}: ${why}`)
        throw new HostError(
          'refused',
          `This link was not opened: ${why} Lull opens only http, https, mailto and slack links of up to ${externalUrlLimit} characters, without spaces or control characters.`,
        )
      }
      // The parser's serialisation, not the string that came in: what opens is what was checked.
      await shell.openExternal(checked.data)
    },
  }
}
