// Print the folder of an installed npm package and of everything it requires, transitively, relative
// to the current folder (one a line), so that scripts/vendor_assets.sh keeps only what a tool needs.
// Usage: node scripts/node_closure.js <package>   (run where node_modules/ is)
const fs = require("fs");
const path = require("path");

const seen = new Set();
function visit(dir) {
  if (seen.has(dir)) return;
  seen.add(dir);
  const deps = JSON.parse(fs.readFileSync(path.join(dir, "package.json"), "utf8")).dependencies || {};
  for (const name of Object.keys(deps)) {
    // Node's own lookup: the nearest node_modules/<name> from the requiring package upwards.
    let from = dir;
    while (!fs.existsSync(path.join(from, "node_modules", name, "package.json"))) {
      const up = path.dirname(from);
      if (up === from) throw new Error(`${name} (required by ${dir}) is not installed`);
      from = up;
    }
    visit(path.join(from, "node_modules", name));
  }
}
visit(path.resolve("node_modules", process.argv[2]));
console.log([...seen].map((dir) => path.relative(process.cwd(), dir)).join("\n"));
