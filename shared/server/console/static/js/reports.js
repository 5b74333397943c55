// The admin's reports: a month (or any range) of visitors, waiting and service times, calls,
// no-shows, referrals, faces and the IKM, with charts the server draws (SVG), a printable
// monthly report for the province, and the SKM answers as CSV.

import { describe, request, api } from "./api.js";
import { lang, t } from "./i18n.js";
import { h, replace, longDate } from "./dom.js";
import { monthPicker, monthRange, rangeFields, rangeQuery, readRange, showRange, wholeMonth } from "./daterange.js";

let ctx = null;
let root = null;
let range = null;

const CHARTS = ["visitors-per-day", "visitors-per-hour", "waiting-times", "skm-elements"];

function mount(element, context) {
  ctx = context;
  root = element;
  range = range ?? monthRange(ctx.setup.today.slice(0, 7));
  const form = h("form", { class: "row filters no-print", id: "report-filters", onsubmit: (event) => {
    event.preventDefault();
    range = readRange(form);
    form.elements.month.value = wholeMonth(range);
    load();
  } },
  h("label", {}, h("span", {}, t("rep.month")), monthPicker(ctx.setup.today, range, (month) => {
    range = month;
    showRange(form, range);
    load();
  })),
  rangeFields(range),
  h("button", { type: "submit", class: "primary" }, t("gb.show")),
  h("button", { type: "button", id: "print-report", onclick: () => window.print() }, t("rep.print")),
  h("button", { type: "button", id: "skm-csv", onclick: download }, t("rep.csv")));
  replace(root, h("div", { class: "card report" }, h("h2", { class: "no-print" }, t("nav.reports")), form,
    h("div", { id: "report" })));
  load();
}

function unmount() {
  root = null;
}

function query() {
  return rangeQuery(range);
}

async function chart(name) {
  const response = await request("GET", `/reports/charts/${name}.svg?${query()}`, undefined, { raw: true });
  const svg = await response.text();
  // A data: URL (the console's CSP allows images from itself and data:, nothing else).
  const url = `data:image/svg+xml;base64,${btoa(unescape(encodeURIComponent(svg)))}`;
  return h("img", { src: url, alt: name, class: "chart", "data-chart": name });
}

async function load() {
  try {
    const report = await api.get(`/reports/summary?${query()}`);
    const charts = await Promise.all(CHARTS.map(chart));
    render(report, charts);
  } catch (error) {
    if (error.status !== 401) ctx.notify(describe(error), "error");
  }
}

const minutes = (value) => (value === null || value === undefined ? "–" : `${String(value).replace(".", lang() === "en" ? "." : ",")} ${t("rep.min")}`);

function table(id, head, rows) {
  if (!rows.length) return h("p", { class: "muted small" }, t("rep.none"));
  return h("table", { class: "list compact", id },
    h("thead", {}, h("tr", {}, head.map((label) => h("th", {}, label)))),
    h("tbody", {}, rows.map((cells) => h("tr", {}, cells.map((c) => h("td", {}, String(c)))))));
}

function pairs(map) {
  return Object.entries(map);
}

function render(r, charts) {
  const box = document.getElementById("report");
  if (!root || !box) return;
  const s = r.satisfaction;
  const ikm = s.ikm === null ? "–" : `${s.ikm.toFixed(2)} (${s.grade}, ${lang() === "en" ? s.label_en : s.label})`;
  const faces = [t("rep.face1"), t("rep.face2"), t("rep.face3"), t("rep.face4")];
  replace(box,
    h("header", { class: "print-only" }, h("h1", {}, `${t("rep.printTitle")} · ${ctx.setup.office}`)),
    h("p", { class: "period" }, `${longDate(r.from)} – ${longDate(r.to)}`),
    h("div", { class: "figures", id: "headline" }, [
      [t("rep.visitors"), r.visitors], [t("rep.tickets"), r.tickets],
      [t("rep.waitMedian"), minutes(r.waiting.median_minutes)], [t("rep.waitP90"), minutes(r.waiting.p90_minutes)],
      [t("rep.serviceMedian"), minutes(r.service_time.median_minutes)], [t("rep.serviceP90"), minutes(r.service_time.p90_minutes)],
      [t("rep.noShows"), r.no_shows], [t("rep.referrals"), r.referrals],
      [t("rep.ratings"), r.ratings], [t("rep.ikm"), ikm],
      [t("rep.followUps"), r.follow_ups_open === null ? "–" : `${r.follow_ups_open} / ${r.follow_ups_overdue}`],
    ].map(([label, value]) => h("div", { class: "figure" }, h("span", { class: "muted small" }, label), h("strong", {}, String(value))))),
    h("div", { class: "charts" }, charts),
    h("div", { class: "report-grid" },
      h("div", {}, h("h3", {}, t("rep.perService")), table("per-service", [t("rep.service"), t("rep.count")],
        pairs(r.per_service).map(([code, n]) => [ctx.serviceName(code), n]))),
      h("div", {}, h("h3", {}, t("rep.perPurpose")), table("per-purpose", [t("guest.purpose"), t("rep.count")], pairs(r.per_purpose))),
      h("div", {}, h("h3", {}, t("rep.perOccupation")), table("per-occupation", [t("guest.occupation"), t("rep.count")], pairs(r.per_occupation))),
      h("div", {}, h("h3", {}, t("rep.calls")),
        table("per-desk", [t("desk.label"), t("rep.count")], pairs(r.calls_per_desk).map(([d, n]) => [ctx.deskInfo(d)?.name ?? d, n])),
        table("per-officer", [t("rep.officer"), t("rep.count")], pairs(r.calls_per_officer))),
      h("div", {}, h("h3", {}, t("rep.faces")), table("faces", [t("rep.face"), t("rep.count")], faces.map((f, i) => [f, r.faces[i]]))),
      h("div", {}, h("h3", {}, t("rep.skm")),
        table("skm", [t("rep.element"), t("rep.mean")], s.elements.map((e) => [`U${e.element} ${lang() === "en" ? e.name_en : e.name}`,
          e.mean === null ? "–" : e.mean.toFixed(2)])),
        h("p", { class: "muted small" }, `${t("rep.respondents")}: ${s.respondents}. ${t("rep.weighting")}: ${s.weighting}`))));
}

async function download() {
  try {
    const response = await request("GET", `/reports/skm.csv?${query()}`, undefined, { raw: true });
    const blob = await response.blob();
    const link = h("a", { href: URL.createObjectURL(blob), download: `skm-${range.from}-${range.to}.csv`, hidden: true });
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(link.href), 10000);
  } catch (error) {
    if (error.status !== 401) ctx.notify(describe(error), "error");
  }
}

export default {
  id: "reports",
  label: "nav.reports",
  roles: ["admin"],
  mount,
  unmount,
};
