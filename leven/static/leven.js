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
