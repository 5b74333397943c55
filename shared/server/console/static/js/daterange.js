// A range of days as the guest book and the reports ask for it: the two date fields (from,
// to), the range read back from their form, the API's query string; and the reports' month
// picker, its months named in the console's language (a browser's own month field names
// them in the browser's language, whatever the console shows).

import { lang, t } from "./i18n.js";
import { h } from "./dom.js";

const MONTHS_SHOWN = 24;

/** The "from" and "to" date fields, for a form's row of filters. */
export function rangeFields(range) {
  return [
    h("label", {}, h("span", {}, t("gb.from")), h("input", { type: "date", name: "from", value: range.from, required: true })),
    h("label", {}, h("span", {}, t("gb.to")), h("input", { type: "date", name: "to", value: range.to, required: true })),
  ];
}

export function readRange(form) {
  return { from: form.elements.from.value, to: form.elements.to.value };
}

export function showRange(form, range) {
  form.elements.from.value = range.from;
  form.elements.to.value = range.to;
}

/** "from=2026-12-01&to=2026-12-31" */
export function rangeQuery(range) {
  return `from=${encodeURIComponent(range.from)}&to=${encodeURIComponent(range.to)}`;
}

/** "2026-02" -> {from: "2026-02-01", to: "2026-02-28"} */
export function monthRange(month) {
  const [y, m] = month.split("-").map(Number);
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return { from: `${month}-01`, to: `${month}-${String(last).padStart(2, "0")}` };
}

/** "2026-10" -> "Oktober 2026" / "October 2026" */
export function monthName(month) {
  const [y, m] = month.split("-").map(Number);
  return new Date(Date.UTC(y, m - 1, 1)).toLocaleDateString(lang() === "en" ? "en-GB" : "id-ID", {
    month: "long", year: "numeric", timeZone: "UTC",
  });
}

function monthsUpTo(month, count) {
  const [y, m] = month.split("-").map(Number);
  return Array.from({ length: count }, (_, i) => {
    const d = new Date(Date.UTC(y, m - 1 - i, 1));
    return `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, "0")}`;
  });
}

/** "2026-10" when ``range`` is that whole month, else "". */
export function wholeMonth(range) {
  const whole = monthRange(range.from.slice(0, 7));
  return whole.from === range.from && whole.to === range.to ? range.from.slice(0, 7) : "";
}

/** A choice of the last two years' months (newest first) with the range's month chosen, or
 *  the blank choice for a range that is not a whole month. ``onpick(range)`` on a month. */
export function monthPicker(today, range, onpick) {
  const months = monthsUpTo(today.slice(0, 7), MONTHS_SHOWN);
  const chosen = wholeMonth(range);
  if (chosen && !months.includes(chosen)) months.push(chosen);
  return h("select", { name: "month", onchange: (event) => {
    if (event.target.value) onpick(monthRange(event.target.value));
  } },
  h("option", { value: "", selected: !chosen }, "–"),
  months.map((month) => h("option", { value: month, selected: month === chosen }, monthName(month))));
}
