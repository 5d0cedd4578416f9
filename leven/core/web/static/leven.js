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

// leven: the header's presentatiemodus switch (large type and strong contrast for a projector),
// remembered per browser; the script in each page's head applied it before the first paint.
(function () {
  "use strict";
  var root = document.documentElement;
  var key = "leven-presentatie";
  function mark() {
    var on = root.classList.contains(key);
    Array.prototype.forEach.call(document.querySelectorAll(".leven-presentatie-switch"),
      function (button) { button.setAttribute("aria-pressed", on ? "true" : "false"); });
  }
  document.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest(".leven-presentatie-switch");
    if (!button) { return; }
    var on = root.classList.toggle(key);
    try { window.localStorage.setItem(key, on ? "1" : "0"); } catch (e) { /* private mode */ }
    mark();
    window.dispatchEvent(new Event("resize"));  // charts that follow their box redraw
  });
  mark();
}());

// leven: an app page's header links to the same proeftuin's other steps, and names it once the
// page's widgets (which know its name) are there. Voila renders the header before the request.
(function () {
  "use strict";
  var chosen = new URLSearchParams(window.location.search).get("proeftuin");
  var header = document.querySelector(".leven-header");
  var current = header && header.querySelector(".leven-steps [aria-current]");
  if (current) {  // on a phone the steps scroll: the current one in view
    var row = current.closest("ol");
    row.scrollLeft = current.getBoundingClientRect().left - row.getBoundingClientRect().left - 16;
  }
  if (!chosen || !header) { return; }
  Array.prototype.forEach.call(header.querySelectorAll(".leven-steps a"), function (link) {
    link.href = link.getAttribute("href") + "?proeftuin=" + encodeURIComponent(chosen);
  });
  var brand = header.querySelector(".leven-brand");
  if (brand) { brand.href = brand.getAttribute("href") + "#" + encodeURIComponent(chosen); }
  var place = header.querySelector("[data-leven-proeftuin-naam]");
  if (!place) { return; }
  var tries = 0;
  var timer = window.setInterval(function () {
    var found = document.querySelector(".leven-app [data-leven-proeftuin-naam]");
    if (found && found.textContent) { place.textContent = found.textContent; }
    if (found || ++tries > 240) { window.clearInterval(timer); }
  }, 250);
}());

// leven: a box that scrolls (a wide table on a phone, a long list) can be reached and scrolled
// with the keyboard: it gets a place in the tab order while, and only while, it scrolls.
(function () {
  "use strict";
  var boxes = ".leven-app .widget-box, .leven-app .widget-html-content, .leven-app .leven-chart-scroll, "
    + ".leven-kt-cards, .leven-steps ol";
  function scrolls(box) {
    if (box.scrollWidth <= box.clientWidth + 1 && box.scrollHeight <= box.clientHeight + 1) {
      return false;
    }
    var style = window.getComputedStyle(box);
    return /auto|scroll/.test(style.overflowX + style.overflowY);
  }
  function mark() {
    Array.prototype.forEach.call(document.querySelectorAll(boxes), function (box) {
      var ours = box.hasAttribute("data-leven-scrolls");
      if (scrolls(box)) {
        if (!ours && !box.hasAttribute("tabindex")) {
          box.setAttribute("tabindex", "0");
          box.setAttribute("data-leven-scrolls", "");
        }
      } else if (ours) {
        box.removeAttribute("tabindex");
        box.removeAttribute("data-leven-scrolls");
      }
    });
  }
  window.setInterval(mark, 700);
  window.addEventListener("resize", mark);
  // a box filled by the kernel (a tab's table drawn after a click) is marked at once
  var soon = null;
  new MutationObserver(function () {
    if (soon === null) { soon = window.setTimeout(function () { soon = null; mark(); }, 30); }
  }).observe(document.body, { childList: true, subtree: true });
  window.levenMarkScrolling = mark;  // for tests: at once, not on the next tick
  mark();
}());

// leven: the queue's 'even geduld' page asks for its place every few seconds and says the
// new place in its live region (a reload would make a screen reader start over), and goes
// on to the page asked for when its turn comes (or when the server no longer knows it).
(function () {
  "use strict";
  var queue = document.querySelector("[data-leven-ask]");
  if (!queue) { return; }
  var place = queue.querySelector(".leven-queue-place");
  var again = queue.getAttribute("data-leven-again");
  var seconds = parseFloat(queue.getAttribute("data-leven-seconds")) || 2;
  function ask() {
    fetch(queue.getAttribute("data-leven-ask"), { cache: "no-store" })
      .then(function (response) { return response.json(); })
      .then(function (body) {
        if (!body.place) { window.location.replace(again); return; }
        if (place.textContent !== body.text) { place.textContent = body.text; }
        window.setTimeout(ask, seconds * 1000);
      })
      .catch(function () { window.setTimeout(ask, seconds * 1000); });  // the banner says it
  }
  window.setTimeout(ask, seconds * 1000);
}());
