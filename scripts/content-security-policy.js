'use strict';
/**
 * The Content-Security-Policy of the add-in's pages (written as a meta tag by webpack in release builds).
 * Only Office.js comes from elsewhere; Fluent UI injects its styles at run time (style-src inline).
 */
module.exports = [
  "default-src 'self'",
  "script-src 'self' https://appsforoffice.microsoft.com",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "worker-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
].join('; ');
