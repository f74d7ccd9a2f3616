// The static book's calculator engine (a module worker): Pyodide, served by the book itself, runs the
// package's own answer functions (retention.ui.static_calculator.answer), so the page shows exactly what
// the tested Python computes. Started by calculator.js on a reader's first use of a calculator.
import { loadPyodide } from "../vendor/pyodide/pyodide.mjs";

const HOME = "/home/pyodide/retention-calculators";

const engine = (async () => {
  const pyodide = await loadPyodide({ indexURL: new URL("../vendor/pyodide/", import.meta.url).href });
  const response = await fetch(new URL("retention-calculators.zip", import.meta.url));
  if (!response.ok) { throw new Error("retention-calculators.zip: HTTP " + response.status); }
  pyodide.unpackArchive(await response.arrayBuffer(), "zip", { extractDir: HOME });
  pyodide.runPython(`import sys; sys.path.insert(0, ${JSON.stringify(HOME)})`);
  return { pyodide, answer: pyodide.pyimport("retention.ui.static_calculator").answer };
})();

function lastLine(error) {
  // A Python error's message is its traceback: the reader needs its last line only.
  const lines = String((error && error.message) || error).trim().split("\n");
  return lines[lines.length - 1];
}

self.onmessage = async (event) => {
  const { id, path, fields } = event.data;
  let started = performance.now();
  try {
    const { pyodide, answer } = await engine;
    started = performance.now();
    const pyFields = pyodide.toPy(fields);
    try {
      self.postMessage({ id, html: answer(path, pyFields), ms: performance.now() - started });
    } finally {
      pyFields.destroy();
    }
  } catch (error) {
    self.postMessage({ id, error: lastLine(error) });
  }
};
