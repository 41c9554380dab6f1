// Hearth's small page helpers: the read beacon and copy-to-clipboard.
(function () {
  "use strict";

  function csrfToken() {
    var match = document.cookie.match(/(?:^|; )csrftoken=([^;]+)/);
    return match ? decodeURIComponent(match[1]) : "";
  }

  // Read beacon: a topic page with data-read-beacon reports the time it was visible.
  function setupReadBeacon() {
    var el = document.querySelector("[data-read-beacon]");
    if (!el) return;
    var url = el.getAttribute("data-read-beacon");
    var visibleSince = document.visibilityState === "visible" ? Date.now() : null;
    var accumulated = 0;
    var sent = 0;
    function flush() {
      if (visibleSince !== null) { accumulated += Date.now() - visibleSince; visibleSince = Date.now(); }
      var seconds = Math.round(accumulated / 1000) - sent;
      if (seconds < 1) return;
      sent += seconds;
      var body = new FormData();
      body.append("dwell", String(seconds));
      body.append("csrfmiddlewaretoken", csrfToken());
      if (navigator.sendBeacon) { navigator.sendBeacon(url, body); }
      else { fetch(url, { method: "POST", body: body, keepalive: true, credentials: "same-origin" }); }
    }
    document.addEventListener("visibilitychange", function () {
      if (document.visibilityState === "hidden") { flush(); visibleSince = null; }
      else { visibleSince = Date.now(); }
    });
    window.addEventListener("pagehide", flush);
    setInterval(flush, 30000);
  }

  function setupCopy() {
    document.addEventListener("click", function (event) {
      var target = event.target.closest("[data-copy]");
      if (!target) return;
      event.preventDefault();
      var text = target.getAttribute("data-copy");
      if (navigator.clipboard) { navigator.clipboard.writeText(text); }
      target.setAttribute("data-copied", "1");
    });
  }

  document.addEventListener("DOMContentLoaded", function () { setupReadBeacon(); setupCopy(); });
})();
