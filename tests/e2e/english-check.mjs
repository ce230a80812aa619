// The check that a screen is in English (issue 5), shared by the stories that switch language:
// `<html lang="en">`, none of a list of Dutch-only words in what the screen shows or says (proper
// names and data taken out first), a screenshot, and no axe violations.
import assert from "node:assert/strict";
import { readFileSync, readdirSync } from "node:fs";
import { saveScreenshot, expectNoAxeViolations, DEMO_USERS } from "./browser.mjs";

/**
 * Words that are Dutch and never English, matched as whole words (case-sensitive). Proper names and
 * data are taken out of the text first (see `dutchWordsOn`).
 */
export const DUTCH_WORDS = [
  // small words in almost every Dutch sentence
  "de", "het", "een", "van", "uw", "u", "niet", "naar", "bij", "op", "voor", "met", "zijn", "wordt", "worden", "ook", "nog",
  "geen", "wat", "hoe", "wie", "waar", "dit", "deze", "dat", "die", "er", "te", "om", "als", "maar", "ze", "hier", "heeft",
  "kunt", "zonder", "alles", "Het", "Een", "Uw", "U", "Niet", "Naar", "Wat", "Hoe", "Wie", "Waar", "Dit", "Deze", "Er", "Hier",
  "Alle", "Let", "Geen", "Om",
  // the app's own words
  "Opslaan", "Inloggen", "Uitloggen", "Welkom", "Start", "Afspraken", "Afspraak", "afspraak", "afspraken", "Vraag", "Volgende",
  "Vorige", "Klaar", "Toon", "Gelezen", "Ja", "Nee", "Wanneer", "Reden", "Spoed", "Dossiers", "Klantfoto", "klantfoto",
  "Inspanningspakket", "inspanningspakket", "Uitkomst", "Gemeente", "gemeente", "Geboortedatum", "Datum", "advies",
  "sollicitaties", "Sollicitatie", "uitzendbureaus", "bewijsstukken", "uiterlijk", "dagen", "maanden", "minuten", "tijdstip",
  "tijdstippen", "gegevens", "apparaat", "opgeslagen", "verstuurd", "bewaard", "Hoofdmenu", "inhoud", "Spinnenweb",
  "Bijstand", "aanvragen", "Aanvraag", "zaaknummer", "burgerservicenummer",
  // days and months
  // group work (issue 6)
  "Groepen", "Groep", "Dagdeel", "dagdelen", "Aanwezig", "Afwezig", "afwezig", "Eindtermen", "deelnemers", "Rooster", "eens",
  "maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag",
  "januari", "februari", "maart", "mei", "juni", "juli", "augustus", "oktober",
];

/** Names that are the same in both languages: the app's, the demo users', the municipalities' (policy names). */
export const PROPER_NAMES = [
  "Naar Vermogen",
  ...DEMO_USERS.map((user) => user.subject),
  ...readdirSync(new URL("../../shared/policies/", import.meta.url))
    .filter((file) => file.endsWith(".toml"))
    .map((file) => readFileSync(new URL(`../../shared/policies/${file}`, import.meta.url), "utf8").match(/^name = "(.*)"$/m)?.[1])
    .filter(Boolean),
];

/** Everything the screen shows or says: the visible text, labels for screen readers, the chart's description. */
export function screenText(page) {
  return page.evaluate(() => {
    const said = [...document.querySelectorAll("[aria-label], [title], [alt], [placeholder]")].flatMap((element) =>
      ["aria-label", "title", "alt", "placeholder"].map((name) => element.getAttribute(name) ?? ""),
    );
    const svgTitles = [...document.querySelectorAll("svg title")].map((title) => title.textContent);
    return [document.body.innerText, ...said, ...svgTitles].join("\n");
  });
}

/** The Dutch words in `text` (with their surroundings), after taking out proper names and `data`. */
export function dutchWordsOn(text, data = []) {
  let rest = text;
  for (const name of [...PROPER_NAMES, ...data].sort((a, b) => b.length - a.length)) rest = rest.replaceAll(name, " ");
  const found = [];
  for (const word of DUTCH_WORDS) {
    const pattern = new RegExp(`(?<![\\p{L}\\p{N}])${word}(?![\\p{L}\\p{N}])`, "u");
    const at = rest.search(pattern);
    if (at >= 0) found.push(`"${word}" in …${rest.slice(Math.max(0, at - 40), at + word.length + 40).replaceAll("\n", " ⏎ ")}…`);
  }
  return found;
}

/** The checks on every English screen; `data` is what was typed or set up by the test (names, places). */
export async function expectEnglish(page, screen, data = [], { widths = [360, 320] } = {}) {
  assert.equal(await page.evaluate(() => document.documentElement.lang), "en", `${screen}: <html lang>`);
  assert.deepEqual(dutchWordsOn(await screenText(page), data), [], `${screen}: Dutch words on an English screen`);
  await saveScreenshot(page, `english-${screen}`);
  await expectNoAxeViolations(page, `english-${screen}`, { widths });
}

export const switchTo = async (page, name, lang) => {
  await page.getByRole("button", { name }).click();
  await page.waitForFunction((lang) => document.documentElement.lang === lang, lang);
};
