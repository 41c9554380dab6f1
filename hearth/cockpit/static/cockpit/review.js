// The review queue's keyboard: j/k next/previous, c claim, a approve, r reject (focus the
// rule), e escalate (focus the reason), x select for the bulk actions. Every action is
// a plain form too; this only moves focus and submits those forms.
(function () {
  "use strict";

  var current = null;
  var pending = null; // a key pressed while HTMX was swapping the current card

  function items() {
    return Array.prototype.slice.call(
      document.querySelectorAll("[data-review-list] .review-item:not([data-state=decided])")
    );
  }

  function select(item) {
    if (!item) return;
    if (current && current !== item) current.classList.remove("is-current");
    current = item;
    item.classList.add("is-current");
    item.focus({ preventScroll: true });
    item.scrollIntoView({ block: "nearest", behavior: "smooth" });
  }

  function move(step) {
    var list = items();
    if (!list.length) return;
    var index = current ? list.indexOf(current) : -1;
    if (index === -1) {
      select(list[step > 0 ? 0 : list.length - 1]);
      return;
    }
    select(list[Math.min(list.length - 1, Math.max(0, index + step))]);
  }

  function submit(form) {
    if (!form) return;
    if (form.requestSubmit) form.requestSubmit();
    else form.submit();
  }

  function countSelected() {
    var out = document.querySelector("[data-selected-count]");
    if (out) out.textContent = document.querySelectorAll("input[data-select]:checked").length;
  }

  function typing(target) {
    var tag = target && target.tagName;
    return tag === "INPUT" || tag === "TEXTAREA" || tag === "SELECT" || (target && target.isContentEditable);
  }

  function onKey(event) {
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    if (typing(event.target)) {
      if (event.key === "Escape") {
        event.target.blur();
        if (current) current.focus({ preventScroll: true });
      }
      return;
    }
    var key = event.key;
    if (key === "j" || key === "k") {
      move(key === "j" ? 1 : -1);
      event.preventDefault();
      return;
    }
    if (current && !document.body.contains(current)) {
      // HTMX is still swapping the card in: act on it once it has loaded (htmx:load)
      if ("caerx".indexOf(key) !== -1 && key.length === 1) { pending = key; event.preventDefault(); }
      return;
    }
    if (perform(key)) event.preventDefault();
  }

  function perform(key) {
    if (!current) return false;
    var act = function (name) { return current.querySelector("form[data-action=" + name + "]"); };
    if (key === "c") { submit(act("claim")); return true; }
    if (key === "a") { submit(act("approve")); return true; }
    if (key === "r") {
      var rule = current.querySelector("form[data-action=reject] select");
      if (rule) { rule.focus(); return true; }
    } else if (key === "e") {
      var why = current.querySelector("form[data-action=escalate] input[type=text]");
      if (why) { why.focus(); return true; }
    } else if (key === "x") {
      var box = current.querySelector("input[data-select]");
      if (box) { box.checked = !box.checked; countSelected(); return true; }
    }
    return false;
  }

  document.addEventListener("DOMContentLoaded", function () {
    var list = document.querySelector("[data-review-list]");
    if (!list) return;
    document.addEventListener("keydown", onKey);
    document.addEventListener("change", function (event) {
      if (event.target.matches && event.target.matches("input[data-select]")) countSelected();
    });
    list.addEventListener("click", function (event) {
      var item = event.target.closest && event.target.closest(".review-item");
      if (item && item.getAttribute("data-state") !== "decided") select(item);
    });
    // After HTMX redraws a card (htmx:load fires on the new element), keep the cursor on
    // it, or move it to the next open item once the card is decided.
    document.body.addEventListener("htmx:load", function (event) {
      var card = event.target;
      if (!card || !card.classList || !card.classList.contains("review-item")) return;
      current = null;
      if (card.getAttribute("data-state") === "decided") {
        var open = items();
        var next = open.filter(function (el) {
          return card.compareDocumentPosition(el) & Node.DOCUMENT_POSITION_FOLLOWING;
        })[0] || open[open.length - 1];
        if (next) select(next);
      } else {
        select(card);
      }
      countSelected();
      if (pending) {
        var key = pending;
        pending = null;
        perform(key);
      }
    });
    countSelected();
  });
})();
