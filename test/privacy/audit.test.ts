import { spawnSync } from 'node:child_process';
import { REPO_ROOT } from '../support/cli';

/**
 * `npm audit` of the production dependencies: no high or critical vulnerability. It needs the registry's
 * audit endpoint; offline, or behind a mirror without it, the test is skipped and says why. (`npm audit`
 * runs even with `audit=false` in the user npmrc: that setting only concerns `npm install`.)
 */

interface AuditReport {
  readonly metadata?: { readonly vulnerabilities?: Record<string, number> };
  readonly message?: string;
  readonly error?: { readonly summary?: string };
}

function runAudit(): { report?: AuditReport; unreachable?: string } {
  const result = spawnSync('npm', ['audit', '--omit=dev', '--audit-level=high', '--json'], {
    cwd: REPO_ROOT,
    encoding: 'utf8',
    timeout: 60_000,
  });
  if (result.error) return { unreachable: result.error.message };
  try {
    const report = JSON.parse(result.stdout) as AuditReport;
    if (report.metadata?.vulnerabilities) return { report };
    return { unreachable: report.message ?? report.error?.summary ?? 'no audit report' };
  } catch {
    return { unreachable: (result.stderr || 'no answer').split('\n')[0] };
  }
}

const audit = runAudit();
const title = 'production dependencies have no high or critical vulnerability';

describe('npm audit --omit=dev', () => {
  (audit.report ? it : it.skip)(
    audit.report ? title : `${title} — SKIPPED, audit endpoint unreachable: ${audit.unreachable}`,
    () => {
      const counts = audit.report?.metadata?.vulnerabilities ?? {};
      expect({ high: counts.high ?? 0, critical: counts.critical ?? 0 }).toEqual({ high: 0, critical: 0 });
    },
  );
});
