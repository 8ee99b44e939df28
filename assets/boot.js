// Runs before the wasm, as a file (a strict Content-Security-Policy refuses inline scripts).
// When this browser cannot run WebAssembly, the page switches to the linear reading: the
// static article with each step's own figure (linear.css, the stylesheet print also uses).
(function () {
  function linear() {
    var css = document.getElementById("linear-css");
    if (css) css.media = "all";
    document.documentElement.classList.add("no-wasm");
  }
  if (typeof WebAssembly !== "object") linear();
  window.addEventListener("error", function (e) {
    if (String(e.message || "").indexOf("WebAssembly") >= 0) linear();
  });
})();
