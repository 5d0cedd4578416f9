// leven: what only the app (Voila) pages need; leven.js is loaded before this.
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

// leven: nothing typed is lost when the page's kernel dies (killed, out of memory, culled)
// or the server is away. What is typed in a form is also kept in this browser (per page,
// form and record, until that form says it saved); after a reload it is put back into
// fields that came back empty. Every few seconds the page asks whether its kernel is still
// the one that drew it; if not, the banner says so with one button: reload. A save clicked
// while the connection is lost says at the form that nothing was saved.
(function () {
  "use strict";
  var banner = document.getElementById("leven-banner");
  var config = document.getElementById("jupyter-config-data");
  if (!banner || !config || !window.localStorage) { return; }
  var base = ((document.body && document.body.getAttribute("data-base-url")) || "/")
    .replace(/voila\/$/, "");
  var page = location.pathname + location.search.replace(/[?&]leven_b=1/, "");
  var PREFIX = "leven:typed:";
  var WEEK = 7 * 24 * 3600 * 1000;
  var lost = false;

  function kernelId() {
    try { return JSON.parse(config.textContent).kernelId || ""; } catch (e) { return ""; }
  }
  function formKey(form) {
    var kind = "", record = "";
    form.classList.forEach(function (name) {
      if (name.indexOf("leven-form-") === 0 && name.indexOf("leven-form-status") !== 0) { kind = name; }
      if (name.indexOf("leven-record-") === 0 && name !== "leven-record-form") { record = name; }
    });
    return PREFIX + page + ":" + kind + ":" + record;
  }
  function fieldName(field) {
    var found = "";
    field.classList.forEach(function (name) {
      if (name.indexOf("leven-field-") === 0 && name !== "leven-field-error") { found = name; }
    });
    return found;
  }
  function inputs(form) {
    return Array.prototype.filter.call(
      form.querySelectorAll(".leven-field input, .leven-field textarea"),
      function (el) { return el.type !== "checkbox" && el.type !== "radio" && el.type !== "file"; });
  }
  function read(key) {
    try { return JSON.parse(localStorage.getItem(key) || "null"); } catch (e) { return null; }
  }
  function keep(form) {
    var values = {};
    inputs(form).forEach(function (el) {
      var field = el.closest(".leven-field");
      if (field && fieldName(field)) { values[fieldName(field)] = el.value; }
    });
    var key = formKey(form);
    // every key this form wrote: a new record typed under "nieuw" is saved under its id
    form.levenKeys = form.levenKeys || {};
    form.levenKeys[key] = true;
    try { localStorage.setItem(key, JSON.stringify({at: Date.now(), values: values})); }
    catch (e) { /* storage full or refused: the kernel's draft is still there */ }
  }
  function forget(form) {
    var keys = Object.keys(form.levenKeys || {});
    keys.push(formKey(form));
    keys.forEach(function (key) {
      try { localStorage.removeItem(key); } catch (e) { /* nothing kept */ }
    });
    form.levenKeys = {};
  }
  // ipywidgets' upload button counts the files of its current choice, which the photo field
  // empties after each upload: "(0)" beside a note with photos. The field says the count.
  function uncount(button) {
    Array.prototype.forEach.call(button.childNodes, function (node) {
      if (node.nodeType === 3 && /\s*\(\d+\)\s*$/.test(node.nodeValue)) {
        node.nodeValue = node.nodeValue.replace(/\s*\(\d+\)\s*$/, "");
      }
    });
  }
  document.addEventListener("input", function (event) {
    var form = event.target.closest && event.target.closest(".leven-record-form");
    if (form && !form.getAttribute("data-leven-restoring")) { keep(form); }
  }, true);

  function restore(form) {
    if (form.getAttribute("data-leven-restored")) { return false; }
    form.setAttribute("data-leven-restored", "1");
    var kept = read(formKey(form));
    if (!kept || !kept.values || Date.now() - kept.at > WEEK) { return false; }
    form.levenKeys = form.levenKeys || {};
    form.levenKeys[formKey(form)] = true;  // saved later under its id: forget this one too
    var changed = false;
    form.setAttribute("data-leven-restoring", "1");
    inputs(form).forEach(function (el) {
      var field = el.closest(".leven-field");
      var value = field && kept.values[fieldName(field)];
      if (value && !el.value) {
        el.value = value;
        el.dispatchEvent(new Event("input", {bubbles: true}));
        el.dispatchEvent(new Event("change", {bubbles: true}));
        el.dispatchEvent(new Event("blur", {bubbles: true}));
        changed = true;
      }
    });
    form.removeAttribute("data-leven-restoring");
    return changed;
  }
  function say(text, state) {
    banner.textContent = text;
    banner.setAttribute("data-state", state);
    var button = state === "kernel";
    if (button) {
      var reload = document.createElement("button");
      reload.type = "button";
      reload.className = "leven-banner-reload";
      reload.textContent = banner.getAttribute("data-reload");
      reload.addEventListener("click", function () { location.reload(); });
      banner.appendChild(document.createTextNode(" "));
      banner.appendChild(reload);
    }
    banner.hidden = false;
  }
  new MutationObserver(function () {
    document.querySelectorAll(".leven-photo-upload").forEach(uncount);
    if (lost) { return; }
    var restored = false;
    document.querySelectorAll(".leven-record-form").forEach(function (form) {
      if (form.querySelector(".leven-saved")) {
        forget(form);
      } else if (inputs(form).length) {
        restored = restore(form) || restored;
      }
    });
    if (restored) {
      say(banner.getAttribute("data-restored"), "restored");
      window.setTimeout(function () {
        if (banner.getAttribute("data-state") === "restored") { banner.hidden = true; }
      }, 15000);
    }
  }).observe(document.documentElement, {childList: true, subtree: true});

  var pid = null;
  function check() {
    var id = kernelId();
    if (!id || lost) { return; }
    fetch(base + "leven/kernel/" + id, {cache: "no-store"})
      .then(function (response) {
        if (response.status === 404) { return {gone: true}; }
        return response.ok ? response.json() : null;
      })
      .then(function (body) {
        if (!body) { return; }
        if (pid === null && !body.gone) { pid = body.pid; return; }
        if (body.gone || body.pid !== pid) {
          lost = true;
          window.levenKernelLost = true;
          document.querySelectorAll(".leven-record-form").forEach(keep);
          say(banner.getAttribute("data-kernel"), "kernel");
        }
      })
      .catch(function () { /* the server is away: the connection banner says so */ });
  }
  window.setInterval(check, 2000);
  window.levenCheckKernel = check;

  // A page whose widgets never appeared or broke (its kernel start timed out under load) is
  // reloaded once by itself; if that did not help either, the banner says so, with the reload button.
  window.addEventListener("load", function () {
    window.setTimeout(function () {
      var app = location.pathname.indexOf("/voila/render/") >= 0 &&
        location.pathname.indexOf("/analyse/") < 0;  // analysis pages have no widgets
      var broken = Array.prototype.some.call(document.querySelectorAll(".jupyter-widgets"),
        function (el) { return /^Error displaying widget/.test(el.textContent); });
      var shown = document.querySelector(".leven-app, .leven-app-missing");
      if (lost || (!broken && (!app || shown))) { return; }
      var key = "leven:reloaded:" + page;
      var last = 0;
      try { last = Number(sessionStorage.getItem(key) || 0); } catch (e) { last = Date.now(); }
      if (Date.now() - last > 300000) {
        try { sessionStorage.setItem(key, String(Date.now())); } catch (e) { /* no storage */ }
        location.reload();
        return;
      }
      say(banner.getAttribute("data-not-shown"), "kernel");
    }, window.levenWatchMs || 45000);
  });

  document.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest(".leven-save");
    var offline = !banner.hidden && banner.getAttribute("data-state") === "offline";
    if (!button || !(lost || offline || !navigator.onLine)) { return; }
    var form = button.closest(".leven-record-form");
    if (form) { keep(form); }
    var note = (form || document).querySelector(".leven-not-saved") || document.createElement("p");
    note.className = "leven-form-status-error leven-not-saved";
    note.setAttribute("role", "alert");
    note.textContent = banner.getAttribute("data-not-saved");
    if (!note.parentNode) { button.parentNode.insertBefore(note, button.nextSibling); }
  }, true);
}());

// leven: tell the server when this page's widgets are on the screen (or broke, or this is a
// page without widgets): only then is the page drawn, and the next page waiting in the queue
// ("even geduld, u bent de N-de") may go. Without this word the server waits 30 s at most.
(function () {
  "use strict";
  var config = document.getElementById("jupyter-config-data");
  if (!config) { return; }
  var base = ((document.body && document.body.getAttribute("data-base-url")) || "/")
    .replace(/voila\/$/, "");
  var id = "";
  try { id = JSON.parse(config.textContent).kernelId || ""; } catch (e) { return; }
  if (!id) { return; }
  var app = location.pathname.indexOf("/voila/render/") >= 0 &&
    location.pathname.indexOf("/analyse/") < 0;
  var started = Date.now();
  var timer = window.setInterval(function () {
    var broken = Array.prototype.some.call(document.querySelectorAll(".jupyter-widgets"),
      function (el) { return /^Error displaying widget/.test(el.textContent); });
    var shown = !app || broken || document.querySelector(".leven-app, .leven-app-missing") ||
      Date.now() - started > 60000;
    if (!shown) { return; }
    window.clearInterval(timer);
    fetch(base + "leven/shown/" + id, {cache: "no-store"}).catch(function () { /* away */ });
  }, 250);
}());

// leven: a chart made to fit its box (charts.fit: Vega-Lite width "container", class
// leven-chart-fit) reads its box's width when it is drawn, and again only on a window resize.
// A chart drawn in a tab not yet shown, or before its element is in the page, reads 0 and
// stays 0 px wide; so when such a box gets a new width, the window is told it resized.
(function () {
  "use strict";
  if (!window.ResizeObserver || !window.MutationObserver) { return; }
  var widths = new WeakMap();
  var pending = false;
  var sizes = new ResizeObserver(function (entries) {
    var changed = entries.some(function (entry) {
      var width = Math.round(entry.contentRect.width);
      var before = widths.get(entry.target);
      widths.set(entry.target, width);
      return width > 0 && width !== before;
    });
    if (changed && !pending) {
      pending = true;
      window.requestAnimationFrame(function () {
        pending = false;
        window.dispatchEvent(new Event("resize"));
      });
    }
  });
  function watch(root) {
    if (root.classList && root.classList.contains("leven-chart-fit")) { sizes.observe(root); }
    if (root.querySelectorAll) {
      Array.prototype.forEach.call(root.querySelectorAll(".leven-chart-fit"), function (box) {
        sizes.observe(box);
      });
    }
  }
  new MutationObserver(function (records) {
    records.forEach(function (record) {
      if (record.type === "attributes") { watch(record.target); }
      Array.prototype.forEach.call(record.addedNodes, watch);
    });
  }).observe(document.body, { childList: true, subtree: true, attributes: true,
                              attributeFilter: ["class"] });
  watch(document.body);
}());
