// The Content-Security-Policy of Lull's pages: only its own scripts, styles
// and connections (the bridge socket in browser mode). Main puts it on the
// app window's responses, the browser-mode server on its own, and index.html
// carries the same directives as a meta tag for pages loaded from disk.
export const contentSecurityPolicy = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
  "object-src 'none'",
].join('; ')
