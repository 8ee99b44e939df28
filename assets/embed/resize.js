/* Keeps embedded explainer graphics as tall as their content.
   Add data-explainer-embed to the iframe and load this script once on the host page.
   It only acts on messages of the exact shape {"explainer-height": {"id": "<graphic id>", "height": <px>}}
   that come from one of those iframes; everything else is ignored. */
(function () {
  "use strict";
  if (window.__explainerResize) return;
  window.__explainerResize = true;
  var ID = /^[a-z0-9-]{1,64}$/;

  function heightOf(data) {
    if (!data || typeof data !== "object" || Array.isArray(data)) return null;
    var outer = Object.keys(data);
    if (outer.length !== 1 || outer[0] !== "explainer-height") return null;
    var m = data["explainer-height"];
    if (!m || typeof m !== "object" || Array.isArray(m)) return null;
    var keys = Object.keys(m).sort();
    if (keys.length !== 2 || keys[0] !== "height" || keys[1] !== "id") return null;
    if (typeof m.id !== "string" || !ID.test(m.id)) return null;
    var h = m.height;
    if (typeof h !== "number" || !isFinite(h) || h < 0 || h > 100000) return null;
    return Math.ceil(h);
  }

  window.addEventListener("message", function (event) {
    var h = heightOf(event.data);
    if (h === null) return;
    var frames = document.querySelectorAll("iframe[data-explainer-embed]");
    for (var i = 0; i < frames.length; i++) {
      if (frames[i].contentWindow === event.source) {
        frames[i].style.height = h + "px";
        frames[i].setAttribute("height", String(h));
      }
    }
  });
})();
