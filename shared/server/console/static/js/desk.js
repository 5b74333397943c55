// The desk: the visitor now at the desk with the guest-book data the consultation needs, the
// big buttons, a note, a follow-up, and the waiting lists, kept live by a long poll.

import { api, ApiError, describe } from "./api.js";
import { lang, t } from "./i18n.js";
import { clockTime, facts, h, longDate, replace } from "./dom.js";

const SHORTCUTS = { p: "call-next", u: "recall", s: "finish", t: "no-show", r: "refer" };

let ctx = null;
let root = null;
let view = null;
let receivedAt = 0;
let poller = null;
let ticker = null;
let busy = false;
let shownKey = null;
const drafts = new Map(); // ticket id -> unsaved note text

function mount(element, context) {
  ctx = context;
  root = element;
  view = null;
  shownKey = null;
  if (!ctx.desk) {
    replace(root, h("p", { class: "card hint" }, t("desk.choose")));
    return;
  }
  replace(root, h("div", { class: "desk-grid" },
    h("div", { class: "card desk-main", id: "desk-main" }),
    h("aside", { class: "card queues", id: "queues", "aria-label": t("desk.waiting") })));
  document.addEventListener("keydown", onKey);
  ticker = setInterval(renderQueues, 30000);
  poll();
}

function unmount() {
  document.removeEventListener("keydown", onKey);
  clearInterval(ticker);
  poller?.abort();
  poller = null;
  root = null;
}

// --- keeping up with the queue --------------------------------------------------------------

async function poll() {
  const controller = new AbortController();
  poller?.abort();
  poller = controller;
  let failures = 0;
  while (poller === controller) {
    const since = view ? `&since=${view.version}` : "";
    try {
      const fresh = await api.get(`/console/desks/${encodeURIComponent(ctx.desk)}?timeout=25${since}`,
        { signal: controller.signal });
      if (poller !== controller) return;
      show(fresh);
      failures = 0;
    } catch (error) {
      if (poller !== controller || error.name === "AbortError") return;
      if (error instanceof ApiError && (error.status === 401 || error.status === 403)) return;
      failures += 1;
      if (failures === 2) ctx.notify(describe(error), "error");
      await new Promise((resolve) => setTimeout(resolve, Math.min(1000 * failures, 5000)));
    }
  }
}

async function refresh() {
  const fresh = await api.get(`/console/desks/${encodeURIComponent(ctx.desk)}?timeout=0`);
  show(fresh);
}

function show(fresh) {
  if (!root) return;
  if (view && fresh.version < view.version) return;
  view = fresh;
  receivedAt = performance.now();
  ctx.setFollowUpBadge(view.follow_ups_open, view.follow_ups_overdue);
  const c = view.current;
  const key = JSON.stringify(c ? [c.id, c.status, c.recalls, c.note, c.follow_up] : null);
  if (key !== shownKey) {
    shownKey = key;
    renderMain();
  }
  renderQueues();
}

// --- the visitor at the desk ----------------------------------------------------------------

function button(action, label, key, className = "") {
  return h("button", { type: "button", id: action, class: `big ${className}`, "data-action": action,
    onclick: () => run(action) },
    label, key ? h("kbd", {}, key) : null);
}

function renderMain() {
  const main = document.getElementById("desk-main");
  if (!main) return;
  const desk = ctx.deskInfo(ctx.desk);
  const deskName = lang() === "en" ? desk.name_en : desk.name;
  const c = view.current;
  const heading = h("h2", {}, `${t("desk.current")} · ${deskName}`);
  if (!c) {
    replace(main, heading,
      h("p", { class: "empty", id: "current-empty" }, t("desk.empty")),
      h("div", { class: "actions" }, button("call-next", t("desk.callNext"), "P", "primary")),
      h("p", { class: "shortcuts" }, t("desk.shortcuts")));
    return;
  }
  const g = c.guest;
  const guest = g ? facts([
    [t("guest.name"), g.name],
    [t("guest.institution"), g.institution],
    [t("guest.occupation"), g.occupation],
    [t("guest.purpose"), g.purpose],
    [t("guest.identity"), `${g.id_type} ${g.id_number_masked}`],
    [t("guest.email"), g.email],
    [t("guest.phone"), g.phone],
  ], "facts guest") : h("p", { class: "muted" }, t("guest.none"));
  replace(main, heading,
    h("div", { class: "visitor", id: "current" },
      h("div", { class: "ticket" },
        h("div", { class: "number", id: "current-number" }, c.number),
        h("div", { class: "service" }, ctx.serviceName(c.service)),
        c.priority ? h("span", { class: "tag priority" }, t("desk.priority")) : null,
        h("div", { class: "muted" }, `${t("desk.calledAt")} ${clockTime(c.called_at)}`),
        c.recalls ? h("div", { class: "muted" }, `${t("desk.recalls")} ${c.recalls} ${t("desk.times")}`) : null),
      guest),
    h("div", { class: "actions" },
      button("call-next", t("desk.callNext"), "P", "primary"),
      button("recall", t("desk.recall"), "U"),
      button("finish", t("desk.finish"), "S", "good"),
      button("no-show", t("desk.noShow"), "T", "warn")),
    h("div", { class: "tools" }, referRow(c), followUpRow(c)),
    noteBox(c),
    h("p", { class: "shortcuts" }, t("desk.shortcuts")));
}

function referRow(c) {
  const targets = ctx.setup.services.filter((s) => s.enabled && s.code !== c.service);
  if (!targets.length) return h("p", { class: "muted small" }, t("desk.noReferTarget"));
  return h("div", { class: "row refer" },
    h("label", {}, h("span", {}, t("desk.referTo")),
      h("select", { id: "refer-service" }, targets.map((s) =>
        h("option", { value: s.code }, ctx.serviceName(s.code))))),
    h("button", { type: "button", id: "refer", "data-action": "refer", onclick: () => run("refer") },
      t("desk.refer"), h("kbd", {}, "R")));
}

function followUpRow(c) {
  if (c.follow_up) {
    const f = c.follow_up;
    return h("p", { class: `follow-up-due${f.overdue ? " late" : ""}`, id: "follow-up-due" },
      `${t("desk.followUpDue")} ${longDate(f.due_on)}`);
  }
  const form = h("form", { class: "row follow-up-form", hidden: true, onsubmit: (e) => {
    e.preventDefault();
    run("follow-up", form.elements.note.value);
  } },
  h("input", { name: "note", id: "follow-up-note", placeholder: t("desk.followUpNote"), maxlength: 1000 }),
  h("button", { type: "submit", id: "follow-up-mark" }, t("desk.followUpMark")));
  return h("div", { class: "follow-up" },
    h("button", { type: "button", id: "follow-up", onclick: () => {
      form.hidden = !form.hidden;
      if (!form.hidden) form.elements.note.focus();
    } }, t("desk.followUp")),
    form);
}

function noteBox(c) {
  const saved = c.note?.text ?? "";
  const area = h("textarea", { id: "note", rows: 2, maxlength: 1000,
    "aria-label": t("desk.note"), placeholder: t("desk.note") });
  area.value = drafts.get(c.id) ?? saved;
  area.addEventListener("input", () => drafts.set(c.id, area.value));
  return h("div", { class: "note" },
    area,
    h("div", { class: "row" },
      h("button", { type: "button", id: "note-save", onclick: () => run("note", area.value) }, t("desk.noteSave")),
      c.note ? h("span", { class: "muted small", id: "note-saved" },
        `${t("desk.noteSaved")} ${clockTime(c.note.updated_at)} ${t("desk.by")} ${c.note.author}`) : null));
}

// --- the waiting lists ----------------------------------------------------------------------

function renderQueues() {
  const aside = document.getElementById("queues");
  if (!aside || !view) return;
  const elapsed = Math.floor((performance.now() - receivedAt) / 60000);
  replace(aside, h("h2", {}, t("desk.waiting")), view.waiting.map((queue) => {
    const name = lang() === "en" ? queue.name_en : queue.name;
    return h("div", { class: "queue", "data-service": queue.service },
      h("h3", {}, name, h("span", { class: "count" }, String(queue.total))),
      queue.tickets.length
        ? h("ol", { class: "waiting" }, queue.tickets.map((w) => h("li", { "data-number": w.number },
          h("span", { class: "number" }, w.number),
          w.priority ? h("span", { class: "tag priority", title: t("desk.priority") }, t("desk.priority")) : null,
          h("span", { class: "waited" }, `${w.minutes_waited + elapsed} ${t("desk.minutes")}`))))
        : h("p", { class: "muted" }, t("desk.nobodyWaiting")),
      queue.total > queue.tickets.length
        ? h("p", { class: "muted small" }, `+${queue.total - queue.tickets.length} ${t("desk.more")}`) : null);
  }));
}

// --- the officer's actions ------------------------------------------------------------------

async function run(action, text) {
  if (busy || !view) return;
  const c = view.current;
  const needsVisitor = action !== "call-next";
  if (needsVisitor && !c) return;
  busy = true;
  root?.classList.add("busy");
  try {
    const message = await perform(action, c, text);
    await refresh(); // the desk shows the new state before the message says it is done
    if (message) ctx.notify(message, "ok");
  } catch (error) {
    if (error.status === 404 && error.code === "queue_empty") ctx.notify(t("desk.queueEmpty"), "info");
    else if (error.status !== 401) ctx.notify(describe(error), "error");
  } finally {
    busy = false;
    root?.classList.remove("busy");
  }
}

async function perform(action, c, text) {
  switch (action) {
    case "call-next": {
      const called = await api.post(`/desks/${encodeURIComponent(ctx.desk)}/call-next`);
      return `${t("desk.called")}: ${called.number}`;
    }
    case "recall":
      await api.post(`/tickets/${c.id}/recall`);
      return `${t("desk.recalled")}: ${c.number}`;
    case "finish":
      await api.post(`/tickets/${c.id}/finish`);
      drafts.delete(c.id);
      return `${t("desk.finished")}: ${c.number}`;
    case "no-show":
      await api.post(`/tickets/${c.id}/no-show`);
      drafts.delete(c.id);
      return `${t("desk.markedNoShow")}: ${c.number}`;
    case "refer": {
      const select = document.getElementById("refer-service");
      if (!select) return null;
      const created = await api.post(`/tickets/${c.id}/transfer`, { service: select.value });
      drafts.delete(c.id);
      return `${c.number} → ${ctx.serviceName(created.service)}. ${t("desk.referred")} ${created.number}`;
    }
    case "follow-up": {
      const f = await api.post(`/tickets/${c.id}/follow-up`, { note: text ?? "" });
      return `${t("desk.followUpDue")} ${longDate(f.due_on)}`;
    }
    case "note":
      await api.put(`/tickets/${c.id}/note`, { text });
      drafts.delete(c.id);
      return t("desk.noteSaved");
    default:
      return null;
  }
}

function onKey(event) {
  if (event.ctrlKey || event.altKey || event.metaKey || event.repeat) return;
  const target = event.target;
  if (target instanceof HTMLElement && target.closest("input, textarea, select, [contenteditable]")) return;
  const action = SHORTCUTS[event.key.toLowerCase()];
  if (!action) return;
  event.preventDefault();
  if (action === "refer") {
    // Referring needs a choice of service: the key only opens the choice.
    document.getElementById("refer-service")?.focus();
    return;
  }
  run(action);
}

export default {
  id: "desk",
  label: "nav.desk",
  roles: ["officer", "admin"],
  mount,
  unmount,
};
