// The calendar the end-to-end tests compute their expected dates with: days in Amsterdam, and the
// working days of the Algemene termijnenwet (Atw). Written apart from the engine's
// (shared/src/law/calendar.rs), from the law and published dates, so that the tests check the engine
// against a second reading instead of repeating it. Expected values come from here, never from
// "today + n": run at another date (`cargo xtask test --date 2027-03-28`), they follow the calendar.
//
// - Atw art. 1 lid 1: a term in calendar days that ends on a Saturday, Sunday or algemeen erkende
//   feestdag runs on to the next day that is none of these.
// - Atw art. 3 lid 1: Nieuwjaarsdag, tweede Paasdag, tweede Pinksterdag, beide Kerstdagen,
//   Hemelvaartsdag, de dag waarop de verjaardag van de Koning wordt gevierd, en 5 mei; lid 2: Goede
//   Vrijdag; lid 3: days equated by decree (below).
// - Koningsdag, the King's birthday as celebrated: 27 April, or 26 April when the 27th is a Sunday.

const DAY_MS = 24 * 60 * 60 * 1000;

/** Easter Sunday as published (not computed), for the years the tests can reach. */
const EASTER_SUNDAY = {
  2025: "2025-04-20",
  2026: "2026-04-05",
  2027: "2027-03-28",
  2028: "2028-04-16",
  2029: "2029-04-01",
  2030: "2030-04-21",
};

/**
 * Days equated with an algemeen erkende feestdag under Atw art. 3 lid 3 (Staatscourant): "Besluit
 * gelijkstelling van 28 april 2023, 19 mei 2023, 10 mei 2024, 27 december 2024 en 30 mei 2025 met een
 * algemeen erkende feestdag" (the 2025 day) and "Besluit gelijkstelling van 2 januari 2026, 15 mei
 * 2026, 7 mei 2027, 28 april 2028 en 26 mei 2028 met een algemeen erkende feestdag".
 */
const EQUATED_BY_DECREE = ["2025-05-30", "2026-01-02", "2026-05-15", "2027-05-07", "2028-04-28", "2028-05-26"];

/** The day in Amsterdam (`YYYY-MM-DD`) of a moment (default: now). */
export const dayInAmsterdam = (moment = new Date()) =>
  new Intl.DateTimeFormat("sv-SE", { timeZone: "Europe/Amsterdam" }).format(moment);

/** Today in Amsterdam, `YYYY-MM-DD`. */
export const today = () => dayInAmsterdam(new Date());

const toUtcNoon = (day) => new Date(`${day}T12:00:00Z`);
const fromUtcNoon = (moment) => moment.toISOString().slice(0, 10);

/** `day` plus `days` calendar days (negative: earlier). */
export const plusDays = (day, days) => fromUtcNoon(new Date(toUtcNoon(day).getTime() + days * DAY_MS));

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export const daysBetween = (from, to) => Math.round((toUtcNoon(to) - toUtcNoon(from)) / DAY_MS);

/** `day` plus whole months, on the same day of the month (the tests use days 1 to 28). */
export function plusMonths(day, months) {
  const [year, month, dayOfMonth] = day.split("-").map(Number);
  if (dayOfMonth > 28) throw new Error(`plusMonths(${day}): use a day of the month that every month has`);
  return fromUtcNoon(new Date(Date.UTC(year, month - 1 + months, dayOfMonth, 12)));
}

const weekday = (day) => toUtcNoon(day).getUTCDay(); // 0 = Sunday

function kingsDay(year) {
  const twentySeventh = `${year}-04-27`;
  return weekday(twentySeventh) === 0 ? `${year}-04-26` : twentySeventh;
}

/** The algemeen erkende feestdagen of `year` (Atw art. 3), with the days equated to them. */
export function publicHolidays(year) {
  const easter = EASTER_SUNDAY[year];
  if (!easter) throw new Error(`tests/e2e/calendar.mjs knows no Easter for ${year}: add the published date`);
  return new Set([
    `${year}-01-01`,
    plusDays(easter, -2), // Goede Vrijdag (lid 2)
    plusDays(easter, 1), // tweede Paasdag
    kingsDay(year),
    `${year}-05-05`,
    plusDays(easter, 39), // Hemelvaartsdag
    plusDays(easter, 50), // tweede Pinksterdag
    `${year}-12-25`,
    `${year}-12-26`,
    ...EQUATED_BY_DECREE.filter((day) => day.startsWith(`${year}-`)),
  ]);
}

export const isWorkingDay = (day) => ![0, 6].includes(weekday(day)) && !publicHolidays(Number(day.slice(0, 4))).has(day);

/** The last day of a term of `days` calendar days from `day`, run on past non-working days (Atw art. 1). */
export function plusCalendarDaysUnderTheAtw(day, days) {
  let end = plusDays(day, days);
  while (!isWorkingDay(end)) end = plusDays(end, 1);
  return end;
}

/** The day `count` working days after `day`. */
export function plusWorkingDays(day, count) {
  let end = day;
  for (let left = count; left > 0; ) {
    end = plusDays(end, 1);
    if (isWorkingDay(end)) left -= 1;
  }
  return end;
}

/** How the app writes a day in Dutch: "maandag 7 december 2026". */
export const dutchLongDate = (day) =>
  new Intl.DateTimeFormat("nl-NL", { weekday: "long", day: "numeric", month: "long", year: "numeric", timeZone: "UTC" }).format(toUtcNoon(day));
