// The composer's "Insert image" button: upload a picture, put its Markdown at the cursor.
// Works on forms swapped in by htmx (listeners on the document); never touches the text
// typed meanwhile: a placeholder marks the spot and is replaced when the upload answers.
(function () {
  "use strict";

  var gettext = window.gettext || function (text) { return text; };
  var interpolate = window.interpolate || function (format, values, named) {
    return format.replace(/%\((\w+)\)s/g, function (_m, key) { return String(values[key]); });
  };
  var pending = 0;
  var counter = 0;

  function csrfToken(tools) {
    var form = tools.closest("form");
    var input = form && form.querySelector("input[name=csrfmiddlewaretoken]");
    if (input) return input.value;
    var match = document.cookie.match(/(?:^|; )csrftoken=([^;]+)/);
    return match ? decodeURIComponent(match[1]) : "";
  }

  function showStatus(tools, message, isError) {
    var status = tools.querySelector("[data-image-status]");
    if (!status) return;
    status.textContent = message;
    status.classList.toggle("action-error", Boolean(isError));
  }

  function textareaFor(tools) {
    return document.getElementById(tools.getAttribute("data-target"));
  }

  // Insert ``text`` on its own line at the cursor (or in place of the selection);
  // returns what was inserted, line breaks included.
  function insertAtCursor(textarea, text) {
    var value = textarea.value;
    var start = textarea.selectionStart == null ? value.length : textarea.selectionStart;
    var end = textarea.selectionEnd == null ? start : textarea.selectionEnd;
    var before = value.slice(0, start);
    var after = value.slice(end);
    var lead = before && !/\n$/.test(before) ? "\n" : "";
    var trail = after && !/^\n/.test(after) ? "\n" : "";
    textarea.value = before + lead + text + trail + after;
    var cursor = (before + lead + text).length;
    textarea.setSelectionRange(cursor, cursor);
    textarea.dispatchEvent(new Event("input", { bubbles: true }));
    return lead + text + trail;
  }

  // Swap the placeholder (with its line breaks, else the bare marker) for the Markdown, or
  // remove it when ``markdown`` is empty; if the writer deleted it, add the Markdown at the end.
  function replacePlaceholder(textarea, placeholder, marker, markdown) {
    var found = textarea.value.indexOf(placeholder) !== -1 ? placeholder : marker;
    var at = textarea.value.indexOf(found);
    if (at === -1) {
      if (markdown) textarea.value += (textarea.value && !/\n$/.test(textarea.value) ? "\n" : "") + markdown + "\n";
    } else {
      var text = markdown ? found.replace(marker, markdown) : "";
      var keepCursor = textarea.selectionStart;
      textarea.value = textarea.value.slice(0, at) + text + textarea.value.slice(at + found.length);
      if (document.activeElement === textarea && keepCursor != null) {
        var moved = keepCursor > at ? text.length - found.length : 0;
        var cursor = Math.max(0, keepCursor + moved);
        textarea.setSelectionRange(cursor, cursor);
      }
    }
    textarea.dispatchEvent(new Event("input", { bubbles: true }));
  }

  function answerOf(response) {
    return response.json().catch(function () { return null; }).then(function (body) {
      return { ok: response.ok, body: body };
    });
  }

  function upload(tools, file) {
    var textarea = textareaFor(tools);
    if (!textarea) return;
    var maxBytes = parseInt(tools.getAttribute("data-max-bytes"), 10);
    if (maxBytes && file.size > maxBytes) {
      showStatus(tools, interpolate(gettext("The image is larger than %(max)s MB."),
        { max: tools.getAttribute("data-max-mb") }, true), true);
      return;
    }
    counter += 1;
    var marker = "![" + interpolate(gettext("Uploading image %(n)s…"), { n: counter }, true) + "]()";
    var placeholder = insertAtCursor(textarea, marker);
    pending += 1;
    showStatus(tools, gettext("Uploading the image…"), false);
    var body = new FormData();
    body.append("image", file);
    fetch(tools.getAttribute("data-upload-url"), {
      method: "POST", body: body, credentials: "same-origin",
      headers: { "X-CSRFToken": csrfToken(tools), "Accept": "application/json" }
    }).then(answerOf).then(function (answer) {
      var current = textareaFor(tools) || textarea;
      if (answer.ok && answer.body && answer.body.markdown) {
        replacePlaceholder(current, placeholder, marker, answer.body.markdown);
        showStatus(tools, gettext("Image inserted."), false);
      } else {
        replacePlaceholder(current, placeholder, marker, "");
        var error = answer.body && answer.body.error && answer.body.error.message;
        showStatus(tools, error || gettext("The image could not be uploaded. Try again."), true);
      }
    }).catch(function () {
      replacePlaceholder(textareaFor(tools) || textarea, placeholder, marker, "");
      showStatus(tools, gettext("The image could not be uploaded: check your connection and try again."), true);
    }).then(function () { pending -= 1; });
  }

  document.addEventListener("click", function (event) {
    var button = event.target.closest("[data-image-insert]");
    if (!button || button.disabled) return;
    event.preventDefault();
    var input = button.closest("[data-composer-image]").querySelector("[data-image-file]");
    if (input) input.click();
  });

  document.addEventListener("change", function (event) {
    var input = event.target.closest("[data-image-file]");
    if (!input || !input.files || !input.files.length) return;
    var tools = input.closest("[data-composer-image]");
    Array.prototype.forEach.call(input.files, function (file) { upload(tools, file); });
    input.value = "";
  });

  // Hold the form while an image is still on its way, so the placeholder is never published.
  document.addEventListener("submit", function (event) {
    if (!pending || !event.target.querySelector("[data-composer-image]")) return;
    event.preventDefault();
    var tools = event.target.querySelector("[data-composer-image]");
    showStatus(tools, gettext("Wait until the image has finished uploading."), true);
  }, true);
})();
