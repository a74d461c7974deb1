import { parisDate, passageDeadline, sendingDeadline } from '../../../src/core/check/deadlines';

describe('sending deadline (3 months after the delivery date, 5.10)', () => {
  it('falls three calendar months later, on the last day of a shorter month', () => {
    expect(sendingDeadline('2024-06-15')).toBe('2024-09-15');
    expect(sendingDeadline('2024-11-30')).toBe('2025-02-28');
    expect(sendingDeadline('2023-11-30')).toBe('2024-02-29');
    expect(sendingDeadline('2024-08-31')).toBe('2024-11-30');
    expect(sendingDeadline('2024-12-31')).toBe('2025-03-31');
  });

  it('is overdue the day after, and due soon from 15 days before', () => {
    expect(passageDeadline(2, '2024-06-15', '2024-09-16')).toMatchObject({ status: 'overdue', daysLeft: -1 });
    expect(passageDeadline(2, '2024-06-15', '2024-09-15')).toMatchObject({ status: 'dueSoon', daysLeft: 0 });
    expect(passageDeadline(2, '2024-06-15', '2024-08-31')).toMatchObject({ status: 'dueSoon', daysLeft: 15 });
    expect(passageDeadline(2, '2024-06-15', '2024-08-30')).toMatchObject({ status: 'onTime', daysLeft: 16 });
  });

  it('counts days in Paris, whatever the time of day in UTC', () => {
    expect(parisDate(new Date('2024-03-30T23:30:00Z'))).toBe('2024-03-31');
    expect(parisDate(new Date('2024-07-14T21:59:00Z'))).toBe('2024-07-14');
    expect(parisDate(new Date('2024-07-14T22:00:00Z'))).toBe('2024-07-15');
  });
});
