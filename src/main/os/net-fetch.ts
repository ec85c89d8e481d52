// The fetch sources use in the desktop app: Electron's net.fetch, which goes
// through Chromium's network stack, so the system proxy (PAC and
// authenticated corporate proxies) and the system certificate store apply.
// It works only once the app is ready.
import { net } from 'electron'
import type { Fetch } from '../net'

export const electronFetch: Fetch = async (input, init) =>
  // net.fetch takes a string or a Request; a URL object goes in as its text.
  net.fetch(input instanceof URL ? input.href : input, init)
