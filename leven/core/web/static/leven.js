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
  // participants' pages keep no drafts: their banner says what is true for them
  var who = document.body && document.body.classList.contains("leven-participant")
    ? "-participant" : "";
  function show(text, state) {
    if (banner.getAttribute("data-state") === "kernel") { return; }  // that one says more
    banner.textContent = text;
    banner.setAttribute("data-state", state);
    banner.hidden = false;
  }
  function check() {
    fetch(url, { cache: "no-store" })
      .then(function (response) { return response.json(); })
      .then(function (body) {
        if (body.instance !== instance) {
          show(banner.getAttribute("data-restarted" + who), "restarted");
        }
        else if (banner.getAttribute("data-state") === "offline") { banner.hidden = true; }
      })
      .catch(function () { show(banner.getAttribute("data-offline" + who), "offline"); });
  }
  window.addEventListener("offline", function () {
    show(banner.getAttribute("data-offline" + who), "offline");
  });
  window.addEventListener("online", check);
  window.setInterval(check, 5000);
  window.levenCheckConnection = check;
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
