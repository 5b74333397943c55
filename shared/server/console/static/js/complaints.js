// Complaints: what visitors filed at the kiosk or on their phone, handled by the admin:
// new -> in progress -> closed, with a reply note; filtered by status.

import { api, describe } from "./api.js";
import { t } from "./i18n.js";
import { clockTime, h, replace, shortDate } from "./dom.js";

let ctx = null;
let root = null;
let status = "open";

const TABS = ["open", "new", "in_progress", "closed", "all"];

function mount(element, context) {
  ctx = context;
  root = element;
  load();
}

function unmount() {
  root = null;
}

async function load() {
  if (!root) return;
  try {
    const filter = status === "all" || status === "open" ? "" : `?status=${status}`;
    const answer = await api.get(`/complaints${filter}`);
    ctx.setComplaintBadge(answer.open);
    const shown = status === "open" ? answer.complaints.filter((c) => c.status !== "closed") : answer.complaints;
    render(answer, shown);
  } catch (error) {
    if (error.status !== 401) ctx.notify(describe(error), "error");
  }
}

function count(answer, tab) {
  if (tab === "open") return answer.open;
  if (tab === "all") return Object.values(answer.counts).reduce((a, b) => a + b, 0);
  return answer.counts[tab] ?? 0;
}

function render(answer, shown) {
  if (!root) return;
  const tabs = h("div", { class: "tabs", role: "tablist" }, TABS.map((tab) =>
    h("button", { type: "button", role: "tab", id: `complaints-${tab}`, "aria-selected": String(status === tab),
      onclick: () => { status = tab; load(); } }, `${t(`cp.${tab}`)} (${count(answer, tab)})`)));
  const list = shown.length ? h("table", { class: "list complaints" },
    h("thead", {}, h("tr", {}, [t("cp.filed"), t("cp.text"), t("cp.contact"), t("cp.status"), ""]
      .map((label) => h("th", {}, label)))),
    h("tbody", {}, shown.map(row))) : h("p", { class: "muted" }, t("cp.none"));
  replace(root, h("div", { class: "card" }, h("h2", {}, t("cp.title")),
    h("p", { class: "muted", id: "open-complaints" }, `${t("cp.openCount")}: ${answer.open}`), tabs, list));
}

function row(c) {
  const note = h("textarea", { rows: 2, maxlength: 2000, class: "reply", "aria-label": t("cp.reply") });
  note.value = c.reply ?? "";
  const choose = h("select", { class: "status" }, ["new", "in_progress", "closed"].map((s) =>
    h("option", { value: s, selected: s === c.status }, t(`cp.${s}`))));
  const save = h("button", { type: "button", class: "primary", onclick: async () => {
    save.disabled = true;
    try {
      await api.patch(`/complaints/${c.id}`, { status: choose.value, reply: note.value || null });
      ctx.notify(t("cp.saved"));
      load();
    } catch (error) {
      if (error.status !== 401) ctx.notify(describe(error), "error");
    } finally {
      save.disabled = false;
    }
  } }, t("cp.save"));
  return h("tr", { "data-complaint": c.id, class: c.status === "new" ? "overdue" : null },
    h("td", {}, shortDate(c.created_at.slice(0, 10)), h("div", { class: "muted small" }, clockTime(c.created_at)),
      h("div", { class: "small" }, `${t(`cp.via.${c.channel}`)}${c.ticket_number ? ` · ${c.ticket_number}` : ""}`)),
    h("td", { class: "complaint-text" }, c.text),
    h("td", { class: "small" }, c.contact_email || "", c.contact_phone ? h("div", {}, c.contact_phone) : null,
      !c.contact_email && !c.contact_phone ? "–" : null),
    h("td", {}, h("span", { class: `tag${c.status === "closed" ? " ok" : c.status === "new" ? " late" : ""}` }, t(`cp.${c.status}`)),
      c.updated_by ? h("div", { class: "muted small" }, c.updated_by) : null),
    h("td", { class: "actions-cell" }, note, choose, save));
}

export default {
  id: "complaints",
  label: "nav.complaints",
  roles: ["admin"],
  mount,
  unmount,
};
