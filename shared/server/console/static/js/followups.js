// Follow-ups: visits the standard's "one working day" still owes work on. Overdue ones first
// and marked; each closed with a note of what was done.

import { api, describe } from "./api.js";
import { t } from "./i18n.js";
import { clockTime, h, longDate, replace, shortDate } from "./dom.js";

let ctx = null;
let root = null;
let state = "open";

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
    const items = await api.get(`/follow-ups?state=${state}`);
    if (state === "open") {
      ctx.setFollowUpBadge(items.length, items.filter((f) => f.overdue).length);
    }
    render(items);
  } catch (error) {
    if (error.status !== 401) ctx.notify(describe(error), "error");
  }
}

function tabs() {
  return h("div", { class: "tabs", role: "tablist" }, ["open", "closed"].map((s) =>
    h("button", { type: "button", role: "tab", "aria-selected": String(state === s), id: `fu-${s}`,
      onclick: () => { state = s; load(); } }, t(`fu.${s}`))));
}

function render(items) {
  if (!root) return;
  const table = items.length ? h("table", { class: "list follow-ups" },
    h("thead", {}, h("tr", {},
      [t("fu.number"), t("fu.visit"), t("fu.visitor"), t("fu.note"), state === "open" ? t("fu.due") : t("fu.closedBy"), ""]
        .map((label) => h("th", {}, label)))),
    h("tbody", {}, items.map(row))) : h("p", { class: "muted" }, state === "open" ? t("fu.none") : t("fu.noneClosed"));
  replace(root, h("div", { class: "card" }, h("h2", {}, t("fu.title")), tabs(), table));
}

function row(f) {
  const cells = [
    h("td", { class: "number" }, f.number),
    h("td", {}, shortDate(f.visit_day)),
    h("td", {}, f.visitor_name || "–", f.institution ? h("div", { class: "muted small" }, f.institution) : null),
    h("td", {}, f.note || "–", f.closing_note ? h("div", { class: "small" }, f.closing_note) : null),
  ];
  if (f.open) {
    cells.push(h("td", { class: "due" }, longDate(f.due_on),
      f.overdue ? h("span", { class: "tag late" }, t("fu.overdue")) : null));
    cells.push(h("td", {}, closeForm(f)));
  } else {
    cells.push(h("td", {}, `${shortDate(f.closed_at.slice(0, 10))} ${clockTime(f.closed_at)} · ${f.closed_by}`));
    cells.push(h("td", {}));
  }
  return h("tr", { class: f.overdue ? "overdue" : "", "data-follow-up": f.id, "data-number": f.number }, cells);
}

function closeForm(f) {
  const form = h("form", { class: "row", hidden: true, onsubmit: async (event) => {
    event.preventDefault();
    try {
      await api.post(`/follow-ups/${f.id}/close`, { note: form.elements.note.value });
      ctx.notify(`${t("fu.closeConfirm")}: ${f.number}`, "ok");
      load();
    } catch (error) {
      if (error.status !== 401) ctx.notify(describe(error), "error");
    }
  } },
  h("input", { name: "note", placeholder: t("fu.closeNote"), required: true, maxlength: 1000 }),
  h("button", { type: "submit", class: "good" }, t("fu.closeConfirm")));
  const open = h("button", { type: "button", class: "close-open", onclick: () => {
    form.hidden = false;
    open.hidden = true;
    form.elements.note.focus();
  } }, t("fu.close"));
  return h("div", {}, open, form);
}

export default {
  id: "followups",
  label: "nav.followups",
  roles: ["officer", "admin"],
  mount,
  unmount,
};
