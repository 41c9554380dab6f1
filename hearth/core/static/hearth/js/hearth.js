// Hearth's small page helpers: the read beacon and copy-to-clipboard.
(function () {
  "use strict";

  function csrfToken() {
    var match = document.cookie.match(/(?:^|; )csrftoken=([^;]+)/);
    return match ? decodeURIComponent(match[1]) : "";
  }

  // Read beacon: a topic page with data-read-beacon reports the time it was visible and
  // the deepest point of the topic reached (depth, percent of the element's height).
  function setupReadBeacon() {
    var el = document.querySelector("[data-read-beacon]");
    if (!el) return;
    var url = el.getAttribute("data-read-beacon");
    var visibleSince = document.visibilityState === "visible" ? Date.now() : null;
    var accumulated = 0;
    var sent = 0;
    var depth = 0;
    var sentDepth = -1;
    var pending = false;
    function measure() {
      pending = false;
      var box = el.getBoundingClientRect();
      if (box.height <= 0) return;
      var seen = (window.innerHeight - box.top) / box.height * 100;
      depth = Math.max(depth, Math.min(100, Math.max(0, Math.round(seen))));
    }
    window.addEventListener("scroll", function () {
      if (!pending) { pending = true; window.requestAnimationFrame(measure); }
    }, { passive: true });
    measure();
    function flush() {
      if (visibleSince !== null) { accumulated += Date.now() - visibleSince; visibleSince = Date.now(); }
      var seconds = Math.round(accumulated / 1000) - sent;
      // nothing before a whole second on the page (a page left at once is no read); after
      // that, more time or a deeper point is worth a beacon
      if (accumulated < 1000 || (seconds < 1 && depth <= sentDepth)) return;
      sent += Math.max(seconds, 0);
      sentDepth = depth;
      var body = new FormData();
      body.append("dwell", String(Math.max(seconds, 0)));
      body.append("depth", String(depth));
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
