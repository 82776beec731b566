// mockisc dashboard: the pages work without this script; it adds the
// controls that change the fake (each posts JSON to the admin API under
// /__mockisc/, which checks the caller) and the live request timeline.
"use strict";
document.documentElement.classList.add("js");

// fieldValue converts a form field to its JSON value by data-type; it
// returns undefined for an empty field, which is then left out.
function fieldValue(el) {
  if (el.type === "checkbox") return el.checked ? true : undefined;
  const v = el.value.trim();
  if (v === "") return undefined;
  switch (el.dataset.type) {
    case "int": return parseInt(v, 10);
    case "float": return parseFloat(v);
    case "json": return JSON.parse(v);
    default: return v;
  }
}

// callAPI sends method path with body (a value or undefined) and returns
// the response, throwing an Error with the API's error text.
async function callAPI(method, path, body, bearer) {
  const init = { method, headers: {}, credentials: "same-origin" };
  if (bearer) init.headers["Authorization"] = "Bearer " + bearer;
  if (body !== undefined) {
    init.headers["Content-Type"] = "application/json";
    init.body = typeof body === "string" ? body : JSON.stringify(body);
  }
  const resp = await fetch(path, init);
  if (!resp.ok) {
    let text = resp.status + " " + resp.statusText;
    try { const e = await resp.json(); if (e.error) text = e.error; } catch (_) {}
    throw new Error(text);
  }
  return resp;
}

// Forms with data-api call the admin API: data-method and data-api say
// what, the fields (name, data-type) make the JSON body unless
// data-body="none"; data-file names a file input whose content is the
// body; data-bearer names a field sent as the Authorization header
// instead (the login form). On success the page reloads; on error the
// form's .result shows it.
async function submitAPI(form) {
  const out = form.querySelector(".result");
  if (out) { out.textContent = "…"; out.className = "result"; }
  try {
    let body;
    if (form.dataset.file) {
      const f = form.querySelector("input[name=" + form.dataset.file + "]").files[0];
      if (!f) throw new Error("choose a file first");
      body = await f.text();
    } else if (form.dataset.body !== "none") {
      body = {};
      for (const el of form.querySelectorAll("input[name], select[name], textarea[name]")) {
        let v;
        try { v = fieldValue(el); } catch (e) { throw new Error(el.name + ": " + e.message); }
        if (v !== undefined) body[el.name] = v;
      }
    }
    if (form.dataset.confirm && !window.confirm(form.dataset.confirm)) { if (out) out.textContent = ""; return; }
    let bearer;
    if (form.dataset.bearer) bearer = form.querySelector("input[name=" + form.dataset.bearer + "]").value.trim();
    await callAPI(form.dataset.method, form.dataset.api, body, bearer);
    if (out) { out.textContent = "done"; out.className = "result ok"; }
    window.location.reload();
  } catch (e) {
    if (out) { out.textContent = e.message; out.className = "result error"; }
  }
}

document.addEventListener("submit", (ev) => {
  const form = ev.target;
  if (form.dataset && form.dataset.api) { ev.preventDefault(); submitAPI(form); }
});

// The live timeline: with "live" checked, the rows and the chart are
// fetched again every two seconds.
function startLive() {
  const box = document.getElementById("live");
  const rows = document.getElementById("rows");
  const chart = document.getElementById("chart");
  if (!box || !rows) return;
  setInterval(async () => {
    if (!box.checked || document.hidden) return;
    const u = new URL(window.location.href);
    u.searchParams.set("fragment", "rows");
    try {
      const resp = await fetch(u, { credentials: "same-origin" });
      if (resp.ok) rows.innerHTML = await resp.text();
    } catch (_) {}
    if (chart) chart.src = chart.src.replace(/([?&])t=\d+/, "$1t=" + Date.now());
  }, 2000);
}
document.addEventListener("DOMContentLoaded", startLive);

// A click anywhere on a timeline or table row opens the row's first link.
document.addEventListener("click", (ev) => {
  const row = ev.target.closest && ev.target.closest("tr.row");
  if (!row || ev.target.closest("a, button, input, select")) return;
  const link = row.querySelector("a[href]");
  if (link) window.location.href = link.href;
});
