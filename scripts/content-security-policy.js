'use strict';
/**
 * The Content-Security-Policy of the add-in's page (written as a meta tag by webpack in release builds).
 * Microsoft publishes no CSP list for add-ins (office-js #1005); each source beyond our origin is sourced in
 * test/privacy/network.test.ts: Office.js and the host scripts it loads from appsforoffice.microsoft.com (#1501,
 * #1687, #6040), the CDN's new domain (docs-pr PR #5882); inline styles for Fluent UI and Office.js (#1687).
 * Whatever else real Office may need is « à confirmer » in docs/recette-excel.md.
 */
module.exports = [
  "default-src 'self'",
  "script-src 'self' https://appsforoffice.microsoft.com https://officeapis.public.onecdn.static.microsoft",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "worker-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
].join('; ');
