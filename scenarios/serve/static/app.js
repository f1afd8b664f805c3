// The browser view of enisim serve: it renders the state the page came
// with, then follows the session over Server-Sent Events (/enisim/events):
// "state" events carry the whole state, "line" events the timeline.
"use strict";

const $ = (id) => document.getElementById(id);
const el = (tag, attrs, ...kids) => {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) e.setAttribute(k, v);
  for (const k of kids) e.append(k);
  return e;
};
const td = (text, cls) => el("td", cls ? { class: cls } : {}, String(text));

function render(s) {
  $("clock").textContent = s.clock;
  $("eni-count").textContent = s.enis;
  $("pause").textContent = s.paused ? "Resume" : "Pause";
  $("status").textContent = s.paused ? "paused" : "";
  const sp = $("speed");
  if (document.activeElement !== sp) {
    if (![...sp.options].some((o) => o.value === s.speed)) sp.append(el("option", { value: s.speed }, s.speed + "×"));
    sp.value = s.speed;
  }
  $("roles").textContent = s.roles.length ? s.roles.join(", ") : "none";

  const subnets = $("subnets").tBodies[0];
  subnets.replaceChildren(...s.subnets.map((n) => {
    const bar = el("span", { class: "bar", title: `${n.other} held by other resources, ${n.enis} by Lambda ENIs, of ${n.capacity}` },
      el("span", { class: "other", style: `width:${(100 * n.other) / n.capacity}%` }),
      el("span", { class: "lambda", style: `width:${Math.max(n.enis ? 1 : 0, (100 * n.enis) / n.capacity)}%` }));
    const use = el("td", {}, bar, `${n.other + n.enis} / ${n.capacity}`);
    return el("tr", {}, td(n.id, "key"), td(n.az), td(n.cidr), use, td(n.enis, "num"), td(n.free, "num"));
  }));

  const keys = $("keys").tBodies[0];
  keys.replaceChildren(...s.keys.map((k) => {
    const enis = el("td", {}, ...k.enis.map((e) => el("span", { class: "eni " + e.state, title: `${e.id} (${e.state})` }, `${e.name} ${e.ip}`)));
    if (k.blocked) enis.append(el("span", { class: "badge Failed" }, "blocked: " + k.blocked));
    return el("tr", {}, td(k.key, "key"), td(k.users.join(", ")), td(k.ports, "num"), enis);
  }));

  const fns = $("functions").tBodies[0];
  fns.replaceChildren(...s.functions.map((f) => {
    const state = el("td", {}, el("span", { class: "badge " + f.state }, f.state + (f.reason ? ` (${f.reason})` : "")));
    const upd = el("td", {}, f.lastUpdate ? el("span", { class: "badge " + f.lastUpdate }, f.lastUpdate + (f.lastUpdateReason ? ` (${f.lastUpdateReason})` : "")) : "");
    const errs = Object.entries(f.errors || {}).map(([k, v]) => `${k} ${v}`);
    if (f.throttled) errs.push(`throttled ${f.throttled}`);
    return el("tr", {}, td(f.name, "key"), state, upd, td(f.keys.join(" "), "key"), td(f.invocations, "num"), td(f.succeeded, "num"), td(errs.join(", ")));
  }));
}

let lastSeq = 0;
function addLine(l) {
  if (l.seq <= lastSeq) return;
  lastSeq = l.seq;
  const list = $("timeline");
  const atBottom = list.scrollTop + list.clientHeight >= list.scrollHeight - 4;
  list.append(el("li", {}, el("span", { class: "at" }, l.at), l.text));
  while (list.children.length > 2000) list.firstChild.remove();
  if (atBottom) list.scrollTop = list.scrollHeight;
}

async function control(path, body) {
  const r = await fetch(path, { method: "POST", headers: { "X-Enisim-Control": "1", "Content-Type": "application/x-www-form-urlencoded" }, body });
  if (r.ok) render(await r.json());
}

let state = JSON.parse($("initial-state").textContent);
render(state);
for (const l of JSON.parse($("initial-lines").textContent)) addLine(l);
$("timeline").scrollTop = $("timeline").scrollHeight;

$("pause").addEventListener("click", () => control(state.paused ? "/enisim/resume" : "/enisim/pause"));
$("speed").addEventListener("change", (e) => control("/enisim/speed", "value=" + encodeURIComponent(e.target.value)));

const events = new EventSource("/enisim/events");
events.addEventListener("state", (e) => { state = JSON.parse(e.data); render(state); });
events.addEventListener("line", (e) => addLine(JSON.parse(e.data)));
