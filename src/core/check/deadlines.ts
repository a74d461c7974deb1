import { formatHorodatage } from '../xml/horodatage';

/**
 * The legal sending deadline: a passage must reach the CDC "dans les 3 mois maximum à compter de la date de
 * délivrance" (guide général V5 §2.8, décret 2019-1490 art. R. 6113-17-2). The delivery date is 5.10.
 */

export const SENDING_DELAY_MONTHS = 3;
/** A passage whose deadline is at most this many days away is "to send soon". */
export const DUE_SOON_DAYS = 15;

export type DeadlineStatus = 'overdue' | 'dueSoon' | 'onTime';

export interface PassageDeadline {
  /** Excel row of the passage. */
  readonly row: number;
  /** Delivery date (5.10), ISO. */
  readonly awardDate: string;
  /** Last day to send the passage, ISO. */
  readonly dueDate: string;
  /** Days from today to the due date (negative once overdue). */
  readonly daysLeft: number;
  readonly status: DeadlineStatus;
}

const MS_PER_DAY = 86_400_000;

function utcDay(iso: string): number {
  return Date.UTC(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)) - 1, Number(iso.slice(8, 10)));
}

/** Today's date in Paris, where the deadline runs (ISO). */
export function parisDate(instant: Date): string {
  return formatHorodatage(instant).slice(0, 10);
}

/**
 * Three calendar months after the delivery date; a day that the target month lacks falls back to its last
 * day (30 November → 28 or 29 February), as months are counted in French law.
 */
export function sendingDeadline(awardIso: string): string {
  // A few hundred distinct award dates for 100 000 rows: each deadline is worked out once.
  let deadline = deadlines.get(awardIso);
  if (deadline === undefined) {
    deadline = computeDeadline(awardIso);
    if (deadlines.size < 20_000) deadlines.set(awardIso, deadline);
  }
  return deadline;
}

const deadlines = new Map<string, string>();

function computeDeadline(awardIso: string): string {
  const year = Number(awardIso.slice(0, 4));
  const month = Number(awardIso.slice(5, 7)) - 1 + SENDING_DELAY_MONTHS;
  const day = Number(awardIso.slice(8, 10));
  const lastDay = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  return new Date(Date.UTC(year, month, Math.min(day, lastDay))).toISOString().slice(0, 10);
}

export function passageDeadline(row: number, awardIso: string, todayIso: string): PassageDeadline {
  const dueDate = sendingDeadline(awardIso);
  const daysLeft = Math.round((utcDay(dueDate) - utcDay(todayIso)) / MS_PER_DAY);
  const status: DeadlineStatus = daysLeft < 0 ? 'overdue' : daysLeft <= DUE_SOON_DAYS ? 'dueSoon' : 'onTime';
  return { row, awardDate: awardIso, dueDate, daysLeft, status };
}
