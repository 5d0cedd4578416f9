// leven: show a banner when the server cannot be reached, and when it restarted.
// Every page of the workbook loads this; texts come from the catalogue via data attributes.
(function () {
  "use strict";
  var banner = document.getElementById("leven-banner");
  if (!banner) { return; }
  var base = (document.body && document.body.getAttribute("data-base-url")) || "/";
  base = base.replace(/voila\/$/, "");
  var url = base + "leven/ping";
  var instance = banner.getAttribute("data-instance");
  function show(text) { banner.textContent = text; banner.hidden = false; }
  function check() {
    fetch(url, { cache: "no-store" })
      .then(function (response) { return response.json(); })
      .then(function (body) {
        if (body.instance !== instance) { show(banner.getAttribute("data-restarted")); }
        else { banner.hidden = true; }
      })
      .catch(function () { show(banner.getAttribute("data-offline")); });
  }
  window.addEventListener("offline", function () { show(banner.getAttribute("data-offline")); });
  window.addEventListener("online", check);
  window.setInterval(check, 5000);
  window.levenCheckConnection = check;
}());

// leven: check photo sizes in the browser before a file field sends them to the kernel.
// ipywidgets' FileUpload sends all chosen files in one websocket message; one over the
// server's limit would cut the connection. Its file input is not in the page, so the check
// wraps the input's "change" listener (installed before any widget is drawn). Limits and
// texts come from the photo field's guard element (.leven-upload-guard, from the catalogue).
// Too large photos are left out with their message; a choice too large together is not sent.
(function () {
  "use strict";
  var lastUpload = null;  // the upload button clicked last: its file input is the one used
  document.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest(".leven-photo-upload");
    if (button) { lastUpload = button; }
  }, true);

  function megabytes(n, lang) {
    var text = String(Math.ceil(n / 1048576 * 10) / 10);
    return (lang === "nl" ? text.replace(".", ",") : text) + " MB";
  }

  // true: let the widget send what is (still) chosen; false: send nothing
  function checkSizes(input) {
    var field = lastUpload && lastUpload.closest(".leven-photo-field");
    var guard = field && field.querySelector(".leven-upload-guard");
    if (!guard || !input.files) { return true; }
    var maxFile = Number(guard.getAttribute("data-max-file"));
    var maxTotal = Number(guard.getAttribute("data-max-total"));
    var lang = guard.getAttribute("data-lang");
    var keep = [], messages = [], total = 0;
    Array.prototype.forEach.call(input.files, function (file) {
      if (file.size > maxFile) {
        messages.push(guard.getAttribute("data-too-large")
          .replace("{naam}", file.name).replace("{size}", megabytes(file.size, lang)));
      } else {
        keep.push(file);
        total += file.size;
      }
    });
    if (total > maxTotal) {
      messages = [guard.getAttribute("data-too-much").replace("{size}", megabytes(total, lang))];
      keep = [];
    }
    guard.textContent = messages.join(" ");
    guard.hidden = messages.length === 0;
    if (!messages.length) { return true; }
    if (!keep.length) { return false; }
    var chosen = new DataTransfer();
    keep.forEach(function (file) { chosen.items.add(file); });
    input.files = chosen.files;
    return true;
  }

  var add = HTMLInputElement.prototype.addEventListener;
  HTMLInputElement.prototype.addEventListener = function (type, listener, options) {
    if (type === "change" && this.type === "file" && typeof listener === "function") {
      var inner = listener;
      listener = function (event) {
        if (checkSizes(this)) { return inner.call(this, event); }
      };
    }
    return add.call(this, type, listener, options);
  };
}());

// leven: a random id for this browser, so each keeps its own drafts (see leven.core.widgets.app). Our
// start page sets it; this sets it for a first visit straight to an app (used from then on).
(function () {
  "use strict";
  if (/(?:^|;\s*)leven_browser=[0-9a-f]{32}(?:;|$)/.test(document.cookie)) { return; }
  var bytes = new Uint8Array(16);
  window.crypto.getRandomValues(bytes);
  var id = Array.prototype.map.call(bytes, function (b) {
    return ("0" + b.toString(16)).slice(-2);
  }).join("");
  document.cookie = "leven_browser=" + id + "; path=/; max-age=31536000; SameSite=Strict";
}());

// leven: a form that is being sent says so, and cannot be sent twice by a double tap.
(function () {
  "use strict";
  document.addEventListener("submit", function (event) {
    var form = event.target;
    var busy = form.getAttribute && form.getAttribute("data-busy");
    var button = form.querySelector && form.querySelector("button[type=submit]");
    if (!busy || !button) { return; }
    if (form.getAttribute("data-sending")) { event.preventDefault(); return; }
    form.setAttribute("data-sending", "1");
    button.textContent = busy;
  });
}());
