// The guest book: today's visits (or a date range), searchable by name or institution, and
// the CSV export for the office's reports (identity numbers masked). The server answers a
// page at a time (at most 200 visits); "more" asks for the next page and adds it.

import { api, describe, request } from "./api.js";
import { t } from "./i18n.js";
import { clockTime, h, replace, shortDate } from "./dom.js";
import { rangeFields, rangeQuery, readRange } from "./daterange.js";

let ctx = null;
let root = null;
let filters = null;
let shown = [];

const PAGE = 100;

function mount(element, context) {
  ctx = context;
  root = element;
  filters = filters ?? { from: ctx.setup.today, to: ctx.setup.today, q: "" };
  const form = h("form", { class: "row filters", id: "guest-book-filters", onsubmit: (event) => {
    event.preventDefault();
    filters = { ...readRange(form), q: form.elements.q.value };
    load();
  } },
  rangeFields(filters),
  h("label", { class: "grow" }, h("span", {}, t("gb.search")),
    h("input", { type: "search", name: "q", id: "guest-search", value: filters.q, maxlength: 100 })),
  h("button", { type: "submit", class: "primary" }, t("gb.show")),
  h("button", { type: "button", id: "csv", onclick: download }, t("gb.csv")));
  replace(root, h("div", { class: "card" }, h("h2", {}, t("gb.title")), form,
    h("div", { id: "guest-book" })));
  load();
}

function unmount() {
  root = null;
}

function query() {
  return rangeQuery(filters);
}

async function load(more = false) {
  const offset = more ? shown.length : 0;
  try {
    const page = await api.get(`/guest-book?${query()}&q=${encodeURIComponent(filters.q)}`
      + `&limit=${PAGE}&offset=${offset}`);
    shown = more ? shown.concat(page) : page;
    render(shown, page.length === PAGE);
  } catch (error) {
    if (error.status !== 401) ctx.notify(describe(error), "error");
  }
}

function render(visits, more) {
  const box = document.getElementById("guest-book");
  if (!root || !box) return;
  if (!visits.length) {
    replace(box, h("p", { class: "muted" }, t("gb.none")));
    return;
  }
  replace(box, h("p", { class: "muted small" }, `${visits.length} ${t("gb.count")}`),
    h("table", { class: "list guest-book" },
      h("thead", {}, h("tr", {}, [t("gb.date"), t("gb.number"), t("guest.name"), t("guest.institution"),
        t("guest.occupation"), t("guest.purpose"), t("guest.identity"), t("gb.status"), t("fu.note")]
        .map((label) => h("th", {}, label)))),
      h("tbody", {}, visits.map((v) => {
        const g = v.guest;
        return h("tr", { "data-number": v.number },
          h("td", {}, shortDate(v.issued_at.slice(0, 10)), h("div", { class: "muted small" }, clockTime(v.issued_at))),
          h("td", { class: "number" }, v.number),
          h("td", {}, g?.name || "–"),
          h("td", {}, g?.institution || "–"),
          h("td", {}, g?.occupation || "–"),
          h("td", {}, g?.purpose || "–"),
          h("td", { class: "small" }, g ? `${g.id_type} ${g.id_number_masked}` : "–"),
          h("td", {}, t(`status.${v.status}`),
            v.follow_up ? h("span", { class: `tag${v.follow_up.overdue ? " late" : ""}` }, t("nav.followups")) : null),
          h("td", { class: "small" }, v.note?.text || ""));
      }))),
    more ? h("button", { type: "button", id: "guest-more", onclick: () => load(true) }, t("gb.more"))
      : null);
}

async function download() {
  try {
    const response = await request("GET", `/guest-book.csv?${query()}`, undefined, { raw: true });
    const blob = await response.blob();
    const disposition = response.headers.get("Content-Disposition") || "";
    const name = /filename="([^"]+)"/.exec(disposition)?.[1] ?? "buku-tamu.csv";
    const link = h("a", { href: URL.createObjectURL(blob), download: name, hidden: true });
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(link.href), 10000);
  } catch (error) {
    if (error.status !== 401) ctx.notify(describe(error), "error");
  }
}

export default {
  id: "guestbook",
  label: "nav.guestbook",
  roles: ["officer", "admin"],
  mount,
  unmount,
};
