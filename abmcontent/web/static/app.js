// abmcontent web workspace: small progressive enhancements; every page works without them.
(function () {
  "use strict";
  document.documentElement.classList.add("js");

  function onReady(fn) {
    if (document.readyState !== "loading") fn();
    else document.addEventListener("DOMContentLoaded", fn);
  }

  // Filters of the account list apply as soon as a select changes.
  function autosubmit() {
    document.querySelectorAll("form[data-autosubmit]").forEach(function (form) {
      form.querySelectorAll("select").forEach(function (select) {
        select.addEventListener("change", function () { form.requestSubmit(); });
      });
    });
  }

  // "Remove" on a stakeholder or challenge greys the row out until the form is saved.
  function removeToggles() {
    document.querySelectorAll(".remove-toggle input").forEach(function (box) {
      box.addEventListener("change", function () {
        var row = box.closest(".row-card");
        if (row) row.classList.toggle("removing", box.checked);
      });
    });
  }

  // One click is enough: a submitted build button is disabled while the page changes.
  function singleSubmit() {
    document.querySelectorAll("form.generate, form.batch-form").forEach(function (form) {
      form.addEventListener("submit", function () {
        form.querySelectorAll("button[type=submit]").forEach(function (b) {
          b.disabled = true;
          b.setAttribute("aria-busy", "true");
        });
      });
    });
  }

  function showProgress(box, data) {
    var bar = box.querySelector(".bar");
    var text = box.querySelector("[data-progress-text]");
    var meter = box.querySelector("[role=progressbar]");
    var total = data.total || 0;
    var pct = total ? Math.round((100 * data.done) / total) : 8;
    if (bar) bar.style.width = Math.max(4, Math.min(100, pct)) + "%";
    if (text) text.textContent = data.done + " / " + (total || "…") + (data.failed ? "  (" + data.failed + " ✕)" : "");
    if (meter) {
      meter.setAttribute("aria-valuemax", String(total));
      meter.setAttribute("aria-valuenow", String(data.done));
    }
  }

  // Follow a running build; reload the page to show its results when it ends.
  function poll() {
    var box = document.querySelector("[data-poll]");
    if (!box) return;
    var url = box.getAttribute("data-poll");
    var bar = box.querySelector(".bar");
    if (bar) showProgress(box, { done: +bar.dataset.done, total: +bar.dataset.total, failed: 0 });
    function tick() {
      fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } })
        .then(function (r) { return r.ok ? r.json() : null; })
        .then(function (data) {
          if (!data) return;
          showProgress(box, data);
          if (data.state !== "running") window.location.reload();
          else window.setTimeout(tick, 700);
        })
        .catch(function () { window.setTimeout(tick, 2000); });
    }
    window.setTimeout(tick, 400);
  }

  // The new-account form proposes the id an import would give (domain, romanised name),
  // until the id is typed by hand.
  function suggestId() {
    var form = document.querySelector("form[data-suggest-id]");
    if (!form) return;
    var id = form.querySelector("input[name=id]");
    if (!id) return;
    var typed = id.value !== "";
    id.addEventListener("input", function () { typed = id.value !== ""; });
    function ask() {
      if (typed) return;
      var params = new URLSearchParams();
      ["name", "name_en", "website"].forEach(function (key) {
        var field = form.querySelector("[name=" + key + "]");
        params.set(key, field ? field.value : "");
      });
      fetch(form.getAttribute("data-suggest-id") + "?" + params.toString(), {
        credentials: "same-origin", headers: { Accept: "application/json" }
      })
        .then(function (r) { return r.ok ? r.json() : null; })
        .then(function (data) { if (data && !typed) id.value = data.id; })
        .catch(function () {});
    }
    ["name", "name_en", "website"].forEach(function (key) {
      var field = form.querySelector("[name=" + key + "]");
      if (field) field.addEventListener("change", ask);
    });
  }

  onReady(function () {
    suggestId();
    autosubmit();
    removeToggles();
    singleSubmit();
    poll();
  });
})();
