//! A synthetic, anonymous caseload: made-up client situations with realistic spreads, so that a
//! policy maker can simulate policies without any personal data. The same seed and size give the
//! same caseload on every machine (a small generator of our own, SplitMix64; no clock, no system
//! randomness), so a simulation can be repeated and compared.
//!
//! No names, no ids, no addresses: only the facts the engine reads.
//!
//! The assumptions (our own estimates for a Dutch bijstand caseload at the door, not statistics of
//! any municipality; change them here, in one place):
//! - Age 18 to 66 on the application date: 25% 18-26 (the zoektermijn applies), 50% 27-49, 25% 50-66.
//! - Household: 55% single, 20% single parent (1-3 children), 15% with a partner of about the same
//!   age (0-3 children), 10% sharing a home with 1-2 other adults (kostendelers). 3% of all have no
//!   fixed address: their housemates are unknown.
//! - Income: 70% none; 30% part-time work or another benefit, € 150 to € 900 a month net.
//! - Assets after debts: 60% none (or debts counted as none), 30% € 1 to € 6.000, 10% € 6.000 to
//!   € 30.000 (some of them above the asset limit).
//! - Lawful residence: 99% yes; detention: 1%; study finance: 3%; a start qualification: 55%.
//! - Crisis questions (independently): no place to sleep tonight 4%, no food today 3%, not safe at
//!   home 3% (about 1 in 10 in some crisis).
//! - Each client has a hidden "distance to work" from 0 (ready) to 100 (far), spread as a triangle
//!   around 45. Loonwaarde (% of the minimum wage) is about 100 minus it, months to the labour
//!   market about a third of it (0-48), each with some noise. Each is known (diagnosed) for 70%.
//! - Doelgroepregister indication: for a third of those far from work (distance above 65), else no;
//!   unknown for those without a diagnosis.
//! - Klantfoto: all 11 life domains scored 1-5, around 5 minus the distance / 25, with noise; a
//!   client in crisis scores 1 on housing (no place to sleep) or daily living skills (no food) or
//!   domestic relations (not safe).

use crate::journey::klantfoto::{KlantfotoSet, HIGHEST_SCORE};
use crate::law::calendar::Date;
use crate::law::situation::{
    ClientSituation, CrisisAnswers, Diagnosis, Household, Housemate, LifeDomainScore,
};
use crate::text::Explanation;

/// The most clients one synthetic caseload may have (a browser simulates 10,000 in about a second).
pub const MAX_SIZE: usize = 10_000;

/// The size and the seed of a synthetic caseload as typed on the simulation screen: a size from 1 to
/// [`MAX_SIZE`] and a seed of 0 or more (spaces around them do not matter); or what to correct,
/// the size first.
pub fn read_size_and_seed(size: &str, seed: &str) -> Result<(usize, u64), Explanation> {
    let size: usize = size.trim().parse().ok().filter(|n| (1..=MAX_SIZE).contains(n)).ok_or_else(|| {
        Explanation::new(
            format!("Vul bij 'Aantal cliënten' een getal in van 1 tot en met {MAX_SIZE}."),
            format!("Under 'Number of clients', fill in a number from 1 to {MAX_SIZE}."),
        )
    })?;
    let seed: u64 = seed.trim().parse().map_err(|_| {
        Explanation::new(
            "Vul bij 'Startgetal' een heel getal in, 0 of meer.",
            "Under 'Seed', fill in a whole number, 0 or more.",
        )
    })?;
    Ok((size, seed))
}

/// SplitMix64 (Steele, Lea and Flood, 2014): small, fast, and the same everywhere.
struct Generator(u64);

impl Generator {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// A whole number from `low` to `high`, both included.
    fn between(&mut self, low: i64, high: i64) -> i64 {
        low + (self.next() % (high - low + 1) as u64) as i64
    }

    /// True in `percent` of the cases.
    fn chance(&mut self, percent: u64) -> bool {
        self.next() % 100 < percent
    }
}

/// `size` (at most [`MAX_SIZE`]) made-up clients who applied on `application_date` in
/// `municipality` (a policy id or name; the simulation routes them under every policy anyway).
pub fn synthetic_caseload(
    seed: u64,
    size: usize,
    application_date: Date,
    municipality: &str,
) -> Vec<ClientSituation> {
    let mut random = Generator(seed);
    let domains: Vec<&str> = KlantfotoSet::embedded().domains.iter().map(|d| d.id.as_str()).collect();
    (0..size.min(MAX_SIZE))
        .map(|_| one_client(&mut random, application_date, municipality, &domains))
        .collect()
}

fn birth_date(random: &mut Generator, on: Date, years_low: i64, years_high: i64) -> Date {
    let days = random.between(years_low * 365 + years_low / 4, years_high * 365 + years_high / 4 + 364);
    on.plus_days(-(days as i32))
}

fn one_client(random: &mut Generator, on: Date, municipality: &str, domains: &[&str]) -> ClientSituation {
    let age_band = random.between(0, 99);
    let birth = match age_band {
        0..=24 => birth_date(random, on, 18, 26),
        25..=74 => birth_date(random, on, 27, 49),
        _ => birth_date(random, on, 50, 66),
    };
    let household_kind = random.between(0, 99);
    let mut household = Household { housemates: Some(Vec::new()), ..Household::default() };
    match household_kind {
        0..=54 => {}
        55..=74 => household.children_under_18 = random.between(1, 3) as u8,
        75..=89 => {
            household.has_partner = true;
            household.partner_birth_date = Some(birth.plus_days(random.between(-1500, 1500) as i32));
            household.children_under_18 = random.between(0, 3) as u8;
        }
        _ => {
            let adults = random.between(1, 2);
            household.housemates = Some(
                (0..adults)
                    .map(|_| Housemate {
                        birth_date: Some(birth_date(random, on, 21, 80)),
                        commercial_tenancy: false,
                    })
                    .collect(),
            );
        }
    }
    if random.chance(3) {
        household.housemates = None; // no fixed address
    }
    let income = if random.chance(70) { 0 } else { random.between(150, 900) * 100 };
    let assets = match random.between(0, 99) {
        0..=59 => 0,
        60..=89 => random.between(1, 6_000) * 100,
        _ => random.between(6_000, 30_000) * 100,
    };
    let crisis = CrisisAnswers {
        place_to_sleep_tonight: Some(!random.chance(4)),
        food_today: Some(!random.chance(3)),
        safe_at_home: Some(!random.chance(3)),
    };
    // A triangle from 0 to 100 around 45: the sum of two uniform draws, shifted.
    let distance = (random.between(0, 50) + random.between(0, 50) - 5).clamp(0, 100);
    let diagnosed = random.chance(70);
    let loonwaarde = (100 - distance + random.between(-10, 10)).clamp(0, 100) as u8;
    let months = (distance / 3 + random.between(-4, 4)).clamp(0, 48) as u16;
    let diagnosis = Diagnosis {
        loonwaarde_percent_wml: diagnosed.then_some(loonwaarde),
        months_to_labour_market: random.chance(70).then_some(months),
        doelgroepregister_indication: diagnosed.then(|| distance > 65 && random.chance(33)),
    };
    let base = i64::from(HIGHEST_SCORE) - distance / 25;
    let life_domains = domains
        .iter()
        .map(|domain| {
            let in_crisis = match *domain {
                "housing" => crisis.place_to_sleep_tonight == Some(false),
                "daily_living_skills" => crisis.food_today == Some(false),
                "domestic_relations" => crisis.safe_at_home == Some(false),
                _ => false,
            };
            let score = if in_crisis { 1 } else { (base + random.between(-1, 1)).clamp(1, 5) as u8 };
            LifeDomainScore { domain: (*domain).to_owned(), score }
        })
        .collect();
    ClientSituation {
        application_date: Some(on),
        birth_date: Some(birth),
        municipality: Some(municipality.to_owned()),
        household: Some(household),
        monthly_income_cents: Some(income),
        assets_cents: Some(assets),
        receives_study_finance: Some(random.chance(3)),
        in_detention: Some(random.chance(1)),
        lawful_residence: Some(!random.chance(1)),
        has_start_qualification: Some(random.chance(55)),
        life_domains,
        crisis,
        diagnosis,
        milestones: Default::default(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::law::parameters::LegalParameters;
    use crate::law::policy::{embedded_policies, RouteKind};
    use crate::law::simulation::simulate;
    use crate::law::test_support::date;

    fn caseload(seed: u64, size: usize) -> Vec<ClientSituation> {
        synthetic_caseload(seed, size, date("2026-11-02"), "tilburg")
    }

    #[test]
    fn the_same_seed_gives_the_same_caseload_and_another_seed_another() {
        assert_eq!(caseload(7, 200), caseload(7, 200));
        assert_ne!(caseload(7, 200), caseload(8, 200));
        assert_eq!(
            caseload(7, 50)[..],
            caseload(7, 200)[..50],
            "a larger caseload starts with the smaller one"
        );
    }

    #[test]
    fn every_made_up_client_is_a_valid_situation_and_nothing_identifies_anyone() {
        for situation in caseload(1, 2_000) {
            assert_eq!(situation.problems(), Vec::new());
            let json = serde_json::to_string(&situation).unwrap();
            assert_eq!(ClientSituation::from_json(&json).unwrap(), situation, "it reads back the same");
            for word in ["name", "id\"", "address", "bsn"] {
                assert!(!json.contains(word), "{word} in {json}");
            }
            assert_eq!(situation.life_domains.len(), 11);
        }
    }

    #[test]
    fn the_spreads_are_realistic() {
        let clients = caseload(42, 5_000);
        let share = |test: &dyn Fn(&ClientSituation) -> bool| {
            clients.iter().filter(|c| test(c)).count() * 100 / clients.len()
        };
        let in_crisis = share(&|c| {
            [c.crisis.place_to_sleep_tonight, c.crisis.food_today, c.crisis.safe_at_home]
                .contains(&Some(false))
        });
        assert!((7..=13).contains(&in_crisis), "in crisis: {in_crisis}%");
        let young = share(&|c| date("2026-11-02").whole_months_since(c.birth_date.unwrap()) < 27 * 12);
        assert!((20..=30).contains(&young), "under 27: {young}%");
        let diagnosed = share(&|c| c.diagnosis.loonwaarde_percent_wml.is_some());
        assert!((65..=75).contains(&diagnosed), "loonwaarde known: {diagnosed}%");
        let low = share(&|c| c.diagnosis.loonwaarde_percent_wml.is_some_and(|l| l < 30));
        let high = share(&|c| c.diagnosis.loonwaarde_percent_wml.is_some_and(|l| l >= 80));
        assert!(low >= 3 && high >= 5, "loonwaarde below 30: {low}%, 80 and up: {high}%");
        let no_income = share(&|c| c.monthly_income_cents == Some(0));
        assert!((65..=75).contains(&no_income), "no income: {no_income}%");
    }

    #[test]
    fn the_caseload_reaches_every_route_kind_under_some_policy() {
        let simulation = simulate(&caseload(2026, 1_000), embedded_policies(), LegalParameters::embedded());
        for (slot, kind) in RouteKind::ALL.iter().enumerate() {
            assert!(
                simulation.per_policy.iter().any(|row| row.counts[slot] > 0),
                "no client reaches {kind:?} under any policy"
            );
        }
        for row in &simulation.per_policy {
            assert_eq!(row.total(), 1_000, "{}: every client gets exactly one route", row.policy_id);
        }
        let counts = simulation.eligibility;
        assert_eq!(counts.eligible + counts.not_eligible + counts.needs_information, 1_000);
        assert!(counts.eligible > 500 && counts.not_eligible > 50, "{counts:?}");
    }

    #[test]
    fn the_size_is_capped() {
        assert_eq!(caseload(1, MAX_SIZE + 5).len(), MAX_SIZE);
        assert!(caseload(1, 0).is_empty());
    }

    #[test]
    fn size_and_seed_are_whole_numbers_in_range_and_the_size_is_corrected_first() {
        assert_eq!(read_size_and_seed(" 1000 ", "2026"), Ok((1000, 2026)));
        assert_eq!(read_size_and_seed("1", "0"), Ok((1, 0)));
        assert_eq!(read_size_and_seed(&MAX_SIZE.to_string(), "0"), Ok((MAX_SIZE, 0)));
        let size_error = |size: &str| read_size_and_seed(size, "x").unwrap_err().en;
        for bad in ["0", &(MAX_SIZE + 1).to_string(), "", "ten", "-5", "2.5"] {
            assert_eq!(
                size_error(bad),
                "Under 'Number of clients', fill in a number from 1 to 10000.",
                "{bad}"
            );
        }
        for bad in ["", "-1", "seed", "1.5"] {
            let error = read_size_and_seed("10", bad).unwrap_err();
            assert_eq!(error.nl, "Vul bij 'Startgetal' een heel getal in, 0 of meer.", "{bad}");
        }
    }
}
