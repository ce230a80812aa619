// Prints the sizes of the built app and worker: raw, gzip -9 and brotli (quality 11).
// Run by `cargo xtask build` from the repository root; also writes target/size-report.json.
//
// Each app is a directory dist/<app|werk>/<version>/ (xtask/src/app_build.rs): app.js, app_bg.wasm
// (the shell and the start page), __wasm_split.js (fetches the screens), and the wasm files of the
// screens fetched on demand: split_<screen>.wasm, and chunk_<n>.wasm for code several screens share.
import { readdirSync, readFileSync, writeFileSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import { gzipSync, brotliCompressSync, constants } from "node:zlib";

function sizes(paths) {
  const total = { raw: 0, gzip: 0, brotli: 0 };
  for (const path of paths) {
    const bytes = readFileSync(path);
    total.raw += bytes.length;
    total.gzip += gzipSync(bytes, { level: 9 }).length;
    total.brotli += brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
  }
  return total;
}

/** The one version directory of an app under dist/. */
function appDirectory(name) {
  const versions = readdirSync(join("dist", name));
  if (versions.length !== 1) throw new Error(`dist/${name}/ should hold one version, holds: ${versions}`);
  return join("dist", name, versions[0]);
}

const APP_FILES = ["app.js", "__wasm_split.js", "app_bg.wasm"];

/**
 * The wasm files each screen fetches when first opened, read from __wasm_split.js: a screen's own
 * split_<screen>.wasm, and each chunk whose comment names the screen (`/* advice, policy *\/`).
 */
function filesPerScreen(dir) {
  const loader = readFileSync(join(dir, "__wasm_split.js"), "utf8");
  const screens = new Map();
  const add = (screen, file) => screens.set(screen, [...(screens.get(screen) ?? []), join(dir, file)]);
  for (const file of readdirSync(dir)) {
    const own = /^split_(.+)\.wasm$/.exec(file);
    if (own) add(own[1], file);
  }
  const shared = /\/\* ([^*]+) \*\/\nconst __chunk_\d+ = makeLoad\(\(\) => \{\n\s*const src = fetch\(new URL\("\.\/(chunk_\d+\.wasm)"/g;
  let chunks = 0;
  for (const [, names, file] of loader.matchAll(shared)) {
    chunks += 1;
    for (const screen of names.split(", ")) add(screen, file);
  }
  const chunkFiles = readdirSync(dir).filter((file) => file.startsWith("chunk_")).length;
  if (chunks !== chunkFiles) {
    throw new Error(`${dir}: found ${chunks} of ${chunkFiles} chunks in __wasm_split.js; has wasm-split-cli changed its output?`);
  }
  return screens;
}

const client = appDirectory("app");
const staff = appDirectory("werk");
const page = ["index.html", ...readdirSync("dist").filter((n) => /^boot-.*\.js$|\.css$/.test(n))].map((n) => join("dist", n));
const screens = [...filesPerScreen(client)].map(([screen, files]) => ({ screen, ...sizes(files) }));
const largest = screens.reduce((a, b) => (b.brotli > a.brotli ? b : a));
const onDemand = readdirSync(client).filter((n) => !APP_FILES.includes(n)).map((n) => join(client, n));

const rows = {
  "client first load (page+app+css)": sizes([...page, ...APP_FILES.map((n) => join(client, n))]),
  "  of which app wasm": sizes([join(client, "app_bg.wasm")]),
  [`largest screen on demand (${largest.screen})`]: largest,
  "all client screens on demand": sizes(onDemand),
  // Staff devices load this too, once someone logs in there as staff (app/src/app_choice.rs).
  "staff app (every file)": sizes(readdirSync(staff).map((n) => join(staff, n))),
  "staff app first load (app only)": sizes(APP_FILES.map((n) => join(staff, n))),
  "worker wasm": sizes(["worker/build/index_bg.wasm"]),
  "worker js": sizes(["worker/build/index.js"]),
};
const kb = (n) => (n / 1024).toFixed(1).padStart(8) + " KB";
console.log("    " + "what".padEnd(44) + "     raw".padStart(11) + "    gzip".padStart(11) + "  brotli".padStart(11));
for (const [what, s] of Object.entries(rows)) {
  console.log("    " + what.padEnd(44) + kb(s.raw) + kb(s.gzip) + kb(s.brotli));
}
console.log("    brotli per client screen on demand: " + screens.map((s) => `${s.screen} ${(s.brotli / 1024).toFixed(1)}`).join(", "));
mkdirSync("target", { recursive: true });
writeFileSync("target/size-report.json", JSON.stringify({ ...rows, "client screens on demand": screens }, null, 2));
