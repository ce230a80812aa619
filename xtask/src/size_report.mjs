// Prints the sizes of the built app and worker: raw, gzip -9 and brotli (quality 11).
// Run by `cargo xtask build` from the repository root; also writes target/size-report.json.
//
// Each app is a directory dist/<app|werk>/<version>/ (xtask/src/app_build.rs): app.js, app_bg.wasm
// (the shell and the start page), __wasm_split.js (fetches the screens), and the wasm files of the
// screens fetched on demand. A first load at an address is the app plus that address's screen files.
import { readdirSync, readFileSync, writeFileSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import { gzipSync, brotliCompressSync, constants } from "node:zlib";

/** Each file is compressed once, however many first loads it is part of. */
const sizesOfFile = new Map();
function sizeOf(path) {
  if (!sizesOfFile.has(path)) {
    const bytes = readFileSync(path);
    sizesOfFile.set(path, {
      raw: bytes.length,
      gzip: gzipSync(bytes, { level: 9 }).length,
      brotli: brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
    });
  }
  return sizesOfFile.get(path);
}

function sizes(paths) {
  const total = { raw: 0, gzip: 0, brotli: 0 };
  for (const size of paths.map(sizeOf)) {
    total.raw += size.raw;
    total.gzip += size.gzip;
    total.brotli += size.brotli;
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

const client = appDirectory("app");
const staff = appDirectory("werk");
const page = ["index.html", ...readdirSync("dist").filter((n) => /^boot-.*\.js$|\.css$/.test(n))].map((n) => join("dist", n));
// The files each address's screen needs, as the boot script preloads them (xtask/src/screen_files.rs).
const filesPerAddress = JSON.parse(readFileSync("target/screen-files.json", "utf8"));
const appFirstLoad = [...page, ...APP_FILES.map((n) => join(client, n))];
const screens = Object.entries(filesPerAddress).map(([address, files]) => ({ address, ...sizes([...appFirstLoad, ...files.map((n) => join(client, n))]) }));
const largest = screens.reduce((a, b) => (b.brotli > a.brotli ? b : a));
const onDemand = readdirSync(client).filter((n) => !APP_FILES.includes(n)).map((n) => join(client, n));

const rows = {
  "client first load at / (page+app+css)": sizes(appFirstLoad),
  "  of which app wasm": sizes([join(client, "app_bg.wasm")]),
  [`largest first load (${largest.address})`]: largest,
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
console.log("    client first load per address (brotli): " + screens.map((s) => `${s.address} ${(s.brotli / 1024).toFixed(1)}`).join(", "));
mkdirSync("target", { recursive: true });
writeFileSync("target/size-report.json", JSON.stringify({ ...rows, "client first load per address": screens }, null, 2));
