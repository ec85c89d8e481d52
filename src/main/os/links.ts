// Opens links in the system's handler. The URL is checked again here, not
// only at the IPC boundary: a window-open request reaches this adapter
// without passing through the contract.
import { shell } from 'electron'
import { HostError } from '../../shared/contract'
import { ExternalUrl } from '../../shared/model'
import type { Log } from '../log'
import type { LinkOpener } from './ports'

export function createLinkOpener(log: Log): LinkOpener {
  return {
    async open(url) {
      const checked = ExternalUrl.safeParse(url)
      if (!checked.success) {
        log.warn('links', `refused to open a link with a scheme Lull does not allow: ${url.slice(0, 40)}`)
        throw new HostError(
          'refused',
          'Lull opens only http, https, mailto and slack links; this one was not opened.',
        )
      }
      await shell.openExternal(checked.data)
    },
  }
}
