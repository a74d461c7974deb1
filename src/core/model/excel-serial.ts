/** Excel stores dates as serial numbers: days since 1899-12-30 (1900 date system) or 1904-01-01. */

const DAY_MS = 86_400_000;
/** Days between the two epochs. */
const DAYS_1900_TO_1904 = 1462;

/** Excel serial of a Date whose UTC fields show the wall-clock time to display. */
export function excelSerialOf(date: Date, date1904: boolean): number {
  const serial = (date.getTime() - Date.UTC(1899, 11, 30)) / DAY_MS;
  return date1904 ? serial - DAYS_1900_TO_1904 : serial;
}
