// Prints the sizes of the built app and worker: raw, gzip -9 and brotli (quality 11).
// Run by `cargo xtask build` from the repository root; also writes target/size-report.json.
import { readdirSync, readFileSync, statSync, writeFileSync, mkdirSync } from "node:fs";
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

const dist = "dist";
const appFiles = readdirSync(dist).filter((name) => /\.(wasm|js|css)$/.test(name) && name !== "sw.js");
const rows = {
  "app wasm": sizes(appFiles.filter((n) => n.endsWith(".wasm")).map((n) => join(dist, n))),
  "app js": sizes(appFiles.filter((n) => n.endsWith(".js")).map((n) => join(dist, n))),
  "app css": sizes(appFiles.filter((n) => n.endsWith(".css")).map((n) => join(dist, n))),
  "app first load (wasm+js+css+html)": sizes([...appFiles.map((n) => join(dist, n)), join(dist, "index.html")]),
  // Staff devices load this too, once someone logs in there as staff (app/src/app_choice.rs).
  "staff app (wasm+js)": sizes(readdirSync(join(dist, "werk")).map((n) => join(dist, "werk", n))),
  "worker wasm": sizes(["worker/build/index_bg.wasm"]),
  "worker js": sizes(["worker/build/index.js"]),
};
const kb = (n) => (n / 1024).toFixed(1).padStart(8) + " KB";
console.log("    " + "what".padEnd(36) + "     raw".padStart(11) + "    gzip".padStart(11) + "  brotli".padStart(11));
for (const [what, s] of Object.entries(rows)) {
  console.log("    " + what.padEnd(36) + kb(s.raw) + kb(s.gzip) + kb(s.brotli));
}
mkdirSync("target", { recursive: true });
writeFileSync("target/size-report.json", JSON.stringify(rows, null, 2));
